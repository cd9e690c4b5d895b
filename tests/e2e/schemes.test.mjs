// Challenge-response and signed requests in the page: a Digest exchange and an AWS Signature V4
// request, diagnosed with the password or the secret typed into the key panel. What is typed is
// never shown again and never leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, tearDown, openPage } from './helpers.mjs';

/** The input of one of the engine's fixtures (the text after its `---` line). */
const fixture = (name) => readFileSync(new URL(`../../crates/engine/tests/fixtures/${name}.txt`, import.meta.url), 'utf8').split('\n---\n')[1];

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

async function openPanels(page) {
  for (const summary of await page.$$('.extras__group > summary')) await summary.click();
}

/** What the page shows, without the values of its fields. */
const shownText = (page) => page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);

test('a Digest exchange: the typed password recomputes the response, a wrong one is named', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await openPanels(page);
  await page.fill('#input', fixture('digest/refused-without-password'));
  await page.waitForSelector('[data-code="DIG017"]');
  await page.fill('#password', 'Circle of Life');
  await page.waitForSelector('[data-code="DIG014"]');
  assert.equal(await page.getAttribute('[data-step="account"]', 'data-status'), 'pass');
  assert.equal(await page.getAttribute('#password', 'type'), 'password', 'the password is masked');
  await page.fill('#password', 'Circle of life');
  await page.waitForSelector('[data-code="DIG016"]');
  assert.equal(await page.getAttribute('[data-step="account"]', 'data-status'), 'fail');
  assert.ok(!(await shownText(page)).includes('Circle of'), 'the password is not shown anywhere in the report');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, [], 'no page error');
});

test('an AWS Signature V4 request: the typed secret recomputes the signature, a wrong one fails it', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await openPanels(page);
  // The request as botocore signed it, and AWS's answer: its `Date` is the clock the 15-minute
  // window is judged by, so the capture's age does not matter.
  const exchange = `${fixture('sigv4/execute-api-get-verified').trimEnd()}\n\nHTTP/1.1 403 Forbidden\nDate: Mon, 24 Nov 2025 15:58:30 GMT\nContent-Type: application/json\n\n{"message":"Forbidden"}\n`;
  await page.fill('#input', exchange);
  await page.waitForSelector('[data-step="request-signature"]');
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  await page.fill('#aws-secret', secret);
  await page.waitForSelector('[data-code="AWS017"]');
  assert.equal(await page.getAttribute('[data-step="request-signature"]', 'data-status'), 'pass');
  await page.fill('#aws-secret', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEz');
  await page.waitForSelector('[data-code="AWS016"]');
  assert.equal(await page.getAttribute('[data-step="request-signature"]', 'data-status'), 'fail');
  assert.ok(!(await shownText(page)).includes('wJalrXUtnFEMI'), 'the secret is not shown anywhere in the report');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, [], 'no page error');
});
