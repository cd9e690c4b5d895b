// Accessibility: axe-core (WCAG 2.0/2.1, levels A and AA) finds no violation on the empty page, a
// decoded token, a diagnosed exchange and an opened checklist step, in the light and dark themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setUp, tearDown, openPage, reloadPage, token, nowSeconds } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

/** The violations axe-core finds, as "rule: target" lines (empty when there are none). */
async function violations(page) {
  // Evaluated through the DevTools protocol, which the page's policy does not govern; the page
  // itself never loads axe.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  assert.ok(result.passes.length >= 10, `axe ran its rules (${result.passes.length} passed)`);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('')}`));
}

const EXCHANGE = [
  'GET https://api.example.com/v1/orders HTTP/1.1',
  'Host: api.example.com',
  'Origin: https://app.example.com',
  `Authorization: Bearer ${token({ alg: 'RS256', kid: 'k1' }, { iss: 'https://login.example.com/', aud: 'api', exp: nowSeconds() - 600 })}`,
  'Cookie: session=abc',
  '',
  'HTTP/1.1 401 Unauthorized',
  'WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"',
  'Access-Control-Allow-Origin: *',
  '',
].join('\n');

for (const scheme of ['light', 'dark']) {
  test(`no WCAG 2.1 A/AA violation in the main states (${scheme})`, async () => {
    const { page, seen } = await openPage(env.browser, env.base, { colorScheme: scheme });
    const found = {};
    found.empty = await violations(page);
    await page.fill('#input', token({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-1', aud: 'api', exp: nowSeconds() + 3600, scope: 'orders.read' }));
    await page.waitForSelector('[data-check="exp"][data-status="pass"]');
    found.token = await violations(page);
    await page.fill('#input', EXCHANGE);
    await page.waitForSelector('[data-step="token-expiry"][data-status="fail"]');
    found.exchange = await violations(page);
    await page.click('#step-token-expiry-toggle');
    await page.click('#privacy summary');
    found.checklist = await violations(page);
    // The audit does find a problem when there is one.
    await page.evaluate(() => { const b = document.createElement('button'); b.id = 'axe-probe'; document.body.append(b); });
    assert.match((await violations(page)).join('\n'), /button-name.*#axe-probe/);
    for (const [state, list] of Object.entries(found)) assert.deepEqual(list, [], `${state}: ${list.join('\n')}`);
    assert.deepEqual(seen.errors, []);
    await page.close();
  });
}

test('the theme switch follows the system by default, forces light or dark, and is remembered', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { colorScheme: 'light' });
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(await page.inputValue('#theme'), 'system');
  assert.equal(await page.getAttribute('html', 'data-theme'), null);
  const light = await background();
  await page.selectOption('#theme', 'dark');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const dark = await background();
  assert.notEqual(dark, light, 'the colours change');
  assert.deepEqual(await violations(page), [], 'no violation in the forced dark theme');
  await reloadPage(page, seen);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'remembered across a reload');
  assert.equal(await page.inputValue('#theme'), 'dark');
  assert.equal(await background(), dark);
  await page.selectOption('#theme', 'system');
  assert.equal(await page.getAttribute('html', 'data-theme'), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('why401.theme')), null, 'nothing kept for the default');
  assert.equal(await background(), light);
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});
