// The guided checklist end to end: order by evidence, the most likely cause, deep links, the
// user's answers kept in localStorage (and nothing from the paste), keyboard use and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage, reloadPage, token, nowSeconds } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const KEY = 'why401.checklist';
const HS = { alg: 'HS256', typ: 'JWT' };
const claims = (extra) => ({ iss: 'https://login.example.com/', sub: 'user-4821', aud: 'https://api.example.com', ...extra });
/** Expired 2 h 14 min 30 s ago: a clock tick during the test cannot change the wording. */
const expiredToken = () => { const now = nowSeconds(); return token(HS, claims({ exp: now - 8070, iat: now - 11670 })); };

const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const stepIds = (page) => page.$$eval('.checklist__list > [data-step]', (els) => els.map((e) => [e.dataset.step, e.dataset.status]));

function assertQuiet(seen) {
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, [], 'no page error');
}

test('an expired token puts token-expiry first, named as the most likely cause', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', expiredToken());
  await page.waitForSelector('.checklist__list > [data-step]:first-child[data-step="token-expiry"][data-status="fail"]');
  const steps = await stepIds(page);
  assert.equal(steps.length, 23);
  const rank = { fail: 0, warn: 1, pass: 2, unknown: 2 };
  for (let i = 1; i < steps.length; i++) assert.ok(rank[steps[i - 1][1]] <= rank[steps[i][1]], `order by evidence: ${steps}`);

  assert.equal(await page.getAttribute('#most-likely', 'data-cause'), 'token-expiry');
  const cause = await page.textContent('#most-likely');
  assert.match(cause, /Most likely cause/);
  assert.match(cause, /Token expiry/);
  assert.match(cause, /Token has expired — exp was 2 h 14 min ago .*\(JWT001\)/);

  // The verdict at the top of the report points into the checklist and opens the step.
  assert.equal(await page.getAttribute('#verdict', 'data-cause'), 'token-expiry');
  assert.match(await page.textContent('#verdict'), /Most likely cause: Token expiry/);
  await page.click('#verdict a');
  await page.waitForSelector('[data-step="token-expiry"][data-open="true"] .step__body');
  await page.waitForFunction(() => document.activeElement?.id === 'step-token-expiry-toggle');
  // Closed again, a finding's link to its step opens it, though the address already names it.
  await page.click('#step-token-expiry-toggle');
  await page.waitForSelector('[data-step="token-expiry"][data-open="false"]');
  await page.click('[data-code="JWT001"] a[href="#step-token-expiry"]');
  await page.waitForSelector('[data-step="token-expiry"][data-open="true"] .step__body');
  assert.equal(await page.getAttribute('#step-token-expiry-toggle', 'aria-expanded'), 'true');
  const body = await page.textContent('#step-token-expiry-body');
  for (const part of ['Why it can cause a 401', 'How to check', 'Fix, if you got the 401', 'Fix, if you own the server or API', 'RFC 7519 §4.1.4']) {
    assert.ok(body.includes(part), `the step shows ${part}`);
  }
  await page.click('#step-token-expiry-body [data-finding="JWT001"]');
  await page.waitForFunction(() => document.activeElement?.matches('.findings [data-code="JWT001"]'));
  assert.ok(!page.url().includes('#finding'), 'following a finding link does not change the address');
  assertQuiet(seen);
  await page.close();
});

test('a deep link opens and scrolls to its step, and a changed hash is followed', async () => {
  const { page, seen } = await openPage(env.browser, `${env.base}#step-cors-preflight`, { viewport: { width: 1280, height: 700 } });
  await page.waitForSelector('[data-step="cors-preflight"][data-open="true"] #step-cors-preflight-body');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-cors-preflight-toggle', 'the step has the focus');
  const inView = (id) => page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  }, id);
  assert.ok(await inView('step-cors-preflight'), 'scrolled into view');
  assert.match(await page.textContent('#step-cors-preflight-body'), /OPTIONS/);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => { location.hash = '#step-retest'; });
  await page.waitForSelector('[data-step="retest"][data-open="true"]');
  await page.waitForFunction(() => document.activeElement?.id === 'step-retest-toggle');
  assert.ok(await inView('step-retest'));
  assertQuiet(seen);
  await page.close();
});

test('answers, notes and "This fixed it" survive a reload; storage holds nothing from the paste', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const jwt = expiredToken();
  await page.fill('#input', `Authorization: Bearer ${jwt}`);
  await page.waitForSelector('[data-step="token-expiry"][data-status="fail"]');
  assert.equal(await stored(page), null, 'nothing is stored before the user answers');

  await page.click('#step-fresh-login-toggle');
  assert.equal(await page.getAttribute('[data-step="fresh-login"]', 'data-status'), 'unknown');
  await page.click('#step-fresh-login-body .step__done');
  await page.waitForSelector('[data-step="fresh-login"][data-answer="done"]');
  assert.equal(await page.getAttribute('#step-fresh-login-body .step__done', 'aria-pressed'), 'true');
  await page.locator('#step-fresh-login-note').pressSequentially('Private window: still 401');
  await page.click('#step-token-expiry-toggle');
  await page.click('#step-token-expiry-body .step__fixed');
  await page.waitForSelector('[data-step="token-expiry"][data-fixed="true"]');
  assert.match(await page.textContent('#fixed-by'), /You marked Token expiry as what fixed it/);
  assert.match(await page.textContent('#checklist-progress'), /by the evidence, 1 by you/);

  const value = await stored(page);
  const saved = JSON.parse(value);
  assert.deepEqual(Object.keys(saved).sort(), ['fixed', 'session', 'steps', 'v']);
  assert.match(saved.session, /^[0-9a-f]{32}$/);
  assert.deepEqual(saved.steps, { 'fresh-login': { answer: 'done', note: 'Private window: still 401' } });
  assert.equal(saved.fixed, 'token-expiry');
  for (let i = 0; i + 8 <= jwt.length; i++) {
    assert.ok(!value.includes(jwt.slice(i, i + 8)), `storage holds part of the token: ${jwt.slice(i, i + 8)}`);
  }
  for (const word of ['Bearer', 'user-4821', 'login.example.com', 'JWT001']) assert.ok(!value.includes(word), word);

  // A token typed into a note is left out of storage, and the user is told.
  await page.fill('#step-fresh-login-note', `sent ${jwt}`);
  await page.waitForSelector('#step-fresh-login-body .step__note-warning');
  assert.ok(!(await stored(page)).includes(jwt.slice(0, 20)));
  await page.fill('#step-fresh-login-note', 'Private window: still 401');

  await reloadPage(page, seen);
  assert.equal(await page.inputValue('#input'), '', 'the paste is not kept');
  await page.waitForSelector('[data-step="fresh-login"][data-answer="done"]');
  await page.waitForSelector('[data-step="token-expiry"][data-fixed="true"]');
  await page.click('#step-fresh-login-toggle');
  assert.equal(await page.inputValue('#step-fresh-login-note'), 'Private window: still 401');
  assert.equal(JSON.parse(await stored(page)).session, saved.session, 'the session id is kept');
  assertQuiet(seen);
  await page.close();
});

test('"Start over" clears what was stored', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.click('#step-network-path-toggle');
  await page.click('#step-network-path-body .step__not-relevant');
  await page.click('#step-network-path-body .step__fixed');
  await page.waitForSelector('[data-step="network-path"][data-answer="not-relevant"][data-fixed="true"]');
  assert.ok(await stored(page));
  // It asks first, with the safe answer focused; keeping them keeps everything.
  await page.click('#checklist-reset');
  await page.waitForSelector('#checklist-reset-erase');
  assert.match(await page.textContent('.checklist__confirm'), /Erase the 2 answers and notes kept in this browser\?/);
  await page.waitForFunction(() => document.activeElement?.id === 'checklist-reset-keep');
  // Escape keeps them too.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#checklist-reset');
  await page.waitForFunction(() => document.activeElement?.id === 'checklist-reset');
  await page.click('#checklist-reset');
  await page.waitForFunction(() => document.activeElement?.id === 'checklist-reset-keep');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#checklist-reset');
  assert.equal(await page.getAttribute('[data-step="network-path"]', 'data-answer'), 'not-relevant');
  assert.ok(await stored(page), 'kept');
  await page.waitForFunction(() => document.activeElement?.id === 'checklist-reset');
  // Asked again and confirmed, everything goes.
  await page.click('#checklist-reset');
  await page.click('#checklist-reset-erase');
  await page.waitForSelector('[data-step="network-path"][data-answer=""][data-fixed="false"]');
  assert.equal(await stored(page), null);
  assert.equal(await page.$('#fixed-by'), null);
  await reloadPage(page, seen);
  assert.equal(await page.getAttribute('[data-step="network-path"]', 'data-answer'), '');
  assertQuiet(seen);
  await page.close();
});

test('the checklist works from the keyboard and fits 360 px', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { viewport: { width: 360, height: 740 } });
  await page.fill('#input', expiredToken());
  await page.waitForSelector('#most-likely[data-cause="token-expiry"]');
  await page.focus('#checklist-reset');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-token-expiry-toggle');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-step="token-expiry"][data-open="true"]');
  // Tab walks through the step's links and controls to "This fixed it".
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.matches('#step-token-expiry-body .step__fixed'));
  }
  assert.ok(reached, '"This fixed it" is reachable with Tab');
  await page.keyboard.press('Space');
  await page.waitForSelector('[data-step="token-expiry"][data-fixed="true"]');
  // An undecided step's answers and notes too.
  await page.focus('#step-account-toggle');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 20; i++) {
    if (await page.evaluate(() => document.activeElement?.matches('#step-account-body .step__done'))) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-step="account"][data-answer="done"]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-account-note');
  // The guidance for server owners is collapsed and opens from the keyboard.
  assert.equal(await page.getAttribute('#server-guidance', 'open'), null);
  await page.focus('#server-guidance > summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#server-guidance[open] [data-guide="proxies"]');
  assert.match(await page.textContent('#server-guidance'), /proxy_set_header Authorization \$http_authorization;/);

  // Every part of the checklist, open steps and guidance included, fits the 360 px width.
  const wide = await page.evaluate(() => [...document.querySelectorAll('.checklist, .checklist *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((e) => `${e.tagName}.${e.className}`));
  assert.deepEqual(wide, [], 'nothing in the checklist is wider than the screen');
  assertQuiet(seen);
  await page.close();
});
