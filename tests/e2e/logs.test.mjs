// What people really paste: a server log with a known message, a header quoted in it, and a
// redacted token. The engine recognises them; the page marks each fragment in the pasted text,
// and a mark says, when focused, what it is and which step it lit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const LOG = [
  '2025-11-24 15:58:01.002 INFO  [api] GET /v1/items 200 12ms',
  '2025-11-24 15:58:02.114 ERROR [api] com.nimbusds.jwt.proc.BadJWTException: Expired JWT',
  '2025-11-24 15:58:02.115 DEBUG [api] < www-authenticate: Bearer error="invalid_token"',
  'Authorization: Bearer <REDACTED>',
].join('\n');

test('a pasted log lights the step of its message and is annotated in place', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', LOG);
  await page.waitForSelector('[data-step="token-expiry"][data-status="fail"]');
  await page.waitForSelector('[data-code="MSG001"]');
  await page.waitForSelector('[data-code="RED001"]');
  // The redacted token is noted, never the cause.
  assert.notEqual(await page.getAttribute('#most-likely', 'data-cause'), 'capture');

  const marks = await page.$$eval('.annotated__mark', (els) => els.map((e) => [e.dataset.line, e.getAttribute('tabindex')]));
  assert.deepEqual(marks.map(([line]) => line), ['2', '3', '4'], 'the healthy line is not marked');
  assert.ok(marks.every(([, tab]) => tab === '0'), 'marks are reachable with the keyboard');

  // The annotated paste is folded under a line that counts the marks: open it, as a user does.
  assert.match(await page.textContent('#annotated-fold > summary'), /In your paste — 3 of \d+ lines marked/);
  await page.click('#annotated-fold > summary');
  await page.focus('.annotated__mark[data-line="2"]');
  const note = await page.$eval('.annotated__mark[data-line="2"]', (mark) => {
    const id = mark.getAttribute('aria-describedby');
    const el = document.getElementById(id);
    return { text: el.textContent, shown: getComputedStyle(el).display !== 'none' };
  });
  assert.ok(note.shown, 'the note shows on focus');
  assert.match(note.text, /Line 2, from column \d+: message/);
  assert.match(note.text, /Token expiry \(fail\)/);
  // Each mark covers its fragment, not the log prefix around it; the line reads as pasted.
  const fragments = await page.$$eval('.annotated__mark', (els) => els.map((e) => [e.dataset.line, e.textContent, e.parentElement.textContent]));
  const [, message, line2] = fragments.find(([line]) => line === '2');
  assert.match(message, /Expired JWT$/);
  assert.doesNotMatch(message, /2025-11-24|ERROR/, 'the timestamp and level are outside the mark');
  assert.match(line2, /^2025-11-24 15:58:02\.114 ERROR \[api\] com\.nimbusds/);
  const [, challenge] = fragments.find(([line]) => line === '3');
  assert.equal(challenge, 'Bearer error="invalid_token"');
  const [, redacted] = fragments.find(([line]) => line === '4');
  assert.equal(redacted, 'Bearer •••', 'the credentials stay hidden in the mark');
  assert.deepEqual(seen.afterLoad, [], 'no request after load');
  assert.deepEqual(seen.errors, [], 'no page error');
});
