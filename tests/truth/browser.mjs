// Drives the Debian Chromium through the scenarios: one browser for the run and a fresh context
// (own cookie jar, own Playwright HAR) per scenario, or for the `profile` runs a browser of its
// own per scenario; a DevTools-protocol recorder listens on the scenario's page. A scenario acts through a `Tester`; each step records what the page saw, and
// each check names the request it is about. After the scenario the checks' truth is read from
// the server's log (what the server truly received) and the page's results.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTS, makeCertificate, proxyHar, startSites } from './sites.mjs';
import { devtoolsRecorder } from './devtools-har.mjs';
import { cookieNames } from './names.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Playwright gives every launch a fresh profile directory of its own (it refuses
// `--user-data-dir`; a persistent context takes its directory as an argument).
function launchArgs(spkiHash) {
  return [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}, EXCLUDE localhost`,
    `--ignore-certificate-errors-spki-list=${spkiHash}`,
  ];
}

/**
 * Starts the sites and the browser. Scenarios run in one of two ways:
 *   `context`  a fresh context of the one browser, with Chromium's defaults (this Chromium blocks
 *              third-party cookies there);
 *   `profile`  a browser of its own on a fresh profile whose cookie setting is "Allow third-party
 *              cookies" (`profile.cookie_controls_mode` 0 in its Preferences), as desktop Chrome.
 * The `third-party-cookies` scenario probes which setting each way truly had.
 */
export async function start() {
  const certificate = makeCertificate();
  const sites = await startSites({ ...certificate, script: PAGE_SCRIPT });
  const args = launchArgs(certificate.spkiHash);
  const launched = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  return {
    sites,
    browser: launched,
    version: launched.version(),
    /** A browser context for one scenario and a function that closes whatever it opened. */
    async open(mode, options) {
      if (mode === 'profile') {
        const profile = mkdtempSync(join(tmpdir(), 'why401-truth-profile-'));
        mkdirSync(join(profile, 'Default'));
        writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
        const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, ...options });
        return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
      }
      const context = await launched.newContext(options);
      return { context, close: () => context.close() };
    },
    async stop() {
      await launched.close();
      await new Promise((done) => sites.server.close(done));
    },
  };
}

// Functions run in the page. The pages load them as `/truth.js` (`window.truth`), so the requests
// they start have that script as their initiator. Their names must not shadow the page's globals
// they call (a method named `fetch` would call itself).
const inPage = {
  async callFetch({ url, init }) {
    try {
      const r = await window.fetch(url, init);
      // Reading the body lets the request end (DevTools reports it finished only then).
      await r.text();
      return { readable: true, status: r.status, redirected: r.redirected, url: r.url };
    } catch (e) {
      return { readable: false, error: String(e) };
    }
  },
  callXhr({ url, method, withCredentials, headers }) {
    return new Promise((done) => {
      const x = new XMLHttpRequest();
      x.open(method, url);
      x.withCredentials = withCredentials;
      for (const [n, v] of Object.entries(headers ?? {})) x.setRequestHeader(n, v);
      x.onload = () => done({ readable: true, status: x.status });
      x.onerror = () => done({ readable: false, error: 'XMLHttpRequest error', status: x.status });
      x.send();
    });
  },
  submitForm({ url, fields }) {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = url;
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  },
  loadImage({ url }) {
    return new Promise((done) => {
      const img = new Image();
      // The sites answer with HTML, so an image "fails" to decode; the request is what counts.
      img.onload = () => done({ loaded: true });
      img.onerror = () => done({ loaded: false });
      img.src = url;
    });
  },
  clickLink({ url }) {
    const a = document.createElement('a');
    a.href = url;
    a.textContent = 'go';
    document.body.append(a);
    a.click();
  },
};

const PAGE_SCRIPT = `'use strict';\nwindow.truth = {\n${Object.values(inPage).map((f) => `  ${f.toString()},`).join('\n')}\n};\n`;

/** Calls one of the page's helpers in the page. */
const call = (page, name, args) => page.evaluate(([n, a]) => window.truth[n](a), [name, args]);

/** What a scenario acts through. Requests get a unique `n` so each can be found again. */
class Tester {
  constructor(sites, page) {
    this.sites = sites;
    this.page = page;
    this.n = 0;
    this.checks = [];
    this.steps = [];
    this.origin = null;
  }

  /** A URL on `host`, unique in this scenario. */
  url(host, params = [], path = '/r') {
    this.n += 1;
    return this.sites.url(host, path, [...params, ['n', String(this.n)]]);
  }

  /** The origin of `host` on the sites' port. */
  originOf(host) {
    return new URL(this.sites.url(host)).origin;
  }

  #step(kind, method, url, page, extra = {}) {
    const step = { kind, method, url, origin: this.origin, page, ...extra };
    this.steps.push(step);
    return step;
  }

  #landed() {
    this.origin = new URL(this.page.url()).origin;
  }

  /** Opens a URL as if typed into the address bar (no initiator: `Sec-Fetch-Site: none`). */
  async visit(host, params = [], path = '/page') {
    const url = this.url(host, params, path);
    const from = this.origin;
    const response = await this.page.goto(url, { waitUntil: 'load' });
    const step = this.#step('visit', 'GET', url, { status: response?.status() ?? null });
    step.origin = from;
    this.#landed();
    return step;
  }

  /** Follows a link from the current page (a renderer-initiated navigation). */
  async navigate(url) {
    const step = this.#step('navigate', 'GET', url, null);
    await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), call(this.page, 'clickLink', { url })]);
    this.#landed();
    step.page = { landed: this.page.url() };
    return step;
  }

  /** Submits a POST form from the current page to `url` (a top-level navigation). */
  async postForm(url, fields = { a: '1' }) {
    const step = this.#step('form', 'POST', url, null);
    await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), call(this.page, 'submitForm', { url, fields })]);
    this.#landed();
    step.page = { landed: this.page.url() };
    return step;
  }

  /** `fetch(url, init)` from the current page. */
  async fetch(url, init = {}) {
    const page = await call(this.page, 'callFetch', { url, init });
    return this.#step('fetch', init.method ?? 'GET', url, page, { init });
  }

  /** An `XMLHttpRequest` from the current page. */
  async xhr(url, { method = 'GET', withCredentials = false, headers } = {}) {
    const page = await call(this.page, 'callXhr', { url, method, withCredentials, headers });
    return this.#step('xhr', method, url, page, { withCredentials });
  }

  /** An `<img>` from the current page (`no-cors`, credentials included). */
  async image(url) {
    const page = await call(this.page, 'loadImage', { url });
    return this.#step('image', 'GET', url, page);
  }

  /**
   * Checks the `Cookie` names of the request `step` made (or of the request to `url` with
   * `method` that followed it, for a redirect's later hop).
   */
  cookies(id, step, { url = step.url, method = step.method } = {}) {
    this.checks.push({ family: 'cookies', id, origin: step.origin, request: { method, url } });
  }

  /** Checks whether the page could read the response of `step` (a CORS verdict). */
  cors(id, step, { url = step.url, method = step.method } = {}) {
    this.checks.push({ family: 'cors', id, origin: step.origin, request: { method, url }, page: step.page });
  }

  /**
   * Checks whether `Authorization` sent with `step` reached the redirect's target `url`; `last`
   * is the hop that redirects there (the first, unless the chain is longer).
   */
  redirect(id, step, url, { method = step.method, last = { method: step.method, url: step.url } } = {}) {
    this.checks.push({ family: 'redirects', id, origin: step.origin, first: { method: step.method, url: step.url }, last, request: { method, url } });
  }
}

/** The headers of a logged request, by lower-case name. */
const header = (entry, name) => entry?.headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;


/** The truth of each check, from what the server received and what the page saw. */
function truthOf(check, log) {
  const received = log.filter((e) => e.method === check.request.method && e.url === check.request.url);
  const got = received[0];
  switch (check.family) {
    case 'cookies':
      if (!got) return { error: 'the server never received the request' };
      return { cookies: cookieNames(header(got, 'cookie')), secFetchSite: header(got, 'sec-fetch-site') };
    case 'cors':
      return { readable: Boolean(check.page?.readable), status: check.page?.status ?? null, pageError: check.page?.error ?? null, origin: header(got, 'origin') };
    case 'redirects': {
      const first = log.find((e) => e.method === check.first.method && e.url === check.first.url);
      if (!got || !first) return { error: 'the server never received both hops' };
      return { sentFirst: header(first, 'authorization') !== null, reachedFinal: header(got, 'authorization') !== null };
    }
    default:
      return { error: `unknown family ${check.family}` };
  }
}

/**
 * Runs one scenario in a fresh context. Returns its checks with their truth, both HARs, the
 * server's log and the time it ran.
 */
export async function runScenario(env, scenario, mode = 'context') {
  const dir = mkdtempSync(join(tmpdir(), 'why401-truth-har-'));
  const harPath = join(dir, 'playwright.har');
  env.sites.log.length = 0;
  const { context, close } = await env.open(mode, { recordHar: { path: harPath, content: 'omit' } });
  // A persistent context opens with a blank page of its own; use it, so there is one page.
  const page = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(page);
  const recorder = await devtoolsRecorder(session);
  const t = new Tester(env.sites, page);
  const started = Date.now();
  let failure = null;
  try {
    await scenario.run(t);
  } catch (e) {
    failure = String(e?.stack ?? e);
  }
  // The page has what it waited for; the DevTools protocol's last events may still be on their
  // way. Wait until every request has ended (bounded, and said when it runs out).
  const unsettled = await recorder.settled();
  if (unsettled?.length) failure ??= `DevTools events still missing for ${unsettled.join(', ')}`;
  const devtools = recorder.har();
  await session.detach().catch(() => {});
  await close();
  const playwright = JSON.parse(readFileSync(harPath, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const log = env.sites.log.splice(0);
  const checks = t.checks.map((c) => ({ ...c, truth: truthOf(c, log) }));
  const name = mode === 'context' ? scenario.name : `${scenario.name}--${mode}`;
  return { name, mode, about: scenario.about, now: Math.floor(Date.now() / 1000), started, failure, checks, steps: t.steps, log, hars: { playwright, devtools, proxy: proxyHar(log) } };
}
