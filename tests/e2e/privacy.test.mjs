// The privacy promise, end to end: a whole session (tokens, a key, an HMAC secret, a HAR with
// credentials, verification, the incident report) makes no request after load, breaks no rule of
// the Content-Security-Policy, and leaves no secret in storage, cookies, caches, the address or
// the title.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, tearDown, openPage, token, nowSeconds } from './helpers.mjs';

const data = (name) => readFileSync(new URL(`../../crates/cli/tests/data/${name}`, import.meta.url), 'utf8');

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

test('a full session makes no request and leaves no secret behind', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const title = await page.title();
  const rs256 = data('rs256-access-token.txt').trim();
  const hmacSecret = 'hmac-Secret-7Qz1-never-stored-anywhere';
  const password = 'Pa55word-Zq81-never-stored';
  const cookie = 'c2Vzc2lvbi1zZWNyZXQtOTk4MjE3';
  const queryToken = 'cXVlcnktc2VjcmV0LTcwMTQ2Nw';
  const bearer = token({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-77', aud: 'api', exp: nowSeconds() - 600 });
  const secrets = [rs256, rs256.split('.')[2], hmacSecret, password, Buffer.from(`alice:${password}`).toString('base64'),
    cookie, queryToken, bearer, bearer.split('.')[2]];

  for (const summary of await page.$$('.extras__group > summary')) await summary.click();
  // A signed token and its issuer's keys: verified by the browser's WebCrypto.
  await page.fill('#input', rs256);
  await page.fill('#key', data('issuer-jwks.json'));
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  // An HMAC secret typed into its field.
  await page.fill('#input', bearer);
  await page.fill('#secret', hmacSecret);
  await page.fill('#key', '');
  await page.waitForSelector('[data-check="signature"]');
  // A HAR opened from disk, with Basic credentials, a cookie and a token in the query.
  const har = JSON.stringify({ log: { version: '1.2', entries: [
    { startedDateTime: '2026-11-25T10:00:00.000Z', time: 12,
      request: { method: 'POST', url: 'https://auth.example.com/login', headers: [{ name: 'Authorization', value: `Basic ${Buffer.from(`alice:${password}`).toString('base64')}` }] },
      response: { status: 200, headers: [{ name: 'Set-Cookie', value: `session=${cookie}; Path=/; Secure; HttpOnly` }] } },
    { startedDateTime: '2026-11-25T10:00:01.000Z', time: 9,
      request: { method: 'GET', url: `https://api.example.com/v1/orders?access_token=${queryToken}`,
        headers: [{ name: 'Authorization', value: `Bearer ${bearer}` }, { name: 'Cookie', value: `session=${cookie}` }] },
      response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }] } },
  ] } });
  await page.setInputFiles('#file', { name: 'session.har', mimeType: 'application/json', buffer: Buffer.from(har) });
  await page.waitForSelector('[data-exchange="1"][data-status="401"]');
  // The checklist answered, the incident report built.
  await page.click('#step-fresh-login-toggle');
  await page.click('#step-fresh-login-body .step__done');
  await page.fill('#step-fresh-login-note', `pasted by mistake: ${bearer}`);
  await page.click('#incident-build');
  await page.waitForSelector('#incident-text');
  await page.click('#privacy summary');

  const kept = await page.evaluate(async () => {
    const cached = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) cached.push(request.url);
    }
    return {
      storage: JSON.stringify({ ...localStorage, ...sessionStorage }),
      cookies: document.cookie,
      databases: (await indexedDB.databases()).map((db) => db.name),
      cached,
      violations: window.__violations,
    };
  });
  assert.deepEqual(seen.afterLoad, [], 'no request after load, from the page or its service worker');
  assert.deepEqual(kept.violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(seen.errors, []);
  assert.equal(kept.cookies, '', 'no cookie');
  assert.deepEqual(kept.databases, [], 'no IndexedDB database');
  assert.ok(kept.cached.length > 0 && kept.cached.every((url) => url.startsWith(env.base) && !url.includes('?')),
    `the offline copy holds the page's own files only: ${kept.cached}`);
  const places = {
    storage: kept.storage,
    cache: kept.cached.join('\n'),
    address: page.url(),
    title: await page.title(),
    report: await page.textContent('#incident-text'),
    download: decodeURIComponent(await page.getAttribute('#incident-download', 'href')),
  };
  for (const [where, text] of Object.entries(places)) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `${where} holds a secret (${secret.slice(0, 6)}…)`);
  }
  assert.equal(places.address, env.base, 'the address never changes');
  assert.equal(places.title, title, 'the title never changes');
  assert.match(kept.storage, /\[token removed\]/, 'the token pasted into a note was removed before storing');
  await page.close();
});
