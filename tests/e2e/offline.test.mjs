// Offline and air-gapped: the service worker's copy, the single-file build opened from disk, the
// web app manifest, and the failure panel shown if the page ever stops on an internal error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setUp, tearDown, openPage, waitUntilStarted, token, nowSeconds } from './helpers.mjs';

const SINGLE = 'single/why401.html';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

const expired = () => token({ alg: 'HS256', typ: 'JWT' }, { sub: 'offline-user', exp: nowSeconds() - 3600 });

test('after the first visit the page opens and works with the network off', async () => {
  const context = await env.browser.newContext();
  const requests = [];
  const errors = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.base);
  await waitUntilStarted(page);
  assert.equal(await page.getAttribute('html', 'data-offline'), 'ready', 'the offline copy is kept');
  await context.setOffline(true);
  context.on('request', (r) => requests.push(r.url()));
  await page.reload();
  await waitUntilStarted(page);
  await page.fill('#input', expired());
  await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  // A second tab opened while offline starts from the copy too.
  const other = await context.newPage();
  other.on('pageerror', (e) => errors.push(String(e)));
  await other.goto(env.base);
  await waitUntilStarted(other);
  await other.fill('#input', expired());
  await other.waitForSelector('[data-step="token-expiry"][data-status="fail"]');
  assert.ok(requests.length > 0, 'the pages were loaded');
  // The engine's worker is started from a blob: of the page's own (checked) script: not a request
  // that leaves the browser.
  const local = `blob:${new URL(env.base).origin}/`;
  assert.deepEqual(requests.filter((url) => !url.startsWith(env.base) && !url.startsWith(local)), [], 'nothing but the page itself');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single-file build opens from disk with no network and decodes a token', async () => {
  assert.ok(existsSync(SINGLE), `${SINGLE} is missing: run \`make single\``);
  const html = readFileSync(SINGLE);
  const [sum] = readFileSync(`${SINGLE}.sha256`, 'utf8').split(/\s+/);
  assert.equal(sum, createHash('sha256').update(html).digest('hex'), 'the published checksum matches');
  const context = await env.browser.newContext({ offline: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const url = pathToFileURL(resolve(SINGLE)).href;
  await page.goto(url);
  await waitUntilStarted(page);
  assert.equal(await page.getAttribute('html', 'data-offline'), 'single-file');
  await page.fill('#input', expired());
  await page.waitForSelector('[data-check="exp"][data-status="fail"]');
  assert.match(await page.textContent('.panel--report'), /offline-user/);
  // Every file the page uses is inside it: the only request was the file itself, and the blob: the
  // engine's worker starts from (made in the page from the glue the page carries).
  assert.deepEqual(requests.filter((r) => !r.startsWith('blob:null/')), [url]);
  assert.equal(requests.filter((r) => r.startsWith('blob:null/')).length, 1, 'one worker, started from a blob:');
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => fetch('https://example.com/').then(() => 'sent', () => 'refused')), 'refused');
  await context.close();
});

test('the web app manifest is valid and its icons are in the build', async () => {
  const { page } = await openPage(env.browser, env.base);
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'the browser finds no error in the manifest');
  const data = JSON.parse(manifest.data);
  assert.equal(data.short_name, 'why401');
  assert.equal(data.display, 'standalone');
  for (const icon of data.icons) assert.ok(existsSync(`dist/${icon.src}`), `${icon.src} is in dist/`);
  assert.ok(data.icons.some((icon) => icon.sizes === '512x512'), 'a 512 px icon for installation');
  await page.close();
});

test('a page opened normally has no test hooks, and its engine only posts, listens and restarts', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const hooks = await page.evaluate(() => ({
    test: typeof window.why401Test,
    panic: typeof window.why401SelfTestPanic,
    engine: Object.keys(window.why401Engine).sort(),
    frozen: Object.isFrozen(window.why401Engine),
  }));
  assert.deepEqual(hooks, { test: 'undefined', panic: 'undefined', engine: ['listen', 'post', 'restart'], frozen: true });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a panic shows the failure panel with a reload button, and reloading starts afresh', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { testHooks: true });
  const secret = token({ alg: 'HS256' }, { sub: 'before-the-crash' });
  await page.fill('#input', secret);
  await page.waitForSelector('[data-check="exp"]');
  await page.evaluate(() => {
    try { window.why401Test.panic(); } catch { /* the trap after the panic hook */ }
  });
  await page.waitForSelector('#crash');
  assert.equal(await page.getAttribute('#crash', 'role'), 'alertdialog');
  const details = await page.textContent('#crash-details');
  assert.match(details, /self-test: the failure panel works/);
  assert.ok(!details.includes(secret), 'the details do not carry the input');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'crash-reload', 'the reload button has focus');
  seen.ready = false;
  await Promise.all([page.waitForNavigation(), page.click('#crash-reload')]);
  await waitUntilStarted(page);
  assert.equal(await page.$('#crash'), null);
  assert.equal(await page.inputValue('#input'), '', 'nothing of the paste survives');
  await page.close();
});

test('a panic in the engine\'s worker shows the failure panel too', async () => {
  const { page } = await openPage(env.browser, env.base, { testHooks: true });
  const secret = token({ alg: 'HS256' }, { sub: 'before-the-worker-crash' });
  await page.fill('#input', secret);
  await page.waitForSelector('[data-check="exp"]');
  await page.evaluate(() => window.why401Test.workerPanic());
  await page.waitForSelector('#crash');
  const details = await page.textContent('#crash-details');
  assert.match(details, /self-test: the engine's worker stopped on purpose/);
  assert.ok(!details.includes(secret), 'the details do not carry the input');
  await page.close();
});

/** Serves a copy of dist/ with one file changed by `change(dir, name)`, and opens it. */
async function openTampered(pattern, change) {
  const dir = mkdtempSync(join(tmpdir(), 'why401-tampered-'));
  cpSync('dist', dir, { recursive: true });
  const name = readdirSync(dir).find((file) => pattern.test(file));
  change(join(dir, name));
  const server = await startServer(dir, 0);
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('.boot-error');
    return {
      text: await page.textContent('.boot-error'),
      ran: await page.evaluate(() => window.__tampered === true),
      input: await page.$('textarea#input:visible'),
      crash: await page.$('#crash'),
    };
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true });
  }
}

test('a changed JavaScript or WebAssembly file is refused, and the changed code never runs', async () => {
  const glue = await openTampered(/^why401-web-[0-9a-f]+\.js$/, (path) => appendFileSync(path, '\nwindow.__tampered = true;\n'));
  assert.equal(glue.ran, false, 'the changed glue did not run');
  assert.equal(glue.input, null, 'the page did not start');
  assert.match(glue.text, /could not start/);
  const flip = (path) => {
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 0x01;
    writeFileSync(path, bytes);
  };
  const wasm = await openTampered(/^why401-web-[0-9a-f]+_bg\.wasm$/, flip);
  assert.equal(wasm.input, null, 'the page did not start');
  assert.match(wasm.text, /could not start/);
  // The engine's worker runs the same glue and the same compiled module, so the two checks above
  // hold for it too: there is no other file it could be started from.
});
