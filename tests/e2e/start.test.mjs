// Start-up: the page as first drawn (index.html) takes a paste before its WebAssembly runs, and the
// interface takes it over; every file is in before the page locks itself down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, waitUntilStarted, token, nowSeconds } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const expired = () => token({ alg: 'HS256', typ: 'JWT' }, { sub: 'early-user', exp: nowSeconds() - 3600 });

/**
 * Opens the page with the interface's wasm held back until `release()` is called, so that `run`
 * acts on the page as first drawn (the engine's files are not held); then checks that the page
 * reported no error, and closes it.
 */
async function withHeld(run) {
  const context = await env.browser.newContext();
  try {
    let release;
    const gate = new Promise((done) => { release = done; });
    await context.route(/why401-web-[^/]*_bg\.wasm$/, async (route) => {
      await gate;
      await route.continue();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(env.base, { waitUntil: 'commit' });
    await page.waitForSelector('.page--starting textarea#input');
    // The first drawing takes pastes and drops once boot.js has run (a module script: it runs
    // after the page is parsed, so a test may find the box before the handlers).
    await page.waitForFunction(() => 'why401EarlyInput' in window);
    await run({ context, page, release });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

test('text typed into the page as first drawn is analysed when the interface starts', async () => {
  await withHeld(async ({ page, release }) => {
    const jwt = expired();
    await page.fill('#input', jwt);
    // The interface has not run: nothing is analysed yet, and the box says so.
    assert.equal(await page.$('#summary'), null);
    assert.match(await page.textContent('#input-hint'), /as soon as it is ready/);
    release();
    await waitUntilStarted(page);
    await page.waitForSelector('[data-check="exp"][data-status="fail"]');
    assert.equal(await page.$('.page--starting'), null, 'the first drawing is replaced');
    assert.equal(await page.inputValue('#input'), jwt, 'the box still holds what was typed');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'input', 'the box keeps the focus');
  });
});

test('no keystroke is lost while the interface takes over from the first drawing', async () => {
  await withHeld(async ({ context, page, release }) => {
    // A slower processor makes the interface's first rendering long enough for Yew to yield to the
    // browser in the middle of it, which is when a key could land in an empty box.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.focus('#input');
    let typed = 'Authorization: Bearer ';
    await page.keyboard.type(typed);
    release();
    // Keep typing, key after key with nothing else between them, until the first drawing is gone.
    for (let i = 0; i < 200 && (await page.$('#first-drawing')); i++) {
      const keys = 'x'.repeat(20);
      await page.keyboard.type(keys);
      typed += keys;
    }
    assert.equal(await page.$('#first-drawing'), null, 'the interface took over');
    for (const key of 'yyyyy') {
      await page.keyboard.type(key);
      typed += key;
    }
    await page.waitForFunction((text) => document.querySelector('#input')?.value === text, typed);
    assert.equal(await page.evaluate(() => document.querySelectorAll('textarea#input').length), 1);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'input');
  });
});

test('a paste outside the box and a dropped file, before the interface runs, are kept', async () => {
  // A paste anywhere on the page goes into the box.
  await withHeld(async ({ page, release }) => {
    const jwt = expired();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector('.page__header').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, jwt);
    assert.equal(await page.inputValue('#input'), jwt);
    release();
    await waitUntilStarted(page);
    await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  });
  // A dropped file is read once the interface runs; the page is not replaced by the file.
  await withHeld(async ({ page, release }) => {
    const jwt = expired();
    const url = page.url();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([`Authorization: Bearer ${text}\n`], 'failing-call.txt', { type: 'text/plain' }));
      const target = document.querySelector('.panel--report');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, jwt);
    assert.match(await page.textContent('#input-hint'), /failing-call\.txt/);
    release();
    await waitUntilStarted(page);
    await page.waitForSelector('[data-check="exp"][data-status="fail"]');
    assert.match(await page.inputValue('#input'), /^Authorization: Bearer /);
    assert.equal(page.url(), url);
  });
});

test('every file of the page is in before it locks itself down', async () => {
  const context = await env.browser.newContext();
  try {
    await context.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.documentElement?.dataset.locked === 'true' && window.__lockedAt === undefined) {
          window.__lockedAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-locked'] });
    });
    const page = await context.newPage();
    await page.goto(env.base);
    await waitUntilStarted(page);
    await page.fill('#input', expired());
    await page.waitForSelector('[data-check="exp"][data-status="fail"]');
    const { lockedAt, requests } = await page.evaluate(() => ({
      lockedAt: window.__lockedAt,
      requests: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })),
    }));
    assert.ok(lockedAt > 0, 'the page locked itself down');
    const files = requests.filter((r) => !r.name.startsWith('blob:') && !r.name.startsWith('data:'));
    for (const name of ['boot.js', 'why401-web-']) {
      assert.ok(files.some((r) => r.name.includes(name)), `${name} was requested`);
    }
    // One WebAssembly module for the interface and the engine's worker, fetched once.
    assert.equal(files.filter((r) => r.name.endsWith('.wasm')).length, 1, `one .wasm fetched: ${files.map((r) => r.name).join(', ')}`);
    for (const r of files) assert.ok(r.end <= lockedAt, `${r.name} arrived at ${r.end} ms, after the lock at ${lockedAt} ms`);
  } finally {
    await context.close();
  }
});
