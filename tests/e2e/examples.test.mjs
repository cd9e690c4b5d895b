// "Try an example": each example loads in one click and the page names the cause it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

// example → the step named as the most likely cause, and a finding it must show.
const EXPECTED = {
  'expired': ['token-expiry', 'JWT001'],
  'wrong-audience': ['token-audience', 'CLM001'],
  'id-token': ['token-type', 'CLM007'],
  'preflight-401': ['cors-preflight', 'HTTP025'],
  'samesite-none': ['cookies', 'COOK004'],
  'proxy-stripped': ['proxy-gateway', 'HTTP021'],
  'clock-skew': ['token-expiry', 'JWT003'],
  'basic-colon': ['', 'BASIC006'],
};

test('every example loads in one click and shows its cause', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const shown = await page.$$eval('[data-example]', (buttons) => buttons.map((b) => b.dataset.example));
  assert.deepEqual(shown.sort(), Object.keys(EXPECTED).sort(), 'the gallery lists the examples');
  for (const [example, [cause, code]] of Object.entries(EXPECTED)) {
    await page.click(`[data-example="${example}"]`);
    await page.waitForSelector(`[data-code="${code}"]`);
    assert.equal(await page.getAttribute('#most-likely', 'data-cause'), cause, `${example}: the most likely cause`);
    if (cause) assert.equal(await page.getAttribute(`[data-step="${cause}"]`, 'data-status'), 'fail', `${example}: the step fails`);
    assert.ok((await page.inputValue('#input')).length > 0);
  }
  assert.equal(await page.getAttribute('#most-likely', 'class'), 'cause cause--warn', 'basic-colon: a suspicious step, no definite cause');
  // The audience example also says what the API expects; the next example takes it back out,
  // but an audience the user typed is left alone.
  await page.click('[data-example="wrong-audience"]');
  await page.waitForSelector('[data-check="aud"][data-status="fail"]');
  assert.equal(await page.inputValue('#audience'), 'https://api.example.com');
  await page.click('[data-example="expired"]');
  await page.waitForFunction(() => document.querySelector('#audience').value === '');
  if (!(await page.isVisible('#audience'))) await page.click('details:has(#audience) > summary');
  await page.fill('#audience', 'https://mine.example.com');
  await page.click('[data-example="clock-skew"]');
  await page.waitForSelector('[data-code="JWT003"]');
  assert.equal(await page.inputValue('#audience'), 'https://mine.example.com');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});
