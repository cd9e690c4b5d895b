// The page end to end in headless Chromium: paste, decode, verdicts, privacy and safety.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage, token, nowSeconds, paste } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const HS = { alg: 'HS256', typ: 'JWT' };
const claims = (extra) => ({ iss: 'https://login.example.com/', sub: 'user-4821', aud: 'https://api.example.com', ...extra });

async function status(page, selector) {
  return page.getAttribute(selector, 'data-status');
}

test('an expired token is decoded and judged, with no request after load', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'input', 'the paste area has focus');
  const now = nowSeconds();
  // 30 s inside the minute, so that a clock tick between here and the page cannot change the wording.
  const jwt = token(HS, claims({ exp: now - 8070, iat: now - 11670 }));
  await page.fill('#input', jwt);

  await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  assert.equal(await status(page, '[data-check="signature"]'), 'skip');
  assert.equal(await status(page, '[data-check="iat"]'), 'pass');
  assert.equal(await status(page, '[data-step="token-expiry"]'), 'fail');
  assert.ok(await page.$('[data-code="JWT001"]'), 'the expiry finding is listed');

  const [header, payload, signature] = jwt.split('.');
  assert.equal(await page.textContent('.token__part--header'), header);
  assert.equal(await page.textContent('.token__part--payload'), payload);
  assert.equal(await page.textContent('.token__part--signature'), signature);
  const decoded = await page.textContent('[aria-label="Decoded payload"]');
  assert.match(decoded, /"sub": "user-4821"/);
  assert.match(await page.textContent('[aria-label="Decoded header"]'), /"alg": "HS256"/);
  const glossary = await page.textContent('[aria-label="Decoded payload"] + .glossary');
  assert.match(glossary, /aud\s*Audience: the API or APIs that may accept the token/);
  assert.equal(await page.getAttribute('[aria-label="Decoded payload"] .json__key[title]', 'title'), 'Issuer: who created and signed the token (RFC 7519)');

  const expRow = await page.textContent('[data-time="exp"]');
  assert.match(expRow, /2 h 14 min ago/);
  assert.match(expRow, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  assert.match(expRow, /UTC[+-]\d\d:\d\d/, 'the local time is shown with its offset');
  assert.match(await page.textContent('[data-code="JWT001"]'), /Request a new token/);
  assert.match(await page.textContent('[data-check="exp"]'), /Fix: Request a new token/, 'the check row carries the fix');
  assert.doesNotMatch(await page.textContent('[data-check="iat"]'), /Fix:/, 'a passing check has no fix');

  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('the token, its decoded header and payload, and Basic credentials each have a copy button', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { permissions: ['clipboard-read', 'clipboard-write'] });
  const jwt = token(HS, claims({ exp: nowSeconds() + 3600 }));
  await page.fill('#input', jwt);
  await page.waitForSelector('[data-check="exp"]');
  const copied = async (label) => {
    await page.click(`button[aria-label="${label}"]`);
    await page.waitForSelector(`button[aria-label="${label}"].copy--done`);
    return page.evaluate(() => navigator.clipboard.readText());
  };
  assert.equal(await copied('Copy token 1'), jwt);
  assert.deepEqual(JSON.parse(await copied('Copy the decoded header of token 1')), HS);
  const payload = JSON.parse(await copied('Copy the decoded payload of token 1'));
  assert.equal(payload.sub, 'user-4821');
  assert.equal(payload.aud, 'https://api.example.com');
  // Decoded Basic credentials too: the password is copied whole while it is still hidden.
  await page.fill('#input', 'Authorization: Basic YWxpY2U6czNjcjN0');
  await page.waitForSelector('[data-credentials]');
  assert.equal(await copied('Copy the user name'), 'alice');
  assert.equal(await copied('Copy the password'), 's3cr3t');
  assert.equal(await page.$('code.credentials__password'), null, 'still hidden on the page');
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('a valid token passes its time checks and the clock is shown', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const now = nowSeconds();
  await page.fill('#input', `Authorization: Bearer ${token({ alg: 'RS256', kid: 'k1' }, claims({ exp: now + 3600, nbf: now - 10, iat: now - 10 }))}`);
  await page.waitForSelector('[data-check="exp"][data-status="pass"]');
  assert.equal(await status(page, '[data-check="nbf"]'), 'pass');
  assert.equal(await status(page, '[data-step="token-expiry"]'), 'pass');
  assert.equal(await status(page, '[data-step="authorization-header"]'), 'pass');
  assert.match(await page.textContent('#summary'), /JWT signed with RS256, key id k1/);
  assert.match(await page.textContent('#clock'), /Your clock: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  assert.equal(await page.$$eval('[data-code]', (els) => els.length), 0, 'no findings');
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('the skew setting moves a token between warn and fail', async () => {
  const { page } = await openPage(env.browser, env.base);
  await page.fill('#input', token(HS, claims({ exp: nowSeconds() - 20 })));
  await page.waitForSelector('[data-check="exp"][data-status="warn"]');
  await page.fill('#skew', '0');
  await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  await page.fill('#skew', '600');
  await page.waitForSelector('[data-check="exp"][data-status="warn"]');
  assert.ok(await page.$('[data-code="JWT002"]'));
  await page.close();
});

test('malformed input gets clear findings and the page stays alive', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const cases = [
    ['eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9', 'JWT010'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJle%HAiOjF9.c2ln', 'JWT011'],
    [`${Buffer.from('{alg:x}').toString('base64url')}.e30.c2ln`, 'JWT015'],
    ['just some words', 'IN002'],
  ];
  for (const [input, code] of cases) {
    await page.fill('#input', input);
    await page.waitForSelector(`[data-code="${code}"]`);
  }
  await page.fill('#input', 'x'.repeat(200_000) + '.' + 'y'.repeat(200_000));
  await page.waitForSelector('[data-code="JWT011"], [data-code="JWT010"]');
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('markup in the input or in claims is shown as text and never runs', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
  await page.fill('#input', hostile);
  await page.waitForSelector('[data-code="IN002"]');
  await page.fill('#input', token(HS, claims({ exp: nowSeconds() + 600, name: hostile })));
  await page.waitForSelector('[data-check="exp"][data-status="pass"]');
  const payload = await page.textContent('[aria-label="Decoded payload"]');
  assert.ok(payload.includes('<img src=x onerror='), 'the markup is shown as text');
  assert.equal(await page.$$eval('.panel--report img, .panel--report script', (els) => els.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(seen.afterLoad, [], 'the <img> never loaded');
  await page.close();
});

test('after load the browser itself refuses every request', async () => {
  const { page } = await openPage(env.browser, env.base);
  const policies = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (els) => els.map((e) => e.content));
  assert.ok(policies.some((p) => /connect-src 'none'/.test(p)), `policies: ${policies}`);
  const outcome = await page.evaluate(() => fetch('./index.html').then(() => 'sent', () => 'blocked'));
  assert.equal(outcome, 'blocked');
  assert.ok((await page.evaluate(() => window.__violations)).includes('connect-src'));
  await page.close();
});

test('Basic credentials are decoded with the password hidden until asked', async () => {
  const { page } = await openPage(env.browser, env.base);
  // alice:s3cr3t encoded with `echo`, so with a trailing newline.
  await page.fill('#input', 'Authorization: Basic YWxpY2U6czNjcjN0Cg==\nWWW-Authenticate: Basic realm="admin", charset="UTF-8"');
  await page.waitForSelector('[data-code="BASIC003"]');
  assert.match(await page.textContent('[data-credentials]'), /alice/);
  assert.doesNotMatch(await page.textContent('[data-credentials]'), /s3cr3t/);
  await page.click('.credentials__toggle');
  await page.waitForSelector('code.credentials__password');
  assert.equal(await page.textContent('code.credentials__password'), 's3cr3t');
  assert.match(await page.textContent('#summary'), /WWW-Authenticate: Basic, realm admin/);
  await page.close();
});

test('a curl -v transcript becomes an exchange with its findings', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const jwt = token({ alg: 'RS256', kid: 'k1' }, claims({ exp: nowSeconds() - 600 }));
  await page.fill('#input', [
    '* Connected to api.example.com (203.0.113.7) port 443',
    '> GET /v1/orders HTTP/2',
    '> Host: api.example.com',
    `> Authorization: Bearer ${jwt}`,
    '>',
    '< HTTP/2 401',
    '< www-authenticate: Bearer error="invalid_token"',
    '< x-request-id: 3f1e2d9c',
    '<',
  ].join('\n'));
  await page.waitForSelector('[data-exchange="0"][data-status="401"]');
  assert.match(await page.textContent('[data-exchange="0"]'), /GET https:\/\/api\.example\.com\/v1\/orders/);
  assert.match(await page.textContent('[data-exchange="0"]'), /x-request-id: 3f1e2d9c/);
  for (const code of ['JWT001', 'WWW002', 'HTTP008']) assert.ok(await page.$(`[data-code="${code}"]`), code);
  assert.match(await page.textContent('[data-code="WWW002"]'), /Line 7 of the input/, "a finding points at the line of the header it is about");
  assert.equal(await page.getAttribute('[data-step="status-code"]', 'data-status'), 'pass');
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('a HAR file opened from disk is read locally and its exchanges listed', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const har = JSON.stringify({ log: { version: '1.2', entries: [
    { request: { method: 'GET', url: 'https://app.example.com/', headers: [] }, response: { status: 200, headers: [] } },
    { request: { method: 'GET', url: 'https://api.example.com/v1/me', headers: [{ name: 'authorization', value: 'Bearer undefined' }] },
      response: { status: 401, headers: [{ name: 'www-authenticate', value: 'Bearer error="invalid_token"' }] } },
  ] } });
  await page.setInputFiles('#file', { name: 'session.har', mimeType: 'application/json', buffer: Buffer.from(har) });
  await page.waitForSelector('[data-exchange="1"][data-status="401"]');
  assert.match(await page.textContent('#summary'), /HAR file with 2 entries, 1 answered 401/);
  assert.ok(await page.$('[data-code="AUTH006"]'));
  assert.deepEqual(seen.afterLoad, [], 'opening a file makes no request');
  await page.close();
});

/** A page load of `count` entries: successes, with a refused preflight and a refused call. */
function pageLoad(count) {
  const entries = [];
  for (let i = 0; i < count; i++) {
    entries.push({ startedDateTime: '2025-11-24T16:00:00.000Z', time: 10 + i,
      request: { method: 'GET', url: `https://cdn.example.com/asset/${i}.js`, headers: [{ name: 'cookie', value: 'sid=1' }] },
      response: { status: 200, headers: [] } });
  }
  entries.splice(7, 0,
    { startedDateTime: '2025-11-24T16:00:01.000Z', time: 18,
      request: { method: 'OPTIONS', url: 'https://api.example.com/v1/orders', headers: [{ name: 'access-control-request-method', value: 'GET' }] },
      response: { status: 401, headers: [{ name: 'www-authenticate', value: 'Bearer' }] } },
    { startedDateTime: '2025-11-24T16:00:01.020Z', time: 0,
      request: { method: 'GET', url: 'https://api.example.com/v1/orders', headers: [{ name: 'authorization', value: 'Bearer undefined' }] },
      response: { status: 0, headers: [], _error: 'net::ERR_FAILED' } });
  return JSON.stringify({ log: { version: '1.2', entries } });
}

test('a long HAR lists the entries that need a look, and one can be diagnosed alone', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.setInputFiles('#file', { name: 'load.har', mimeType: 'application/json', buffer: Buffer.from(pageLoad(60)) });
  await page.waitForSelector('[data-exchange="7"][data-flag="failed-preflight"]');
  assert.ok(await page.$('[data-exchange="8"][data-flag="no-response"]'));
  assert.ok(await page.$('[data-exchange="7"][aria-current="true"]'), 'the first failing entry is marked');
  assert.equal(await page.$('[data-exchange="0"]'), null, 'successful entries are not listed at first');
  assert.match(await page.textContent('.exchanges'), /Exchanges \(62\)/);
  for (const code of ['HTTP025', 'HTTP026', 'AUTH006']) assert.ok(await page.$(`[data-code="${code}"]`), code);
  assert.equal(await page.getAttribute('[data-step="cors-preflight"]', 'data-status'), 'fail');
  // Show everything, then narrow by URL.
  await page.click('#exchanges-all');
  await page.waitForSelector('[data-exchange="0"]');
  await page.fill('#exchange-filter', 'asset/42.js');
  await page.waitForFunction(() => document.querySelectorAll('.exchanges__item').length === 1);
  assert.ok(await page.$('[data-exchange="44"]'));
  await page.fill('#exchange-filter', '');
  // Diagnose the refused preflight alone: the other entry's findings go, the list stays.
  await page.click('[data-exchange="7"] .exchanges__pick');
  await page.waitForSelector('[data-exchange="7"].exchanges__item--chosen');
  await page.waitForFunction(() => !document.querySelector('[data-code="HTTP026"]'));
  assert.ok(await page.$('[data-code="HTTP025"]'));
  assert.equal(await page.$('[data-code="AUTH006"]'), null, "the blocked call's header is not this entry's");
  assert.match(await page.textContent('[data-code="HTTP025"]'), /Exchange 8/);
  await page.click('#exchanges-unfocus');
  await page.waitForSelector('[data-code="HTTP026"]');
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('a file dropped anywhere on the page is read locally', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const text = 'HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n';
  const transfer = await page.evaluateHandle((body) => {
    const t = new DataTransfer();
    t.items.add(new File([body], 'response.txt', { type: 'text/plain' }));
    return t;
  }, text);
  await page.dispatchEvent('.page__footer', 'dragover', { dataTransfer: transfer });
  await page.waitForSelector('.page--dragging');
  await page.dispatchEvent('.page__footer', 'drop', { dataTransfer: transfer });
  await page.waitForSelector('[data-code="HTTP004"]');
  assert.equal(await page.inputValue('#input'), text);
  assert.equal(await page.$('.page--dragging'), null);
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('a paste anywhere on the page goes into the input; a paste into a field stays there', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const text = 'HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n';
  // Outside any field: the footer, as if the user had clicked there and pressed Ctrl+V.
  await paste(page, '.page__footer', text);
  await page.waitForSelector('[data-code="HTTP004"]');
  assert.equal(await page.inputValue('#input'), text);
  // Into a field of the settings: the field takes it, the input is left alone.
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  await paste(page, '#audience', 'https://api.example.com');
  assert.equal(await page.inputValue('#input'), text, 'a paste into another field is not taken');
  // A file copied from the file manager is read like one opened.
  await paste(page, '.page__footer', 'Authorization: Basic', 'header.txt');
  await page.waitForFunction(() => document.querySelector('#input').value === 'Authorization: Basic');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('characters that do not show are named in the decoded claims and in the messages', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  // An audience copied with a zero-width space, and an issuer turned around by a right-to-left
  // override so that it reads like another host.
  const jwt = token(HS, claims({ aud: 'https://api.example.com\u200b', iss: 'https://login.example\u202emoc.live', exp: nowSeconds() + 3600 }));
  await page.click('details:has(#audience) > summary');
  await page.fill('#audience', 'https://api.example.com');
  await page.fill('#input', jwt);
  await page.waitForSelector('[data-check="aud"][data-status="fail"]');
  const marks = await page.$$eval('.json .invisible', (spans) => spans.map((s) => s.textContent));
  assert.deepEqual(marks.sort(), ['\\u200b', '\\u202e']);
  // The audience check's message quotes the claim: the character is named there too.
  const message = await page.$eval('[data-check="aud"]', (row) => row.textContent);
  assert.match(message, /<U\+200B>/);
  assert.equal(await page.$eval('[data-check="aud"]', (row) => row.textContent.includes('\u200b')), false);
  assert.match(await page.textContent('[data-code="CLM001"]'), /do not show/);
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('token times are shown in the browser time zone, half-hour offsets and daylight saving time included', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { timezoneId: 'America/St_Johns' });
  const iat = Date.UTC(2026, 0, 15, 4, 10, 3) / 1000; // Newfoundland standard time, UTC-03:30
  const exp = Date.UTC(2026, 6, 15, 4, 10, 3) / 1000; // Newfoundland daylight time, UTC-02:30
  await page.fill('#input', token(HS, claims({ iat, exp })));
  await page.waitForSelector('[data-time="exp"]');
  const iatRow = await page.textContent('[data-time="iat"]');
  assert.match(iatRow, /2026-01-15 04:10:03 UTC/);
  assert.match(iatRow, /2026-01-15 00:40:03 UTC-03:30/);
  const expRow = await page.textContent('[data-time="exp"]');
  assert.match(expRow, /2026-07-15 04:10:03 UTC/);
  assert.match(expRow, /2026-07-15 01:40:03 UTC-02:30/);
  // The page's clock line, in the same zone.
  assert.match(await page.textContent('#clock'), /^Your clock: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · local \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC-0[23]:30$/);
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});
