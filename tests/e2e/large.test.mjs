// Large inputs in the page: analysed once typing pauses, with a notice while waiting; files over
// the limit refused before they are read, with the reason; the page stays usable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, tearDown, openPage, paste, token, waitUntilStarted } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

/** A HAR of `count` entries of about 700 bytes each, the last one refused with 401. */
function har(count) {
  const entries = [];
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    entries.push({ startedDateTime: '2026-11-25T10:00:00.000Z', time: 5,
      request: { method: 'GET', url: `https://api.example.com/v1/items/${i}`, headers: [{ name: 'Accept', value: 'application/json' }, { name: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0 Safari/537.36' }] },
      response: { status: last ? 401 : 200, headers: last ? [{ name: 'WWW-Authenticate', value: 'Bearer' }] : [{ name: 'Content-Type', value: 'application/json' }],
        content: { size: 200, mimeType: 'application/json', text: '{"id":1,"name":"item","tags":["a","b","c"],"description":"a plain item used to make this capture large enough"}' } } });
  }
  return JSON.stringify({ log: { version: '1.2', entries } });
}

test('a large capture is analysed at once, and typing in it waits for a pause, with a notice', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const text = har(1400);
  assert.ok(text.length > 700 * 1024, `the capture is large (${text.length} bytes)`);
  assert.ok(text.length < 1024 * 1024, 'small enough to be shown in the box');
  await page.setInputFiles('#file', { name: 'large.har', mimeType: 'application/json', buffer: Buffer.from(text) });
  // A file is analysed at once: there is no typing to wait for.
  assert.equal(await page.getAttribute('#input-hint', 'data-pending'), 'false');
  await page.waitForSelector('[data-exchange="1399"][data-status="401"]');
  assert.equal(await page.$('#analysing'), null, 'no notice once the report is there');
  assert.match(await page.textContent('#summary'), /HAR file with 1400 entries/);

  // Typing at the end of the capture makes it invalid JSON: nothing is re-analysed until the pause.
  await page.focus('#input');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x');
  assert.equal(await page.getAttribute('#input-hint', 'data-pending'), 'true', 'waiting while typing');
  assert.match(await page.textContent('#input-hint'), /MB; analysing once you stop typing/);
  assert.ok(await page.$('#analysing'), 'the notice says so');
  assert.ok(await page.$('[data-exchange="1399"]'), 'the last report stays until the pause');
  await page.waitForSelector('#analysing', { state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('[data-exchange="1399"]'));
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a large capture is analysed off the page\'s main thread, with progress', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  // About 14 MB: long enough to analyse that the page has to show how far the engine has come.
  const text = har(20000);
  await page.setInputFiles('#file', { name: 'day.har', mimeType: 'application/json', buffer: Buffer.from(text) });
  // The progress bar is drawn by the page while the engine works: if the engine held the page's
  // main thread, the page could not draw it before the report. The state is read in one go, in
  // the page, the moment the bar is there.
  const during = await (await page.waitForFunction(() => {
    const bar = document.querySelector('#analysing-progress');
    return bar && {
      busy: document.querySelector('.panel--report').dataset.busy,
      max: bar.max,
      value: bar.value,
      text: document.querySelector('#analysing').textContent,
      live: document.querySelector('#analysing label').textContent,
      summary: document.querySelector('#summary').textContent,
    };
  }, null, { timeout: 60_000, polling: 'raf' })).jsonValue();
  assert.equal(during.busy, 'true');
  assert.equal(during.max, 40000, 'one step per entry read and per entry checked');
  assert.ok(during.value >= 0 && during.value < 40000);
  assert.match(during.text, /Analysing…\s+\d+%/);
  assert.equal(during.live, 'Analysing…', 'the live region does not read out each percentage');
  assert.match(during.summary, /Paste something to start/, 'the report is not there yet');
  // A capture this large is held in memory, not laid out in the text box.
  assert.equal(await page.inputValue('#input'), '');
  assert.match(await page.textContent('#input-held'), /The 1\d\.\d MB input is analysed in full but not shown in the box/);
  await page.waitForSelector('[data-exchange="19999"][data-status="401"]', { timeout: 120_000 });
  await page.waitForSelector('#analysing', { state: 'detached' });
  assert.equal(await page.getAttribute('.panel--report', 'data-busy'), 'false');
  assert.match(await page.textContent('#summary'), /HAR file with 20000 entries/);
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a large paste leaves the text box at once and is analysed in full', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const text = har(3000);
  assert.ok(text.length > 1024 * 1024);
  // Pasted: the value is set and an input event follows, as the browser does on a paste.
  await page.evaluate((value) => {
    const area = document.querySelector('#input');
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  assert.equal(await page.inputValue('#input'), '', 'emptied in the same task as the paste');
  await page.waitForSelector('[data-exchange="2999"][data-status="401"]', { timeout: 60_000 });
  assert.match(await page.textContent('#input-held'), /The 1\.\d MB input is analysed in full/);
  assert.match(await page.getAttribute('#input', 'placeholder'), /held in memory/);
  // A stray key cannot replace it: the box is read-only while it holds the capture.
  assert.notEqual(await page.getAttribute('#input', 'readonly'), null);
  await page.focus('#input');
  await page.keyboard.type('x');
  assert.ok(await page.$('#input-held'), 'typing left the capture in place');
  // A paste over it replaces it.
  await paste(page, '#input', 'Authorization: Basic');
  await page.waitForSelector('#input-held', { state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('[data-exchange="2999"]'));
  assert.equal(await page.inputValue('#input'), 'Authorization: Basic');
  assert.equal(await page.getAttribute('#input', 'readonly'), null, 'editable again');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a file over the limit is refused before it is read, with the reason', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.fill('#input', 'Authorization: Bearer undefined');
  await page.waitForSelector('[data-code]');
  const dir = mkdtempSync(join(tmpdir(), 'why401-'));
  const path = join(dir, 'whole-day.har');
  writeFileSync(path, Buffer.alloc(65 * 1024 * 1024, 0x61));
  await page.setInputFiles('#file', path);
  rmSync(dir, { recursive: true });
  await page.waitForSelector('#input-notice');
  const notice = await page.textContent('#input-notice');
  assert.match(notice, /whole-day\.har is 65\.0 MB; why401 reads up to 64\.0 MB/);
  assert.match(notice, /Save a capture of just the failing requests/);
  assert.equal(await page.getAttribute('#input-notice', 'role'), 'alert');
  assert.equal(await page.inputValue('#input'), 'Authorization: Bearer undefined', 'the paste is kept');
  // The page still works, and the next input clears the notice.
  await page.fill('#input', 'Authorization: Basic');
  await page.waitForSelector('#input-notice', { state: 'detached' });
  assert.deepEqual(seen.afterLoad, []);
  await page.close();
});

test('a paste made while a large capture is analysed replaces it at once, and the capture\'s report never shows', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  await page.setInputFiles('#file', { name: 'day.har', mimeType: 'application/json', buffer: Buffer.from(har(20000)) });
  // Read, held, and with the engine.
  await page.waitForSelector('#input-held');
  await page.waitForFunction(() => document.querySelector('.panel--report').dataset.busy === 'true');
  // A header pasted now stops the engine's work on the capture.
  await paste(page, '#input', 'Authorization: Basic');
  await page.waitForSelector('[data-code="AUTH001"]');
  await page.waitForFunction(() => document.querySelector('.panel--report').dataset.busy === 'false');
  assert.match(await page.textContent('#summary'), /Authorization/);
  assert.doesNotMatch(await page.textContent('#summary'), /HAR file/, 'the capture\'s report was dropped');
  assert.equal(await page.$('[data-exchange="19999"]'), null);
  // The restarted engine goes on working.
  await page.fill('#input', 'HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n');
  await page.waitForSelector('[data-code="HTTP004"]');
  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a changed setting checks a large input again at the current time, not the time it was pasted', async () => {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    const start = Date.UTC(2026, 10, 25, 12, 0, 0);
    await page.clock.install({ time: start });
    await page.goto(env.base);
    await waitUntilStarted(page);
    const jwt = token({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-4821', exp: start / 1000 + 90 });
    // Over 256 KB: the clock's ticks do not re-check it.
    const log = Array.from({ length: 4000 }, (_, i) => `2026-11-25T12:00:00Z INFO request ${i} served in 3 ms`).join('\n');
    const text = `${log}\nAuthorization: Bearer ${jwt}\n${log}\n`;
    assert.ok(text.length > 256 * 1024);
    // Pasted on the page (not typed: typing in a large input waits for a pause, on the clock).
    await paste(page, '.page__header', text);
    await page.waitForSelector('[data-check="exp"]:not([data-status="fail"])');
    const before = await page.getAttribute('[data-check="exp"]', 'data-status');
    // Three minutes and twenty seconds later the token has expired, but a tick does not re-check.
    await page.clock.fastForward(200_000);
    assert.equal(await page.getAttribute('[data-check="exp"]', 'data-status'), before);
    // A changed setting does, at the current time.
    await page.fill('#skew', '30');
    await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  } finally {
    await context.close();
  }
});
