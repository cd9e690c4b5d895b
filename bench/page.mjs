// The browser half of why401's benchmark: what the built page (dist/) weighs, how fast it becomes
// usable, how long a paste takes to turn into a verdict, and how that compares with `jose` in the
// same Chromium. Prints a table and writes bench/results.json.
//
//   trunk build --release && node bench/page.mjs            (under 2 minutes on 2 cores)
//   node bench/page.mjs --quick                             fewer runs; writes bench/out/ instead
//
// Budgets are reported OVER or OK; missing one is not an error (this is a measurement, not a
// test), so the exit status is non-zero only when the benchmark itself could not run.
import { chromium } from 'playwright-core';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { CHROMIUM, nowSeconds, token } from '../tests/e2e/helpers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const QUICK = process.argv.includes('--quick');
const OUT = QUICK ? join(ROOT, 'bench', 'out', 'results-quick.json') : join(ROOT, 'bench', 'results.json');

const KB = 1024;
const BUDGETS = {
  criticalPathGzipKB: 150,
  wholePageGzipKB: 480,
  wholePageBrotliKB: 400,
  timeToInteractiveMs: 150,
  firstVerdictMs: 250,
  repeatVerdictMs: 150,
  pasteJwtMs: 5,
  pasteJwtRs256Ms: 10,
  pasteExchangeMs: 10,
  pasteHarMs: 300,
  pasteLogMs: 300,
  verifyVsJose: 1.5,
  decodeVsJose: 2,
};
const RUNS = QUICK
  ? { loads: 5, paste: 10, har: 5, pasteWarmup: 2, jose: 50, joseWarmup: 10 }
  : { loads: 20, paste: 50, har: 50, pasteWarmup: 5, jose: 200, joseWarmup: 50 };
const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

const round = (value, digits = 3) => (value == null ? null : Number(value.toFixed(digits)));

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.min(n - 1, Math.ceil(0.9 * n) - 1)];
  return { runs: n, median: round(median), min: round(sorted[0]), p90: round(p90), max: round(sorted[n - 1]) };
}

const verdict = (ok) => (ok ? 'OK' : 'OVER');
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const ms = (value) => (value == null ? '-' : value < 1 ? `${value.toFixed(3)} ms` : `${value.toFixed(2)} ms`);

function table(rows, align) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((row, r) => {
    const line = row.map((cell, c) => (align[c] === 'r' ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]))).join('  ');
    return r === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

function heading(text) {
  console.log(`\n== ${text} ${'='.repeat(Math.max(0, 92 - text.length))}`);
}

// ---------------------------------------------------------------------------------------------
// 1. Page weight

// Hidden entries are skipped: Trunk stages a build in dist/.stage before it swaps it in.
function walk(dir) {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The files a visitor needs before the paste box works, read from index.html itself. */
// The files the paste box needs: index.html draws it, its stylesheet styles it (a stylesheet
// holds the first paint), boot.js keeps what is pasted and locks the page down. The interface's
// glue and wasm come next: they replace the first drawing and take over what it kept.
function criticalPath(indexHtml) {
  const box = new Set(['index.html']);
  const ui = new Set();
  const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]+)"`))?.[1];
  for (const [tag] of indexHtml.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = attr(tag, 'rel');
    if (tag.startsWith('<script')) {
      if (attr(tag, 'src')) box.add(attr(tag, 'src'));
      for (const name of ['data-js', 'data-wasm']) if (attr(tag, name)) ui.add(attr(tag, name));
    } else if (rel === 'stylesheet') {
      box.add(attr(tag, 'href'));
    }
  }
  const clean = (refs) => [...refs].map((ref) => ref.replace(/^\.\//, ''));
  return { box: clean(box), ui: clean(ui) };
}

function pageWeight() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new BenchError('dist/ is missing or has no index.html: build the page first with `trunk build --release` (or `make build`).');
  }
  if (existsSync(join(DIST, '.stage'))) {
    console.warn('warning: dist/.stage exists, so a Trunk build is running or was interrupted; wait for it to finish, or the figures may mix two builds.');
  }
  const { box: critical, ui } = criticalPath(readFileSync(join(DIST, 'index.html'), 'utf8'));
  for (const file of [...critical, ...ui]) {
    if (!existsSync(join(DIST, file))) throw new BenchError(`index.html refers to ${file}, which is not in dist/: rebuild with \`trunk build --release\`.`);
  }
  const files = walk(DIST)
    .map((path) => relative(DIST, path).split(sep).join('/'))
    .sort()
    .map((path) => {
      const body = readFileSync(join(DIST, path));
      const gzip = gzipSync(body, { level: 9 }).length;
      const brotli = brotliCompressSync(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
          [zlibConstants.BROTLI_PARAM_LGWIN]: zlibConstants.BROTLI_MAX_WINDOW_BITS,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }).length;
      return { path, criticalPath: critical.includes(path), interface: ui.includes(path), raw: body.length, gzip, brotli };
    });
  const sum = (list) => ({
    files: list.length,
    raw: list.reduce((n, f) => n + f.raw, 0),
    gzip: list.reduce((n, f) => n + f.gzip, 0),
    brotli: list.reduce((n, f) => n + f.brotli, 0),
  });
  const totals = {
    criticalPath: sum(files.filter((f) => f.criticalPath)),
    interface: sum(files.filter((f) => f.criticalPath || f.interface)),
    wholePage: sum(files),
  };
  const budgets = {
    criticalPathGzip: { limitKB: BUDGETS.criticalPathGzipKB, actualKB: round(totals.criticalPath.gzip / KB, 1), ok: totals.criticalPath.gzip <= BUDGETS.criticalPathGzipKB * KB },
    wholePageGzip: { limitKB: BUDGETS.wholePageGzipKB, actualKB: round(totals.wholePage.gzip / KB, 1), ok: totals.wholePage.gzip <= BUDGETS.wholePageGzipKB * KB },
    wholePageBrotli: { limitKB: BUDGETS.wholePageBrotliKB, actualKB: round(totals.wholePage.brotli / KB, 1), ok: totals.wholePage.brotli <= BUDGETS.wholePageBrotliKB * KB },
  };
  return { files, totals, budgets };
}

function printWeight(weight) {
  heading('1. Page weight (dist/; gzip level 9, brotli quality 11; 1 KB = 1,024 bytes; * = critical path, + = interface)');
  const rows = [['file', 'raw', 'gzip', 'brotli']];
  for (const f of weight.files) rows.push([`${f.criticalPath ? '*' : f.interface ? '+' : ' '} ${f.path}`, kb(f.raw), kb(f.gzip), kb(f.brotli)]);
  const { criticalPath: c, interface: u, wholePage: w } = weight.totals;
  rows.push([`  critical path to the paste box (${c.files} files)`, kb(c.raw), kb(c.gzip), kb(c.brotli)]);
  rows.push([`  ... and to the running interface (${u.files} files)`, kb(u.raw), kb(u.gzip), kb(u.brotli)]);
  rows.push([`  whole page (${w.files} files)`, kb(w.raw), kb(w.gzip), kb(w.brotli)]);
  console.log(table(rows, ['l', 'r', 'r', 'r']));
  const b = weight.budgets;
  console.log(`\nbudget  critical path gzip ${b.criticalPathGzip.actualKB} KB  <= ${b.criticalPathGzip.limitKB} KB : ${verdict(b.criticalPathGzip.ok)}`);
  console.log(`budget  whole page gzip    ${b.wholePageGzip.actualKB} KB  <= ${b.wholePageGzip.limitKB} KB : ${verdict(b.wholePageGzip.ok)}`);
  console.log(`budget  whole page brotli  ${b.wholePageBrotli.actualKB} KB  <= ${b.wholePageBrotli.limitKB} KB : ${verdict(b.wholePageBrotli.ok)}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Time to interactive

// Runs in the page before any of its scripts: notes, against the navigation's own clock, when
// the paste box is on screen and takes input (index.html draws it; what is pasted there waits in
// it, unread, until the page has locked itself down and its interface runs), when the page is
// locked down, when the interface has replaced the first drawing, and when a token pasted at the
// first possible moment has its verdict (the engine's worker started and answered).
const TTI_PROBE = (pasted) => {
  const marks = {};
  window.__ttiMarks = marks;
  const check = () => {
    const now = performance.now();
    const input = document.querySelector('textarea#input');
    if (input && marks.input === undefined) {
      marks.input = now;
      // A paste into the box as first drawn (the value, then the event a paste fires).
      input.value = pasted;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    if (marks.input !== undefined && marks.painted !== undefined && marks.interactive === undefined) {
      marks.interactive = Math.max(marks.input, marks.painted);
    }
    if (document.documentElement?.dataset.locked === 'true' && marks.locked === undefined) marks.locked = now;
    if (document.getElementById('summary') && marks.running === undefined) marks.running = now;
    if (document.querySelector('[data-check="exp"][data-status="fail"]') && marks.verdict === undefined) {
      marks.verdict = now;
      observer.disconnect();
    }
  };
  // The box is usable once it is on screen: the first paint with content.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint' && marks.painted === undefined) marks.painted = entry.startTime;
    }
    check();
  }).observe({ type: 'paint', buffered: true });
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
};

async function timeToInteractive(browser, base) {
  const loads = [];
  const now = nowSeconds();
  const pasted = token({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-4821', iat: now - 7200, exp: now - 3600 });
  for (let i = 0; i < RUNS.loads; i++) {
    // A new context each time: empty HTTP cache, no service worker, no storage.
    const context = await browser.newContext();
    try {
      await context.addInitScript(TTI_PROBE, pasted);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(base, { waitUntil: 'commit', timeout: 30_000 });
      await page.waitForSelector('[data-check="exp"][data-status="fail"]', { state: 'attached', timeout: 30_000 });
      if (errors.length) throw new BenchError(`the page reported errors while loading: ${errors.join('; ')}`);
      if (await page.$('.boot-error')) throw new BenchError(`the page could not start: ${await page.textContent('.boot-error')}`);
      loads.push(await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource');
        const wasm = resources.find((r) => /why401-web-[^/]*\.wasm$/.test(r.name));
        const engine = null; // one module: the engine is the same file as the interface
        return {
          htmlReceived: nav?.responseEnd ?? null,
          domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
          wasmReceived: wasm?.responseEnd ?? null,
          engineWasmReceived: engine?.responseEnd ?? null,
          inputPresent: window.__ttiMarks.input ?? null,
          firstPaint: window.__ttiMarks.painted ?? null,
          locked: window.__ttiMarks.locked ?? null,
          interactive: window.__ttiMarks.interactive ?? null,
          running: window.__ttiMarks.running ?? null,
          verdict: window.__ttiMarks.verdict ?? null,
        };
      }));
      const last = loads.at(-1);
      if (last.interactive == null || last.running == null || last.verdict == null) {
        throw new BenchError('the probe did not see the page become interactive, start its interface and give the verdict');
      }
    } finally {
      await context.close();
    }
  }
  const of = (name) => loads.map((l) => l[name]).filter((v) => v != null);
  const interactive = stats(of('interactive'));
  return {
    loads: RUNS.loads,
    timeToInteractive: interactive,
    interfaceRunning: stats(of('running')),
    firstVerdict: stats(of('verdict')),
    breakdownMedians: {
      htmlReceived: stats(of('htmlReceived')).median,
      domContentLoaded: stats(of('domContentLoaded')).median,
      wasmReceived: of('wasmReceived').length ? stats(of('wasmReceived')).median : null,
      engineWasmReceived: of('engineWasmReceived').length ? stats(of('engineWasmReceived')).median : null,
      inputPresent: stats(of('inputPresent')).median,
      firstPaint: stats(of('firstPaint')).median,
      locked: stats(of('locked')).median,
    },
    budget: { limitMs: BUDGETS.timeToInteractiveMs, ok: interactive.median <= BUDGETS.timeToInteractiveMs },
    verdictBudget: { limitMs: BUDGETS.firstVerdictMs, ok: stats(of('verdict')).median <= BUDGETS.firstVerdictMs },
  };
}

/**
 * The verdict on a repeat visit: one context loads the page until its service worker keeps the
 * offline copy, then reloads it `RUNS.loads` times with a token pasted at the first moment. The
 * files come from the service worker, and the browser reuses the code it compiled for the module.
 */
async function repeatVisit(browser, base) {
  const now = nowSeconds();
  const pasted = token({ alg: 'HS256', typ: 'JWT' }, { sub: 'user-4821', iat: now - 7200, exp: now - 3600 });
  const context = await browser.newContext();
  const loads = [];
  try {
    await context.addInitScript(TTI_PROBE, pasted);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base);
    await page.waitForSelector('html[data-offline="ready"], html[data-offline="unavailable"]', { state: 'attached', timeout: 30_000 });
    if (await page.getAttribute('html', 'data-offline') !== 'ready') throw new BenchError('the service worker did not keep the offline copy');
    for (let i = 0; i < RUNS.loads; i++) {
      await page.reload({ waitUntil: 'commit' });
      await page.waitForSelector('[data-check="exp"][data-status="fail"]', { state: 'attached', timeout: 30_000 });
      loads.push(await page.evaluate(() => ({
        fromServiceWorker: performance.getEntriesByType('navigation')[0]?.workerStart > 0,
        verdict: window.__ttiMarks.verdict ?? null,
        interactive: window.__ttiMarks.interactive ?? null,
      })));
      if (loads.at(-1).verdict == null) throw new BenchError('the probe did not see the verdict on a repeat visit');
    }
    if (errors.length) throw new BenchError(`the page reported errors on a repeat visit: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
  const verdicts = stats(loads.map((l) => l.verdict));
  return {
    loads: RUNS.loads,
    servedByServiceWorker: loads.filter((l) => l.fromServiceWorker).length,
    firstVerdict: verdicts,
    timeToInteractive: stats(loads.map((l) => l.interactive).filter((v) => v != null)),
    budget: { limitMs: BUDGETS.repeatVerdictMs, ok: verdicts.median <= BUDGETS.repeatVerdictMs },
  };
}

function printRepeat(r) {
  heading(`2b. Repeat visit (${r.loads} reloads after the service worker kept the page; ${r.servedByServiceWorker} served by it)`);
  console.log(table([
    ['measure', 'median', 'min', 'p90'],
    ['verdict for a token pasted at the first moment', ms(r.firstVerdict.median), ms(r.firstVerdict.min), ms(r.firstVerdict.p90)],
    ['interactive', ms(r.timeToInteractive.median), ms(r.timeToInteractive.min), ms(r.timeToInteractive.p90)],
  ], ['l', 'r', 'r', 'r']));
  console.log(`budget  repeat-visit verdict median ${ms(r.firstVerdict.median)} <= ${BUDGETS.repeatVerdictMs} ms : ${verdict(r.budget.ok)}`);
}

function printTti(tti) {
  heading(`2. Time to interactive (${tti.loads} cold loads, a fresh browser context each, localhost)`);
  const t = tti.timeToInteractive;
  console.log(table([
    ['navigation start to', 'median', 'min', 'p90'],
    ['paste box on screen, taking input', ms(t.median), ms(t.min), ms(t.p90)],
    ['interface running (it replaced the first drawing)', ms(tti.interfaceRunning.median), ms(tti.interfaceRunning.min), ms(tti.interfaceRunning.p90)],
    ['verdict for a token pasted at the first moment', ms(tti.firstVerdict.median), ms(tti.firstVerdict.min), ms(tti.firstVerdict.p90)],
  ], ['l', 'r', 'r', 'r']));
  const b = tti.breakdownMedians;
  console.log(`medians on the way: index.html received ${ms(b.htmlReceived)}, DOMContentLoaded ${ms(b.domContentLoaded)}, `
    + `paste box in the document ${ms(b.inputPresent)}, first contentful paint ${ms(b.firstPaint)}, `
    + `interface .wasm received ${ms(b.wasmReceived)}, engine .wasm received ${ms(b.engineWasmReceived)}, locked down ${ms(b.locked)}`);
  console.log('index.html draws the paste box, which takes a paste at once; what is pasted waits there, unread, until every '
    + 'file is in and the page has locked itself down. The interface then takes it over and the engine checks it.');
  console.log(`\nbudget  time to interactive median ${ms(t.median)} <= ${BUDGETS.timeToInteractiveMs} ms : ${verdict(tti.budget.ok)}`);
  console.log(`budget  first verdict median ${ms(tti.firstVerdict.median)} <= ${BUDGETS.firstVerdictMs} ms : ${verdict(tti.verdictBudget.ok)}`);
}

// ---------------------------------------------------------------------------------------------
// 3. Paste to verdict

// Installed in the page once. `paste` puts a value in the paste box the way the browser does on
// a paste (value set, then an `input` event) and resolves with the ms from that event to the
// moment every one of `selectors` is in the document, seen by a MutationObserver. `clear` empties
// the box and waits until the report is back to its empty state and two frames have passed.
const PAGE_HELPERS = () => {
  const allPresent = (selectors) => selectors.every((s) => document.querySelector(s) !== null);
  const until = (condition, timeoutMs, what) => new Promise((resolve, reject) => {
    let observer;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const check = () => {
      if (!condition()) return false;
      const at = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      resolve(at);
      return true;
    };
    observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    // A render that already happened within the dispatch itself.
    check();
  });
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  const area = () => document.querySelector('textarea#input');
  window.__bench = {
    values: {},
    async paste(name, selectors, timeoutMs) {
      const field = area();
      field.value = window.__bench.values[name];
      const start = performance.now();
      const seen = until(() => allPresent(selectors), timeoutMs, selectors.join(' + '));
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      return (await seen) - start;
    },
    async clear(selectors, timeoutMs) {
      const field = area();
      field.value = '';
      const cleared = until(() => document.querySelector('#summary.summary--empty') !== null
        && selectors.every((s) => document.querySelector(s) === null), timeoutMs, 'the report to clear');
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
      await cleared;
      await frames();
    },
  };
};

/** A HAR of `count` entries padded to about `bytes` in all; the last entry is refused with 401. */
function makeHar(count, bytes) {
  const entry = (i, padding) => ({
    startedDateTime: new Date(Date.UTC(2026, 10, 25, 10, 0, 0, i * 40)).toISOString(),
    time: 12 + (i % 17),
    request: {
      method: 'GET',
      url: `https://api.example.com/v1/items/${i}?page=${i % 13}`,
      httpVersion: 'HTTP/2',
      headers: [
        { name: 'accept', value: 'application/json' },
        { name: 'authorization', value: `Bearer opaque-session-${i % 7}` },
        { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0 Safari/537.36' },
      ],
      cookies: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: i === count - 1
      ? { status: 401, statusText: 'Unauthorized', httpVersion: 'HTTP/2', cookies: [], redirectURL: '', headersSize: -1, bodySize: 25,
        headers: [{ name: 'www-authenticate', value: 'Bearer realm="items", error="invalid_token"' }, { name: 'content-type', value: 'application/json' }],
        content: { size: 25, mimeType: 'application/json', text: '{"error":"invalid_token"}' } }
      : { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', cookies: [], redirectURL: '', headersSize: -1, bodySize: padding.length,
        headers: [{ name: 'content-type', value: 'application/json' }, { name: 'x-request-id', value: `r-${i}` }],
        content: { size: padding.length, mimeType: 'application/json', text: padding } },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  });
  const wrap = (entries) => JSON.stringify({ log: { version: '1.2', creator: { name: 'why401 bench', version: '1' }, entries } });
  const bare = wrap(Array.from({ length: count }, (_, i) => entry(i, ''))).length;
  const per = Math.max(0, Math.ceil((bytes - bare) / (count - 1)));
  const body = JSON.stringify({ items: 'x'.repeat(per) }).slice(0, per);
  return wrap(Array.from({ length: count }, (_, i) => entry(i, body)));
}

/** A server log of about `bytes`: healthy lines and, every few hundred lines, a refusal from a
 * library or gateway, a browser console message and a challenge — the native benchmark's log. */
function makeLog(bytes) {
  const lines = [
    '2025-11-24T16:00:00.123Z INFO  http GET /v1/items?page=2 200 12ms request_id=9f1c2e user=4821',
    '2025-11-24T16:00:00.456Z DEBUG cache hit key=items:page:2 ttl=300',
    "2025-11-24T16:00:01.001Z WARN  auth Bearer was not authenticated. Failure message: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '11/24/2025 3:00:00 PM', Current time (UTC): '11/24/2025 4:00:01 PM'.",
    '2025-11-24T16:00:01.002Z ERROR api TokenExpiredError: jwt expired',
    '2025-11-24T16:00:01.003Z INFO  http GET /v1/me 401 3ms www-authenticate: Bearer error="invalid_token"',
    "Access to fetch at 'https://api.example.com/v1/me' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    '2025-11-24T16:00:02.000Z INFO  http POST /v1/orders 201 40ms request_id=77aa01',
  ];
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = i % 300 < 5 ? lines[2 + (i % 300) % 5] : lines[i % 2];
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n') + '\n';
}

async function openPanels(page) {
  for (const details of await page.$$('details.extras__group')) {
    if (!(await details.evaluate((d) => d.open))) await (await details.$('summary')).click();
  }
}

async function pasteToVerdict(browser, base, rs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base);
  await page.waitForSelector('html[data-locked="true"]');
  await page.waitForSelector('textarea#input');
  await page.evaluate(PAGE_HELPERS);

  const put = (name, value) => page.evaluate(([n, v]) => { window.__bench.values[n] = v; }, [name, value]);
  const measure = async (label, values, selectors, { runs, warmup, timeoutMs = 10_000 }) => {
    const times = [];
    for (let i = 0; i < warmup + runs; i++) {
      const name = values[i % values.length];
      let time;
      try {
        time = await page.evaluate(([n, s, t]) => window.__bench.paste(n, s, t), [name, selectors, timeoutMs]);
        await page.evaluate(([s, t]) => window.__bench.clear(s, t), [selectors, timeoutMs]);
      } catch (error) {
        throw new BenchError(`paste-to-verdict "${label}": ${error.message.split('\n')[0]}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
      }
      if (i >= warmup) times.push(time);
    }
    return stats(times);
  };

  const now = nowSeconds();
  const claims = { iss: 'https://login.example.com/', sub: 'user-4821', aud: 'https://api.example.com', scope: 'orders.read profile', client_id: 'web-app' };

  // (a) An expired HS256 token, no key: decoded, every claim checked, the expiry found.
  await put('jwt', token({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 3600 }));
  const jwt = await measure('JWT', ['jwt'], ['[data-check="exp"][data-status="fail"]', '[data-step="token-expiry"][data-status="fail"]'],
    { runs: RUNS.paste, warmup: RUNS.pasteWarmup });

  // (c) A raw HTTP request and its 401 response, with a token in it. The checklist is always on
  // the page (every step "unknown" while the box is empty), so the step is matched by its status.
  await put('exchange', [
    'GET /v1/orders HTTP/1.1',
    'Host: api.example.com',
    `Authorization: Bearer ${token({ alg: 'RS256', typ: 'JWT', kid: '2026-11-key-a' }, { ...claims, iat: now - 7200, exp: now - 3600 })}`,
    'Accept: application/json',
    '',
    'HTTP/1.1 401 Unauthorized',
    'Date: Wed, 25 Nov 2026 10:00:00 GMT',
    'WWW-Authenticate: Bearer realm="orders", error="invalid_token", error_description="The access token expired"',
    'Content-Type: application/json',
    'X-Request-Id: 3f1e2d9c',
    '',
    '{"error":"invalid_token"}',
  ].join('\n'));
  const exchange = await measure('request/response', ['exchange'], ['[data-exchange="0"][data-status="401"]', '[data-step="status-code"][data-status="pass"]'],
    { runs: RUNS.paste, warmup: RUNS.pasteWarmup });

  // (d) A 5 MB HAR of 1,000 entries, pasted: analysed at once (only typing in a large input waits
  // for a pause), and held out of the text box, which would take the browser a second to lay out.
  const harText = makeHar(1000, 5 * 1024 * 1024);
  await put('har', harText);
  const harStats = await measure('HAR', ['har'], ['[data-exchange="999"][data-status="401"]'],
    { runs: RUNS.har, warmup: 2, timeoutMs: 30_000 });

  // (e) A 5 MB server log, pasted: every known message found, the expiry step lit.
  const logText = makeLog(5 * 1024 * 1024);
  await put('log', logText);
  const logStats = await measure('log', ['log'], ['[data-step="token-expiry"][data-status="fail"]'],
    { runs: RUNS.har, warmup: 2, timeoutMs: 30_000 });

  // (b) RS256 with the key in the key panel. WebCrypto's answers are remembered per token, so
  // each run pastes a token the page has not seen (all signed by the benchmark's own key) to time
  // a real verification; a second series repeats the repository's fixture token with its key set,
  // which after the first run is answered from what the page remembers.
  await openPanels(page);
  await page.fill('#key', JSON.stringify({ keys: [rs.publicJwk] }));
  await page.waitForSelector('.keys__item');
  for (const [i, t] of rs.tokens.entries()) await put(`rs256-${i}`, t);
  const signaturePass = ['[data-check="signature"][data-status="pass"]'];
  const rs256 = await measure('JWT + JWKS, RS256', rs.tokens.map((_, i) => `rs256-${i}`), signaturePass,
    { runs: RUNS.paste, warmup: RUNS.pasteWarmup });
  if (rs.tokens.length < RUNS.paste + RUNS.pasteWarmup) throw new BenchError('not enough RS256 tokens for fresh verifications');

  const fixture = (name) => readFileSync(join(ROOT, 'crates', 'cli', 'tests', 'data', name), 'utf8');
  await page.fill('#key', fixture('issuer-jwks.json'));
  await page.waitForSelector('.keys__item');
  await put('fixture', fixture('rs256-access-token.txt').trim());
  const rs256Repeat = await measure('fixture RS256 repeated', ['fixture'], signaturePass, { runs: RUNS.paste, warmup: RUNS.pasteWarmup });
  const webcrypto = Number(await page.getAttribute('.panel--report', 'data-webcrypto'));
  const fallback = Number(await page.getAttribute('.panel--report', 'data-fallback'));
  await context.close();
  if (errors.length) throw new BenchError(`the page reported errors: ${errors.join('; ')}`);
  if (fallback !== 0) throw new BenchError(`${fallback} verification(s) fell back to RustCrypto: the RS256 figures would not be WebCrypto's`);
  if (webcrypto < RUNS.paste + RUNS.pasteWarmup) {
    throw new BenchError(`WebCrypto answered ${webcrypto} verifications for ${RUNS.paste + RUNS.pasteWarmup} new tokens: the RS256 runs did not each verify`);
  }

  const budget = (s, limit) => ({ limitMs: limit, ok: s.median <= limit });
  return {
    note: 'ms from the input event to the verdict element in the DOM (MutationObserver, performance.now(), timer step about 0.1 ms)',
    jwt: { input: 'expired HS256 token, no key', waitsFor: '[data-check="exp"][data-status="fail"]', ...jwt, budget: budget(jwt, BUDGETS.pasteJwtMs) },
    jwtRs256: {
      input: 'RS256 token, a JWK Set in #key, a token not seen before each run (WebCrypto verifies every time)',
      waitsFor: signaturePass[0], ...rs256, budget: budget(rs256, BUDGETS.pasteJwtRs256Ms),
    },
    jwtRs256Repeated: {
      input: 'the fixture RS256 token and issuer-jwks.json, the same token each run (the page reuses the answer WebCrypto gave)',
      waitsFor: signaturePass[0], ...rs256Repeat,
    },
    exchange: { input: 'raw HTTP/1.1 request and 401 response', waitsFor: '[data-exchange="0"][data-status="401"]', ...exchange, budget: budget(exchange, BUDGETS.pasteExchangeMs) },
    har: {
      input: `HAR, 1000 entries, ${harText.length} bytes, the last one a 401`,
      waitsFor: '[data-exchange="999"][data-status="401"]',
      ...harStats,
      budget: budget(harStats, BUDGETS.pasteHarMs),
    },
    log: {
      input: `server log, ${logText.length} bytes, a refusal every 300 lines`,
      waitsFor: '[data-step="token-expiry"][data-status="fail"]',
      ...logStats,
      budget: budget(logStats, BUDGETS.pasteLogMs),
    },
    webcryptoAnswers: webcrypto,
  };
}

function printPaste(p) {
  heading('3. Paste to verdict (in the page; input event -> verdict element in the DOM)');
  const row = (label, s, limit) => [label, s.runs, ms(s.median), ms(s.min), ms(s.p90), limit == null ? '' : `${limit} ms`, limit == null ? '' : verdict(s.median <= limit)];
  console.log(table([
    ['input', 'runs', 'median', 'min', 'p90', 'budget', ''],
    row('(a) JWT (expired HS256), decode + checks', p.jwt, BUDGETS.pasteJwtMs),
    row('(b) JWT + JWKS, RS256 verify (new token each run)', p.jwtRs256, BUDGETS.pasteJwtRs256Ms),
    row('    same, fixture token repeated (answer reused)', p.jwtRs256Repeated, null),
    row('(c) raw request + 401 response', p.exchange, BUDGETS.pasteExchangeMs),
    row(`(d) HAR ${(p.har.input.match(/(\d+) bytes/)[1] / 1024 / 1024).toFixed(1)} MB, 1000 entries, pasted`, p.har, BUDGETS.pasteHarMs),
    row('(e) server log 5.0 MB, pasted', p.log, BUDGETS.pasteLogMs),
  ], ['l', 'r', 'r', 'r', 'r', 'r', 'l']));
  console.log('The engine works in its worker; the figures run from the input event to the verdict in the DOM, the worker\'s messages and the rendering included.');
}

// ---------------------------------------------------------------------------------------------
// 4. jose in the same Chromium

async function joseReference(browser, rs) {
  const joseDir = join(ROOT, 'node_modules', 'jose', 'dist', 'webapi');
  if (!existsSync(join(joseDir, 'index.js'))) throw new BenchError('node_modules/jose is missing: run `npm install` (jose is a pinned devDependency).');
  // The same static server, over a temporary folder linking this page and jose's browser build.
  const dir = mkdtempSync(join(tmpdir(), 'why401-bench-'));
  symlinkSync(join(ROOT, 'bench', 'jose'), join(dir, 'bench'), 'dir');
  symlinkSync(joseDir, join(dir, 'jose'), 'dir');
  const server = await startServer(dir, 0);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/`);
    await page.waitForFunction(() => window.joseBench !== undefined, null, { timeout: 15_000 }).catch(() => {
      throw new BenchError(`the jose page did not start${errors.length ? `: ${errors.join('; ')}` : ''}`);
    });
    const result = await page.evaluate((args) => window.joseBench.run(args), {
      rsToken: rs.tokens[0], rsJwk: rs.publicJwk, samples: RUNS.jose, warmup: RUNS.joseWarmup,
    });
    const out = { samples: RUNS.jose, warmupCalls: RUNS.joseWarmup, crossOriginIsolated: result.crossOriginIsolated, timerStepMs: round(result.timerStepMs, 4) };
    const labels = {
      decode: 'decodeProtectedHeader + decodeJwt',
      rs256Verify: 'jwtVerify RS256 (key imported once)',
      es256Verify: 'jwtVerify ES256 (key pair and token made by jose in the page)',
      decodeAndRs256Verify: 'decodeProtectedHeader + decodeJwt + jwtVerify RS256',
    };
    out.cases = {};
    for (const [name, { batch, times }] of Object.entries(result.cases)) {
      const s = stats(times);
      out.cases[name] = { does: labels[name], callsPerSample: batch, samples: s.runs, median: round(s.median, 4), min: round(s.min, 4), p90: round(s.p90, 4) };
    }
    return out;
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  }
}

// The engine alone, timed in its worker (boot.js `why401Test.benchmark`, crates/worker/src/
// bench.rs): the same token and key as jose's, without the page's messages and rendering. The
// page has that hook only when asked for it before it loads.
async function engineAlone(browser, base, rs) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => { window.why401TestHooks = true; });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForSelector('html[data-locked="true"]');
    const run = async (request) => {
      const answer = await page.evaluate((r) => window.why401Test.benchmark(r), request);
      if (answer.error) throw new BenchError(`engine benchmark ${request.kind}: ${answer.error}`);
      const s = stats(answer.samples.slice(RUNS.joseWarmup > 0 ? 2 : 0));
      return { callsPerSample: request.batch, samples: s.runs, median: round(s.median, 4), min: round(s.min, 4), p90: round(s.p90, 4) };
    };
    const samples = Math.max(10, Math.round(RUNS.jose / 4));
    return {
      decodeAndChecks: {
        does: 'inspect(): the RS256 token decoded and every check run, no key (the engine alone)',
        ...(await run({ kind: 'inspect', text: rs.tokens[0], batch: 50, samples: samples + 2 })),
      },
      rs256Verify: {
        does: 'the RS256 signature verified through the engine\'s seam by WebCrypto (key imported once)',
        ...(await run({ kind: 'verify', text: rs.tokens[0], key: JSON.stringify({ keys: [rs.publicJwk] }), batch: 20, samples: samples + 2 })),
      },
    };
  } finally {
    await context.close();
  }
}

function comparison(paste, jose, engine) {
  const verify = engine.rs256Verify.median / jose.cases.rs256Verify.median;
  const decode = engine.decodeAndChecks.median / jose.cases.decodeAndRs256Verify.median;
  // Not a budget: what a WebCrypto round trip adds to a paste (the page's second engine run and
  // render included), from the two RS256 series of item 3.
  const extra = paste.jwtRs256.median - paste.jwtRs256Repeated.median;
  return {
    verifyExtra: {
      ours: 'paste-to-verdict (b) new token minus (b) repeated token', jose: 'jwtVerify RS256',
      oursMs: round(extra), joseMs: jose.cases.rs256Verify.median, ratio: round(extra / jose.cases.rs256Verify.median, 2),
    },
    verify: {
      ours: engine.rs256Verify.does, jose: 'jwtVerify RS256',
      oursMs: engine.rs256Verify.median, joseMs: jose.cases.rs256Verify.median, ratio: round(verify, 2), limit: BUDGETS.verifyVsJose, ok: verify <= BUDGETS.verifyVsJose,
    },
    decode: {
      ours: engine.decodeAndChecks.does, jose: 'decodeProtectedHeader + decodeJwt + jwtVerify RS256',
      oursMs: engine.decodeAndChecks.median, joseMs: jose.cases.decodeAndRs256Verify.median, ratio: round(decode, 2), limit: BUDGETS.decodeVsJose, ok: decode <= BUDGETS.decodeVsJose,
    },
    pasteVerify: {
      ours: 'paste-to-verdict (b), RS256, new token each run', jose: 'jwtVerify RS256',
      oursMs: paste.jwtRs256.median, joseMs: jose.cases.rs256Verify.median, ratio: round(paste.jwtRs256.median / jose.cases.rs256Verify.median, 2),
    },
    pasteDecode: {
      ours: 'paste-to-verdict (a), decode + all checks', jose: 'decodeProtectedHeader + decodeJwt + jwtVerify RS256',
      oursMs: paste.jwt.median, joseMs: jose.cases.decodeAndRs256Verify.median, ratio: round(paste.jwt.median / jose.cases.decodeAndRs256Verify.median, 2),
    },
  };
}

function printJose(jose, compare) {
  heading(`4. jose ${jose.version} in the same Chromium (median of ${jose.samples} samples after warm-up)`);
  console.log(table([
    ['jose call', 'calls/sample', 'median', 'min', 'p90'],
    ...Object.values(jose.cases).map((c) => [c.does, c.callsPerSample, ms(c.median), ms(c.min), ms(c.p90)]),
  ], ['l', 'r', 'r', 'r', 'r']));
  console.log(`Each sample times a batch of back-to-back calls and divides by its size: this page is not cross-origin isolated, `
    + `so performance.now() steps by ${jose.timerStepMs} ms here.`);
  console.log('');
  console.log(table([
    ['comparison', 'why401', 'jose', 'ratio', 'budget', ''],
    ['RS256 verify (WebCrypto through the seam) vs jose RS256 verify', ms(compare.verify.oursMs), ms(compare.verify.joseMs), `${compare.verify.ratio.toFixed(2)}x`, `<= ${compare.verify.limit}x`, verdict(compare.verify.ok)],
    ['decode + all checks (engine) vs jose decode + RS256 verify', ms(compare.decode.oursMs), ms(compare.decode.joseMs), `${compare.decode.ratio.toFixed(2)}x`, `<= ${compare.decode.limit}x`, verdict(compare.decode.ok)],
    ['(b) RS256 paste-to-verdict vs jose RS256 verify', ms(compare.pasteVerify.oursMs), ms(compare.pasteVerify.joseMs), `${compare.pasteVerify.ratio.toFixed(2)}x`, '(info)', ''],
    ['(a) paste-to-verdict vs jose decode + RS256 verify', ms(compare.pasteDecode.oursMs), ms(compare.pasteDecode.joseMs), `${compare.pasteDecode.ratio.toFixed(2)}x`, '(info)', ''],
    ['(b) new minus (b) repeated, vs jose RS256 verify', ms(compare.verifyExtra.oursMs), ms(compare.verifyExtra.joseMs), `${compare.verifyExtra.ratio.toFixed(2)}x`, '(info)', ''],
  ], ['l', 'r', 'r', 'r', 'r', 'l']));
  console.log('The budgets compare like with like: the engine and the WebCrypto verification timed alone in the page\'s worker, in batches like jose\'s.');
  console.log('The paste-to-verdict lines include everything a paste costs (messages to and from the worker, Yew state update, rendering the whole report).');
  console.log('The last line isolates what verifying adds to a paste: the WebCrypto round trip plus the engine run and render it triggers.');
}

// ---------------------------------------------------------------------------------------------

/** The benchmark's own RS256 key and enough distinct tokens for one fresh verification a run. */
async function rs256Material(count) {
  const { exportJWK, generateKeyPair, SignJWT } = await import('jose').catch(() => {
    throw new BenchError('node_modules/jose is missing: run `npm install` (jose is a pinned devDependency).');
  });
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'bench-rs256', use: 'sig', alg: 'RS256' };
  const tokens = [];
  for (let i = 0; i < count; i++) {
    tokens.push(await new SignJWT({ scope: 'orders.read profile', client_id: 'web-app' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'bench-rs256' })
      .setIssuer('https://login.example.com/').setSubject('user-4821').setAudience('https://api.example.com')
      .setIssuedAt().setExpirationTime('2h').setJti(`bench-${i}`)
      .sign(privateKey));
  }
  return { publicJwk, tokens };
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

async function main() {
  const started = Date.now();
  const lap = (what) => console.log(`   (${what}: ${((Date.now() - started) / 1000).toFixed(1)} s since start)`);

  if (!existsSync(CHROMIUM)) throw new BenchError(`Chromium is not at ${CHROMIUM}: install Debian's chromium or set CHROMIUM=/path/to/chromium.`);
  const weight = pageWeight();
  printWeight(weight);
  lap('page weight');

  const rs = await rs256Material(RUNS.paste + RUNS.pasteWarmup);
  const server = await startServer(DIST, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  } catch (error) {
    await new Promise((done) => server.close(done));
    throw new BenchError(`Chromium did not start (${CHROMIUM}): ${String(error.message).split('\n')[0]}`);
  }
  let results;
  try {
    const tti = await timeToInteractive(browser, base);
    printTti(tti);
    lap('time to interactive');

    const repeat = await repeatVisit(browser, base);
    printRepeat(repeat);
    lap('repeat visit');

    const paste = await pasteToVerdict(browser, base, rs);
    printPaste(paste);
    lap('paste to verdict');

    const jose = { version: packageVersion('jose'), ...(await joseReference(browser, rs)) };
    const engine = await engineAlone(browser, base, rs);
    const compare = comparison(paste, jose, engine);
    printJose(jose, compare);
    lap('jose');

    results = {
      date: new Date().toISOString(),
      quick: QUICK,
      ...gitState(),
      machine: {
        cores: availableParallelism(),
        cpu: cpus()[0]?.model?.trim() ?? null,
        memoryGB: round(totalmem() / 1024 ** 3, 1),
        platform: `${process.platform}-${process.arch}`,
      },
      tools: {
        chromium: browser.version(),
        node: process.versions.node,
        playwrightCore: packageVersion('playwright-core'),
        jose: jose.version,
      },
      units: { bytes: 'bytes', kb: '1 KB = 1024 bytes', time: 'ms' },
      pageWeight: weight,
      timeToInteractive: tti,
      repeatVisit: repeat,
      pasteToVerdict: paste,
      jose,
      engineAlone: engine,
      comparison: compare,
    };
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }

  const budgets = [
    ['criticalPathGzip', 'page weight: critical path gzip', weight.budgets.criticalPathGzip.ok],
    ['wholePageGzip', 'page weight: whole page gzip', weight.budgets.wholePageGzip.ok],
    ['wholePageBrotli', 'page weight: whole page brotli', weight.budgets.wholePageBrotli.ok],
    ['timeToInteractive', 'time to interactive', results.timeToInteractive.budget.ok],
    ['firstVerdict', 'verdict for a token pasted at the first moment', results.timeToInteractive.verdictBudget.ok],
    ['repeatVerdict', 'the same on a repeat visit (service worker)', results.repeatVisit.budget.ok],
    ['pasteLog', 'paste to verdict: 5 MB server log', results.pasteToVerdict.log.budget.ok],
    ['pasteJwt', 'paste (a) JWT', results.pasteToVerdict.jwt.budget.ok],
    ['pasteJwtRs256', 'paste (b) JWT + JWKS, RS256', results.pasteToVerdict.jwtRs256.budget.ok],
    ['pasteExchange', 'paste (c) request + 401 response', results.pasteToVerdict.exchange.budget.ok],
    ['pasteHar', 'paste (d) 5 MB HAR', results.pasteToVerdict.har.budget.ok],
    ['verifyVsJose', 'RS256 verify vs jose', results.comparison.verify.ok],
    ['decodeVsJose', 'decode + checks vs jose decode + verify', results.comparison.decode.ok],
  ];
  results.budgetSummary = Object.fromEntries(budgets.map(([key, , ok]) => [key, verdict(ok)]));
  heading('Budgets');
  console.log(budgets.map(([, name, ok]) => `${verdict(ok).padEnd(4)}  ${name}`).join('\n'));
  const over = budgets.filter(([, , ok]) => !ok).length;
  console.log(`\n${over} of ${budgets.length} budgets OVER${over ? ' (reported, not failed: this is a benchmark)' : ''}.`);

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${relative(process.cwd(), OUT) || OUT} in ${((Date.now() - started) / 1000).toFixed(0)} s (Chromium ${results.tools.chromium}, ${results.machine.cores} cores).`);
}

main().catch((error) => {
  if (error instanceof BenchError) {
    console.error(`\nbench/page.mjs: ${error.message}`);
  } else {
    console.error('\nbench/page.mjs: the benchmark could not finish:', error);
  }
  process.exit(1);
});
