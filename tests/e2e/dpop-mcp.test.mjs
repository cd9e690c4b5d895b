// Sender-constrained tokens and discovery in the page: a DPoP exchange shows one row per proof
// check, and an MCP exchange (401 with `resource_metadata`, the metadata, the authorize and token
// requests, the token) is compared byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, tearDown, openPage } from './helpers.mjs';

/** The input of one of the engine's fixtures (the text after its `---` line). */
const fixture = (name) => readFileSync(new URL(`../../crates/engine/tests/fixtures/${name}.txt`, import.meta.url), 'utf8').split('\n---\n')[1];
/** The API's answer, whose `Date` (30 s after the proof's `iat`) is the time the proof is judged at. */
const ANSWER = '\n\nHTTP/1.1 200 OK\nDate: Mon, 24 Nov 2025 16:00:00 GMT\nContent-Type: application/json\n\n{"orders":[]}\n';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const rows = (page) => page.$$eval('[data-proof-check]', (els) => Object.fromEntries(els.map((e) => [e.dataset.proofCheck, e.dataset.status])));

test('a DPoP exchange: every proof check is a row, and a trailing slash in htu is named', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', fixture('dpop/good-es256').trimEnd() + ANSWER);
  await page.waitForSelector('[data-proof-check="signature"][data-status="pass"]');
  const good = await rows(page);
  for (const check of ['typ', 'alg', 'jwk', 'signature', 'htm', 'htu', 'iat', 'jti', 'ath', 'jkt']) {
    assert.equal(good[check], 'pass', `${check}: ${JSON.stringify(good)}`);
  }
  assert.equal(await page.getAttribute('[data-step="sender-constraint"]', 'data-status'), 'pass');

  await page.fill('#input', fixture('dpop/htu-trailing-slash').trimEnd() + ANSWER);
  await page.waitForSelector('[data-proof-check="htu"][data-status="fail"]');
  assert.match(await page.textContent('[data-code="DPOP010"]'), /trailing `?\/`?/);
  assert.equal(await page.getAttribute('[data-step="sender-constraint"]', 'data-status'), 'fail');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, [], 'no page error');
});

test('an MCP exchange: the resource the client asked for is not the one the metadata names', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', fixture('metadata/mcp-resource-trailing-slash'));
  await page.waitForSelector('[data-code="META002"]');
  assert.match(await page.textContent('[data-code="META002"]'), /https:\/\/mcp\.example\.com\/mcp\//);
  assert.ok(await page.$('[data-code="META016"]'), 'the first 401 is read as discovery');
  assert.equal(await page.getAttribute('[data-step="token-audience"]', 'data-status'), 'fail');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, [], 'no page error');
});
