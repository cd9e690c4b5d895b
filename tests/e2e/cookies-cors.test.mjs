// Cookies and CORS in the page: the origin setting, verdicts and cookies on each exchange, the
// CORS fix with its copy buttons, and cookie values kept out of sight until asked for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage, typeInto, reportText } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const PREFLIGHT = [
  'OPTIONS /v1/me HTTP/1.1',
  'Host: api.example.com',
  'Origin: https://app.example.com',
  'Access-Control-Request-Method: GET',
  'Access-Control-Request-Headers: authorization',
  '',
  'HTTP/1.1 401 Unauthorized',
  'WWW-Authenticate: Bearer realm="api"',
  '',
].join('\n');

const SESSION = 'c2Vzc2lvbi12YWx1ZS00ODIxLXNlY3JldA';
const LEGACY = 'bGVnYWN5LXZhbHVlLTk5MTc';

/** auth.example.com sets a host-only session cookie; the API on another host gets none. */
const HOST_ONLY_LOGIN = [
  'POST https://auth.example.com/login HTTP/1.1',
  'Host: auth.example.com',
  '',
  'HTTP/1.1 200 OK',
  `Set-Cookie: session=${SESSION}; Path=/; Secure; HttpOnly; SameSite=Lax`,
  '',
  'GET https://api.example.com/v1/me HTTP/1.1',
  'Host: api.example.com',
  '',
  'HTTP/1.1 401 Unauthorized',
  'WWW-Authenticate: Bearer realm="api"',
  '',
].join('\n');

/** The same login with `Domain`: the API should get `session`, but the request carries others. */
const WRONG_COOKIES = [
  'POST https://auth.example.com/login HTTP/1.1',
  'Host: auth.example.com',
  '',
  'HTTP/1.1 200 OK',
  `Set-Cookie: session=${SESSION}; Domain=example.com; Path=/; Secure; HttpOnly; SameSite=Lax`,
  'Set-Cookie: theme=dark; Domain=example.com; Path=/',
  '',
  'GET https://api.example.com/v1/me HTTP/1.1',
  'Host: api.example.com',
  `Cookie: theme=dark; legacy=${LEGACY}`,
  '',
  'HTTP/1.1 401 Unauthorized',
  'WWW-Authenticate: Bearer realm="api"',
  '',
].join('\n');

test('a preflight answered 401 gets a failing CORS verdict and a fix to copy', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const before = await page.evaluate(() => location.href);
  await page.fill('#input', PREFLIGHT);
  await typeInto(page, '#origin', 'https://app.example.com');

  await page.waitForSelector('[data-exchange="0"] [data-cors="fail"]');
  assert.match(await page.textContent('[data-exchange="0"] [data-cors="fail"]'), /CORS blocks it/, 'the verdict is in words, not colour alone');
  assert.equal(await page.$eval('[data-exchange="0"] details[data-cors]', (d) => d.open), true, 'the failing row shows its reason');
  assert.match(await page.textContent('[data-exchange="0"] .exchanges__reason'), /preflight/i);
  assert.equal(await page.getAttribute('[data-step="cors-preflight"]', 'data-status'), 'fail');
  assert.equal(await page.$('#origin-error'), null, 'a valid origin is not an error');
  assert.equal(await page.getAttribute('#origin', 'aria-invalid'), null);

  const fix = await page.textContent('#cors-fix');
  assert.match(fix, /Access-Control-Allow-Origin: https:\/\/app\.example\.com/);
  assert.match(await page.textContent('#cors-fix-headers'), /^Access-Control-Allow-Origin: https:\/\/app\.example\.com$/m);
  assert.match(await page.textContent('#cors-fix-nginx'), /return 204;/);
  assert.match(await page.textContent('#cors-fix-express'), /res\.sendStatus\(204\)/);
  assert.equal(await page.$$eval('#cors-fix pre > code', (els) => els.length), 3);
  const labels = await page.$$eval('#cors-fix button.copy', (els) => els.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(labels, ['Copy the response headers', 'Copy the nginx configuration', 'Copy the Express middleware']);
  assert.equal(await page.$$eval('#cors-fix *', (els) => els.filter((e) => !['SECTION', 'H2', 'H3', 'P', 'CODE', 'DIV', 'PRE', 'BUTTON', 'SPAN', 'DETAILS', 'SUMMARY'].includes(e.tagName)).length), 0,
    'the fix is text only');

  // The origin lives in memory only.
  assert.equal(await page.evaluate(() => location.href), before, 'the origin is not put in the URL');
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing is stored');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('an origin without a scheme is refused with the reason and not used', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', PREFLIGHT);
  await typeInto(page, '#origin', 'app.example.com');
  // The engine reads the field in its worker: the answer for the last keystroke comes a moment later.
  await page.waitForFunction(() => /no scheme: write https:\/\/app\.example\.com /.test(document.querySelector('#origin-error')?.textContent ?? ''));
  assert.equal(await page.getAttribute('#origin', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#origin', 'aria-describedby'), /origin-error/);
  // Fixing it clears the error; the form a browser writes is what is used.
  await typeInto(page, '#origin', 'https://App.Example.com:443/');
  await page.waitForFunction(() => document.querySelector('#origin-used code')?.textContent === 'https://app.example.com');
  assert.equal(await page.$('#origin-error'), null);
  await page.waitForSelector('#cors-fix');
  assert.match(await page.textContent('#cors-fix-headers'), /Access-Control-Allow-Origin: https:\/\/app\.example\.com\n/);
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a copy button copies its snippet on click and says so; a refusal leaves the page working', async () => {
  const allowed = await openPage(env.browser, env.base, { permissions: ['clipboard-read', 'clipboard-write'] });
  await allowed.page.fill('#input', PREFLIGHT);
  await allowed.page.waitForSelector('#cors-fix');
  const nginx = await allowed.page.textContent('#cors-fix-nginx');
  // The server configuration is folded: open it, as a user does.
  assert.equal(await allowed.page.$eval('#cors-fix-server', (d) => d.open), false);
  await allowed.page.click('#cors-fix-server > summary');
  await allowed.page.click('button.copy[aria-label="Copy the nginx configuration"]');
  await allowed.page.waitForSelector('button.copy.copy--done');
  assert.match(await allowed.page.textContent('#cors-fix [role="status"]:not(:empty)'), /Copied/);
  assert.equal(await allowed.page.evaluate(() => navigator.clipboard.readText()), nginx);
  assert.deepEqual(allowed.seen.afterLoad, []);
  assert.deepEqual(allowed.seen.errors, []);
  await allowed.page.close();

  const refused = await openPage(env.browser, env.base);
  await refused.page.fill('#input', PREFLIGHT);
  await refused.page.waitForSelector('#cors-fix');
  await refused.page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await refused.page.click('button.copy[aria-label="Copy the response headers"]');
  await refused.page.waitForFunction(() => /refused/.test(document.querySelector('#cors-fix').innerText));
  await refused.page.fill('#input', '');
  await refused.page.waitForFunction(() => !document.querySelector('#cors-fix'));
  assert.deepEqual(refused.seen.errors, []);
  assert.deepEqual(refused.seen.afterLoad, []);
  await refused.page.close();
});

test('a host-only cookie that never reaches the API is explained, its value never shown', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', HOST_ONLY_LOGIN);
  await page.waitForSelector('[data-code="COOK011"]');
  assert.match(await page.textContent('[data-code="COOK011"]'), /session/);
  assert.match(await page.textContent('[data-cookies="1"]'), /sent: none · a browser would send: none/);
  assert.equal(await page.$('[data-cookies="1"] .exchanges__reveal'), null, 'no values to show');
  assert.ok(!(await reportText(page)).includes(SESSION), 'the report does not show the cookie value');
  assert.ok(!(await page.content()).includes(SESSION), 'the cookie value is nowhere in the page');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('cookies sent and expected are named, the difference said, the values shown only when asked', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', WRONG_COOKIES);
  await page.waitForSelector('[data-cookies="1"] [data-cookies-missing]');
  const row = await page.textContent('[data-cookies="1"]');
  assert.match(row, /sent: theme, legacy/);
  assert.match(row, /a browser would send: session, theme/);
  assert.match(await page.textContent('[data-cookies="1"] [data-cookies-missing]'), /missing: session/);
  assert.match(await page.textContent('[data-cookies="1"] [data-cookies-extra]'), /extra: legacy/);
  for (const secret of [SESSION, LEGACY]) assert.ok(!(await page.content()).includes(secret), 'values stay hidden');

  await page.click('[data-cookies="1"] .exchanges__reveal');
  await page.waitForSelector('[data-cookie-value="expected"]');
  assert.equal(await page.getAttribute('[data-cookies="1"] .exchanges__reveal', 'aria-pressed'), 'true');
  assert.equal(await page.textContent('[data-cookie-value="sent"]'), `theme=dark; legacy=${LEGACY}`);
  assert.match(await page.textContent('[data-cookie-value="expected"]'), new RegExp(`session=${SESSION}`));

  // Another paste starts hidden again.
  await page.fill('#input', WRONG_COOKIES.replace('theme=dark; legacy', 'theme=light; legacy'));
  await page.waitForFunction(() => !document.querySelector('[data-cookie-value]'));
  assert.ok(!(await page.content()).includes(SESSION));
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('the credentials switch turns a wildcard origin from pass to fail', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  assert.equal(await page.isChecked('#sends-cookies'), false);
  assert.match(await page.textContent('label[for="sends-cookies"]'), /The call sends cookies \(credentials: 'include'\)/);
  await page.fill('#input', [
    'GET https://api.example.com/v1/me HTTP/1.1',
    'Origin: https://app.example.com',
    '',
    'HTTP/1.1 401 Unauthorized',
    'Access-Control-Allow-Origin: *',
    'Access-Control-Expose-Headers: WWW-Authenticate',
    'WWW-Authenticate: Bearer realm="api"',
    '',
  ].join('\n'));
  await page.waitForSelector('[data-exchange="0"] [data-cors="pass"]');
  assert.match(await page.textContent('[data-exchange="0"] [data-cors="pass"]'), /CORS passes/);
  assert.equal(await page.$('#cors-fix'), null, 'nothing to fix');
  await page.check('#sends-cookies');
  await page.waitForSelector('[data-exchange="0"] [data-cors="fail"]');
  assert.ok(await page.$('[data-code="CORS004"]'), 'a wildcard origin with credentials is a finding');
  assert.match(await page.textContent('#cors-fix-headers'), /Access-Control-Allow-Credentials: true/);
  await page.uncheck('#sends-cookies');
  await page.waitForSelector('[data-exchange="0"] [data-cors="pass"]');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('pasted Cookie and Set-Cookie lines list every cookie, a JWT cookie is decoded, values hidden until asked', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const secret = 'c2lkLXNlY3JldC12YWx1ZS03NzE';
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc2Mzk5NjQwMH0.c2lnbmF0dXJl';
  await page.fill('#input', `Cookie: theme=dark; at=${jwt}\nSet-Cookie: sid=${secret}; Path=/; Secure; HttpOnly; SameSite=Lax`);
  await page.waitForSelector('#cookie-list [data-cookie="sid"]');
  const names = await page.$$eval('#cookie-list tbody tr', (rows) => rows.map((r) => r.dataset.cookie));
  assert.deepEqual(names, ['theme', 'at', 'sid']);
  assert.match(await page.textContent('#cookie-list [data-cookie="sid"]'), /Path=\/, Secure, HttpOnly, SameSite=Lax/);
  assert.ok(!(await page.textContent('#cookie-list')).includes(secret), 'values are hidden at first');
  await page.waitForSelector('[data-code="COOK015"]');
  await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  await page.click('#cookie-values');
  assert.ok((await page.textContent('#cookie-list')).includes(secret), 'shown when asked');
  assert.equal(await page.getAttribute('#cookie-values', 'aria-pressed'), 'true');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

/** The shop's page signs in to a widget on another site, which sets its session cookie. */
const WIDGET = [
  'POST https://api.widget.example/session HTTP/1.1',
  'Host: api.widget.example',
  'Origin: https://shop.example.com',
  '',
  'HTTP/1.1 200 OK',
  'Access-Control-Allow-Origin: https://shop.example.com',
  'Access-Control-Allow-Credentials: true',
  `Set-Cookie: widget_session=${SESSION}; Path=/; Secure; HttpOnly; SameSite=None`,
  '',
  'GET https://api.widget.example/cards HTTP/1.1',
  'Host: api.widget.example',
  'Origin: https://shop.example.com',
  '',
  'HTTP/1.1 401 Unauthorized',
  'Access-Control-Allow-Origin: https://shop.example.com',
  'Access-Control-Allow-Credentials: true',
  '',
].join('\n');

/** A preflight answered with `Access-Control-Allow-Headers: *` for an `Authorization` header. */
const STAR_HEADERS = [
  'OPTIONS /v1/reports HTTP/1.1',
  'Host: api.example.com',
  'Origin: https://app.example.com',
  'Access-Control-Request-Method: GET',
  'Access-Control-Request-Headers: authorization',
  '',
  'HTTP/1.1 204 No Content',
  'Access-Control-Allow-Origin: https://app.example.com',
  'Access-Control-Allow-Methods: GET',
  'Access-Control-Allow-Headers: *',
  '',
].join('\n');

test('the browser and third-party cookie settings change the verdicts, and are kept in memory only', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const before = await page.evaluate(() => location.href);
  assert.equal(await page.$eval('#browser', (s) => s.value), '', 'no browser is chosen at first');
  assert.equal(await page.$eval('#third-party-cookies', (s) => s.value), '');
  assert.equal(await page.getAttribute('#third-party-cookies', 'aria-describedby'), 'third-party-cookies-hint');
  assert.equal(await page.$eval('label[for="third-party-cookies"]', (l) => l.textContent), 'Third-party cookies');

  // Third-party cookies allowed (the default): the widget's cookie is stored, nothing says blocked.
  await page.fill('#input', WIDGET);
  await page.waitForSelector('[data-exchange="1"]');
  await page.waitForSelector('.findings [data-code="COOK022"], .findings [data-code="HTTP001"]');
  assert.equal(await page.$('.findings [data-code="COOK025"]'), null, 'allowed: no blocked finding');
  // The exchanges say what the verdicts were judged for, and link to the setting.
  assert.match(await page.textContent('#judged-for'), /Chromium's cookie rules.*third-party cookies allowed \(Chromium's default\)/);
  assert.equal(await page.getAttribute('#judged-for a', 'href'), '#browser');

  // Blocked: the cookie is refused when set, and the reason is named.
  await page.selectOption('#third-party-cookies', 'blocked');
  await page.waitForSelector('.findings [data-code="COOK025"]');
  assert.match(await page.textContent('.findings [data-code="COOK025"]'), /blocks third-party cookies/);
  assert.equal(await page.getAttribute('[data-step="cookies"]', 'data-status'), 'fail');

  // Back to the browser's default, then Safari, whose default blocks them.
  await page.selectOption('#third-party-cookies', '');
  await page.waitForFunction(() => !document.querySelector('.findings [data-code="COOK025"]'));
  await page.selectOption('#browser', 'safari');
  await page.waitForSelector('.findings [data-code="COOK025"]');
  await page.waitForFunction(() => /Safari's rules; third-party cookies blocked \(Safari's default\)/.test(document.querySelector('#judged-for')?.textContent ?? ''));

  // The browser also picks the CORS verdict where engines disagree.
  await page.fill('#input', STAR_HEADERS);
  await page.waitForSelector('[data-exchange="0"] [data-cors="fail"]');
  await page.selectOption('#browser', 'chromium');
  await page.waitForSelector('[data-exchange="0"] [data-cors="pass"]');

  assert.equal(await page.evaluate(() => location.href), before, 'the settings are not put in the URL');
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing is stored');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, []);
  await page.close();
});
