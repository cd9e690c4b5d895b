// Shared set-up for the browser tests: a static server over dist/ and headless Chromium.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function setUp() {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `make build` first');
  const server = await startServer('dist', 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return { server, base, browser };
}

export async function tearDown({ server, browser }) {
  await browser?.close();
  await new Promise((done) => server?.close(done));
}

/**
 * Opens the page and waits until it has started, locked itself down and kept (or could not keep)
 * its offline copy. Records every request
 * made after that point, every page error and every CSP violation. `options` are those of a new
 * browser context (for instance `{ permissions: ['clipboard-write'] }`); `testHooks: true` asks
 * boot.js, before the page loads, for its test hooks (`window.why401Test`), which a page opened
 * normally does not have.
 */
export async function openPage(browser, base, { testHooks = false, ...options } = {}) {
  const page = await browser.newPage(options);
  if (testHooks) await page.addInitScript(() => { window.why401TestHooks = true; });
  const seen = { afterLoad: [], errors: [], ready: false };
  // The context sees the page's requests and its service worker's.
  // A `blob:` of the page's own origin is memory, not the network: the engine's worker is
  // started from one (again when it is restarted to stop a long analysis).
  const local = `blob:${new URL(base).origin}/`;
  page.context().on('request', (r) => { if (seen.ready && !r.url().startsWith(local)) seen.afterLoad.push(r.url()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  await page.goto(base);
  await waitUntilStarted(page);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  seen.ready = true;
  return { page, seen };
}

/** Waits until the page has started, locked itself down and settled its offline copy. */
export async function waitUntilStarted(page) {
  await page.waitForSelector('html[data-locked="true"]');
  await page.waitForSelector('textarea#input');
  await page.waitForSelector('html[data-offline]', { state: 'attached' });
}

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS with the given header and claims and a placeholder signature. */
export function token(header, claims, signature = b64('not a real signature, 32 bytes!!')) {
  return `${b64(header)}.${b64(claims)}.${signature}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Types into a field key by key, as a user does, so every intermediate value is seen. */
export async function typeInto(page, selector, text) {
  await page.fill(selector, '');
  await page.locator(selector).pressSequentially(text);
}

/** The text a user sees in the report, form fields excluded. */
export async function reportText(page) {
  return page.evaluate(() => document.querySelector('.panel--report').innerText);
}

/**
 * Reloads a page opened with `openPage` and waits until it has started and locked itself down
 * again. Requests made while it reloads are not counted as requests after load.
 */
export async function reloadPage(page, seen) {
  seen.ready = false;
  await page.reload();
  await waitUntilStarted(page);
  seen.ready = true;
}

/**
 * Pastes on the element `selector` the way the browser does on Ctrl+V: a `paste` event carrying
 * the clipboard's `text`, or a file named `file` holding it (as copied from a file manager).
 */
export async function paste(page, selector, text, file = null) {
  await page.evaluate(([s, body, name]) => {
    const data = new DataTransfer();
    if (name) data.items.add(new File([body], name, { type: 'text/plain' }));
    else data.setData('text/plain', body);
    document.querySelector(s).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [selector, text, file]);
}
