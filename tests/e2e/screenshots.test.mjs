// The README's screenshots, taken from the real page in each main state and written to
// docs/screenshots/ (committed, so the README shows them; every e2e run refreshes them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { setUp, tearDown, openPage } from './helpers.mjs';

const DIR = 'docs/screenshots';
const VIEWPORT = { width: 1280, height: 860 };
const PHONE = { width: 360, height: 800 };

let env;
before(async () => { env = await setUp(); mkdirSync(DIR, { recursive: true }); });
after(async () => { await tearDown(env ?? {}); });

/** Width and height from a PNG's IHDR chunk. */
function size(path) {
  const png = readFileSync(path);
  assert.equal(png.toString('latin1', 1, 4), 'PNG', `${path} is a PNG`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function shoot(page, name, viewport = VIEWPORT) {
  const path = `${DIR}/${name}.png`;
  await page.screenshot({ path });
  assert.deepEqual(size(path), viewport, `${name}: the whole viewport`);
}

test('screenshots of the main states', async () => {
  const { page } = await openPage(env.browser, env.base, { viewport: VIEWPORT, colorScheme: 'light' });
  await shoot(page, 'empty');
  await page.click('[data-example="expired"]');
  await page.waitForSelector('[data-step="token-expiry"][data-status="fail"]');
  await shoot(page, 'expired-token');
  await page.click('[data-example="preflight-401"]');
  await page.waitForSelector('[data-step="cors-preflight"][data-status="fail"]');
  // The report leads with the cause and its fix: the first screen is the one to show.
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'preflight-401');
  await page.close();

  const dark = await openPage(env.browser, env.base, { viewport: VIEWPORT, colorScheme: 'dark' });
  await dark.page.click('[data-example="samesite-none"]');
  await dark.page.waitForSelector('[data-step="cookies"][data-status="fail"]');
  await dark.page.click('[data-step="cookies"] summary, #step-cookies-toggle');
  await dark.page.locator('[data-step="cookies"]').scrollIntoViewIfNeeded();
  await shoot(dark.page, 'checklist-dark');
  await dark.page.close();

  // The first screen on a phone after the expired example: the cause, its fix, the token.
  const phone = await openPage(env.browser, env.base, { viewport: PHONE, colorScheme: 'light' });
  await phone.page.click('[data-example="expired"]');
  await phone.page.waitForSelector('[data-step="token-expiry"][data-status="fail"]');
  await phone.page.evaluate(() => window.scrollTo(0, 0));
  await shoot(phone.page, 'expired-token-phone', PHONE);
  await phone.page.close();
});
