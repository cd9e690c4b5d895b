// Keys and expectations in the page: signatures verified locally, claims checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, tearDown, openPage, token, nowSeconds } from './helpers.mjs';

const data = (name) => readFileSync(new URL(`../../crates/cli/tests/data/${name}`, import.meta.url), 'utf8');
const RS256 = data('rs256-access-token.txt').trim();

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

async function openPanels(page) {
  for (const summary of await page.$$('.extras__group > summary')) await summary.click();
}

test('a JWK Set or PEM key verifies an RS256 token in the page', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', RS256);
  await page.waitForSelector('[data-check="signature"][data-status="skip"]');
  await page.fill('#key', data('issuer-jwks.json'));
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  assert.match(await page.textContent('[data-check="signature"]'), /kid 2026-11-key-a/);
  // The browser's WebCrypto answered, not the RustCrypto fallback.
  assert.ok(Number(await page.getAttribute('.panel--report', 'data-webcrypto')) >= 1);
  assert.equal(await page.getAttribute('.panel--report', 'data-fallback'), '0');
  assert.equal(await page.getAttribute('[data-step="token-signature"]', 'data-status'), 'pass');
  await page.fill('#key', data('issuer-key.pem'));
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  // A key set without the token's kid: the rotation diagnosis.
  const other = JSON.parse(data('issuer-jwks.json'));
  other.keys[1].kid = '2025-05-key-z';
  await page.fill('#key', JSON.stringify(other));
  await page.waitForSelector('[data-code="SIG002"]');
  assert.match(await page.textContent('[data-code="SIG002"]'), /does verify it/);
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a key set pasted with the token verifies it, through WebCrypto, and is listed with where it came from', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', `Authorization: Bearer ${RS256}\n\n${data('issuer-jwks.json')}`);
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  assert.ok(Number(await page.getAttribute('.panel--report', 'data-webcrypto')) >= 1);
  assert.match(await page.textContent('.keys'), /pasted on line 3/);
  // The same key as PEM in a configuration line, its line breaks escaped.
  const pem = data('issuer-key.pem').trim().replace(/\n/g, '\\n');
  await page.fill('#input', `Authorization: Bearer ${RS256}\nJWT_PUBLIC_KEY="${pem}"`);
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('an HMAC secret verifies, a wrong one fails, and base64 secrets are decoded', async () => {
  const { page } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJleHAiOjE3NjQwMDM2MDB9.QMgmpNpGkl-zJ9oanIycUkUhrLs_tCgSL37fybvGBbU');
  await page.fill('#secret', 'a-32-byte-long-shared-secret-xyz');
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  assert.equal(await page.getAttribute('#secret', 'type'), 'password', 'the secret is masked');
  await page.fill('#secret', 'not the secret');
  await page.waitForSelector('[data-code="SIG001"]');
  await page.selectOption('#secret-encoding', 'base64');
  await page.fill('#secret', 'YS0zMi1ieXRlLWxvbmctc2hhcmVkLXNlY3JldC14eXo');
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  await page.close();
});

test('an HS256 token checked against a public key is called algorithm confusion', async () => {
  const { page } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#key', data('issuer-key.pem'));
  await page.fill('#input', token({ alg: 'HS256' }, { exp: nowSeconds() + 600 }));
  await page.waitForSelector('[data-code="SIG003"]');
  assert.equal(await page.getAttribute('[data-check="signature"]', 'data-status'), 'fail');
  await page.close();
});

test('audience, issuer and scope expectations are checked', async () => {
  const { page } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', token({ alg: 'RS256' }, {
    iss: 'https://login.example.com/', aud: ['https://api.example.com'], scope: 'orders.readonly', exp: nowSeconds() + 600,
  }));
  await page.fill('#audience', 'https://api.example.com');
  await page.waitForSelector('[data-check="aud"][data-status="pass"]');
  await page.fill('#audience', 'https://billing.example.com');
  await page.waitForSelector('[data-check="aud"][data-status="fail"]');
  await page.fill('#issuer', 'https://login.example.com');
  await page.waitForSelector('[data-check="iss"][data-status="fail"]');
  assert.match(await page.textContent('[data-code="CLM003"]'), /trailing/);
  await page.fill('#scope', 'orders.read');
  await page.waitForSelector('[data-check="scope"][data-status="fail"]');
  assert.match(await page.textContent('[data-code="CLM005"]'), /orders\.readonly is not orders\.read/);
  assert.equal(await page.getAttribute('[data-step="token-scope"]', 'data-status'), 'fail');
  await page.close();
});

const engineData = (name) => readFileSync(new URL(`../../crates/engine/tests/data/${name}`, import.meta.url), 'utf8');

test('certificates are described, and the token\'s own x5c is used only when asked', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', engineData('es256-x5c-token.txt').trim());
  await page.waitForSelector('.chain li');
  assert.match(await page.textContent('.chain'), /CN=login\.example\.com/);
  assert.equal(await page.getAttribute('[data-check="signature"]', 'data-status'), 'skip');
  await page.check('#trust-x5c');
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  assert.ok(await page.$('[data-code="SIG014"]'));
  await page.uncheck('#trust-x5c');
  await page.fill('#key', engineData('issuer-cert.pem'));
  await page.waitForSelector('[data-check="signature"][data-status="pass"]');
  assert.match(await page.textContent('.keys'), /EC P-256.*Certificate for .*CN=login\.example\.com/s);
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('an encrypted token decrypts with the recipient key and its nested token is shown', async () => {
  const { page } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', engineData('nested-jwe.txt').trim());
  await page.waitForSelector('[data-code="JWT022"]');
  await page.fill('#key', '{"kty":"oct","kid":"nested-test","k":"XctOhJAkA-pD9Lh7ZgW_2A"}');
  await page.waitForSelector('[data-token="1"]');
  assert.equal(await page.getAttribute('[data-token="0"] [data-check="signature"]', 'data-status'), 'pass');
  assert.match(await page.textContent('[data-token="1"] [aria-label="Decoded payload"]'), /"sub": "user-4821"/);
  await page.close();
});
