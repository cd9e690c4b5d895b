// The incident report and the reproduction snippets: built from a paste full of secrets, with the
// user's checklist answers, and not one secret in the report, the snippets, storage, the address
// or the title.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage, token, nowSeconds } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

test('the incident report and snippets carry the diagnosis and the answers, never a secret', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const now = nowSeconds();
  const jwt = token({ alg: 'HS256', typ: 'JWT' }, { iss: 'https://login.example.com/', sub: 'user-4821', aud: 'api', exp: now - 8070 });
  const cookie = 'c2Vzc2lvbi1zZWNyZXQtNzcxOTQ';
  const queryToken = 'cXVlcnktc2VjcmV0LTQ0MjE';
  await page.fill('#input', [
    `GET https://api.example.com/v1/orders?access_token=${queryToken} HTTP/1.1`,
    'Host: api.example.com',
    `Authorization: Bearer ${jwt}`,
    `Cookie: session=${cookie}`,
    '',
    'HTTP/1.1 401 Unauthorized',
    'WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"',
    'X-Request-Id: 7f3a9c2e',
    '',
  ].join('\n'));
  await page.waitForSelector('[data-step="token-expiry"][data-status="fail"]');

  // Snippets: the request reproduced with placeholders, the real token only when asked.
  const curl = await page.textContent('#snippet-curl');
  assert.match(curl, /\$TOKEN/);
  assert.match(await page.textContent('#snippets'), /fetch\(/);
  // The commands are folded under their summary line: open them, as a user does.
  await page.click('#snippets-reproduce > summary');
  await page.check('#snippets-real');
  await page.waitForFunction((jwt) => document.querySelector('#snippet-curl').textContent.includes(jwt), jwt);
  await page.uncheck('#snippets-real');
  await page.waitForFunction(() => document.querySelector('#snippet-curl').textContent.includes('$TOKEN'));

  // An answer and the step that fixed it.
  await page.click('#step-fresh-login-toggle');
  await page.click('#step-fresh-login-body .step__done');
  await page.fill('#step-fresh-login-note', 'Private window: still 401');
  await page.click('#step-token-expiry-toggle');
  await page.click('#step-token-expiry-body .step__fixed');

  await page.click('#incident-build');
  await page.waitForSelector('#incident-text');
  // The page re-checks every second as the clock moves; a built report stays until a new paste.
  const tick = await page.textContent('#clock .clock__utc');
  await page.waitForFunction((before) => document.querySelector('#clock .clock__utc').textContent !== before, tick);
  assert.ok(await page.$('#incident-text'), 'the report survives a clock tick');
  const report = await page.textContent('#incident-text');
  assert.match(report, /^# 401 incident report/);
  assert.match(report, /Fixed by: \*\*Token expiry\*\*/);
  assert.match(report, /Most likely cause: \*\*Token expiry\*\*/);
  assert.match(report, /Private window: still 401/);
  assert.match(report, /X-Request-Id: `7f3a9c2e`/i);
  const href = await page.getAttribute('#incident-download', 'href');
  assert.ok(href.startsWith('data:text/markdown'), href);
  assert.equal(await page.getAttribute('#incident-download', 'download'), 'why401-incident.md');

  const signature = jwt.split('.')[2];
  const places = {
    report,
    download: decodeURIComponent(href),
    snippets: await page.textContent('#snippets'),
    storage: await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })),
    address: page.url(),
    title: await page.title(),
  };
  for (const [where, text] of Object.entries(places)) {
    for (const secret of [jwt, signature, cookie, queryToken]) {
      assert.ok(!text.includes(secret), `${where} holds a secret`);
    }
  }
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('at 360 px wide a diagnosed exchange never widens the page', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { viewport: { width: 360, height: 800 } });
  const jwt = token({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-4821', aud: 'https://api.example.com/a/very/long/audience/value', exp: nowSeconds() - 60 });
  await page.fill('#input', `GET https://api.example.com/v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer ${jwt}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n`);
  await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  await page.waitForSelector('#snippets');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});
