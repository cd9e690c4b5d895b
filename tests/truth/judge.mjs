// The judge: runs the CLI on a recorded HAR and compares its JSON report with the truth of each
// check. The same comparison is written again in Rust (`crates/engine/tests/browser_truth.rs`)
// for the saved fixtures; the two must stay alike.
//
//   cookies    the names in `exchanges[i].cookies.expected` (values are redacted) against the
//              `Cookie` names the server received on that request; `null` counts as none
//   cors       `exchanges[i].cors.verdict` against whether the page could read the response:
//              `fail` means blocked, `pass` and `not_applicable` mean readable
//              (`@blind`: again with every `Cookie` request header taken out of the capture, so
//              the names can only come from the replayed `Set-Cookie` history)
//   cors `@sanitized`  the same, on the capture as DevTools' default "Export HAR (sanitized)"
//              writes it: without `Cookie`, `Set-Cookie` and `Authorization`
//   `@no-origin`  cookies and cors again without `--origin`, as most runs are: the engine
//              reads the page from the capture (document entries, `_initiator`, `Origin`,
//              `Referer`)
//   redirects  whether `Authorization` reached the redirect's target: the engine says it did when
//              the first hop in the capture carries it and no HTTP017 finding is about either
//              hop. Judged twice: on the whole capture, and (`@cut`) on the capture cut after
//              the response that redirects to the target, where the engine must predict the
//              next hop
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cookieNames } from './names.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The CLI binary: `WHY401_BIN`, else `target/debug/why401`, built when missing. */
export function engineBin() {
  const bin = process.env.WHY401_BIN ?? join(ROOT, 'target/debug/why401');
  if (!existsSync(bin)) {
    const built = spawnSync('cargo', ['build', '-p', 'why401-cli'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0 || !existsSync(bin)) throw new Error(`${bin} is missing and \`cargo build -p why401-cli\` failed`);
  }
  return bin;
}

/** Which of the optional flags this CLI accepts. */
export function cliFlags(bin) {
  const help = spawnSync(bin, ['inspect', '--help'], { encoding: 'utf8' });
  const text = `${help.stdout}${help.stderr}`;
  return { thirdPartyCookies: text.includes('--third-party-cookies'), browser: text.includes('--browser') };
}

/** Strips what the judge does not need and a fixture should not carry: bodies. */
export function stripHar(har) {
  const copy = structuredClone(har);
  for (const entry of copy.log.entries) {
    if (entry.request?.postData) entry.request.postData = { mimeType: entry.request.postData.mimeType ?? '', text: '' };
    if (entry.response?.content) entry.response.content = { size: entry.response.content.size ?? 0, mimeType: entry.response.content.mimeType ?? '' };
  }
  return copy;
}

const same = (a, b) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
};

/** The index of the first item with that method and URL, or -1. */
export const findRequest = (items, method, url, get = (x) => x) => items.findIndex((x) => get(x).method === method && same(get(x).url, url));

/** Runs the engine on a HAR for each set of options, caching by file and options. */
export class Engine {
  constructor({ bin = engineBin() } = {}) {
    this.bin = bin;
    this.flags = cliFlags(bin);
    this.notes = new Set();
    this.dir = mkdtempSync(join(tmpdir(), 'why401-truth-judge-'));
    this.cache = new Map();
    this.files = 0;
  }

  close() {
    rmSync(this.dir, { recursive: true, force: true });
  }

  args({ origin, now, thirdPartyCookies }) {
    const args = ['inspect', '--format', 'json', '--now', String(now)];
    if (origin) args.push('--origin', origin);
    if (this.flags.browser) args.push('--browser', 'chromium');
    if (thirdPartyCookies) {
      if (this.flags.thirdPartyCookies) args.push('--third-party-cookies', thirdPartyCookies);
      else this.notes.add(`the CLI has no --third-party-cookies: run without it (Chromium had third-party cookies ${thirdPartyCookies})`);
    }
    return args;
  }

  /** The JSON report for `har` (an object) seen from `origin`. */
  report(key, har, options) {
    const args = this.args(options);
    const cacheKey = `${key}\u0000${args.join('\u0000')}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey);
    const file = join(this.dir, `${(this.files += 1)}.har`);
    writeFileSync(file, JSON.stringify(har));
    const run = spawnSync(this.bin, [...args, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    let report;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`why401 ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    }
    this.cache.set(cacheKey, report);
    return report;
  }
}

const header = (entry, name) => entry?.request?.headers?.find((h) => h.name.toLowerCase() === name)?.value ?? null;

/**
 * Judges one recorded scenario in one HAR format. Returns one result per check (two for a
 * redirect): `{ id, family, agree, truth, engine, detail }`.
 */
export function judgeScenario(engine, recorded, format) {
  const har = recorded.hars[format];
  const results = [];
  const reportFor = (origin, cut) => {
    const h = cut === undefined ? har : { log: { ...har.log, entries: har.log.entries.slice(0, cut + 1) } };
    return engine.report(`${recorded.name}:${format}:${cut ?? 'all'}`, h, { origin, now: recorded.now, thirdPartyCookies: recorded.thirdPartyCookies });
  };
  const sanitizedReportFor = (origin) => engine.report(`${recorded.name}:${format}:sanitized`, sanitized(har), { origin, now: recorded.now, thirdPartyCookies: recorded.thirdPartyCookies });
  const blindReportFor = (origin) => engine.report(`${recorded.name}:${format}:blind`, blind(har), { origin, now: recorded.now, thirdPartyCookies: recorded.thirdPartyCookies });
  for (const check of recorded.checks) {
    const id = `${recorded.name}/${check.id}`;
    const base = { id, family: check.family, truth: check.truth };
    if (check.truth.error) {
      results.push({ ...base, agree: false, engine: null, detail: `no truth: ${check.truth.error}` });
      continue;
    }
    if (check.family === 'redirects') {
      for (const cut of [false, true]) {
        const first = findRequest(har.log.entries, check.first.method, check.first.url, (e) => e.request);
        const rid = cut ? `${id}@cut` : id;
        if (first < 0) {
          results.push({ ...base, id: rid, agree: false, engine: null, detail: 'the capture has no entry for the first hop' });
          continue;
        }
        const last = findRequest(har.log.entries, (check.last ?? check.first).method, (check.last ?? check.first).url, (e) => e.request);
        if (cut && last < 0) {
          results.push({ ...base, id: rid, agree: false, engine: null, detail: 'the capture has no entry for the last redirect' });
          continue;
        }
        const report = reportFor(check.origin, cut ? last : undefined);
        // HTTP017 about any exchange of the chain, from the first hop to the target (or, cut, to
        // the last redirect).
        const from = findRequest(report.exchanges, check.first.method, check.first.url, (e) => e.request);
        const to = cut
          ? findRequest(report.exchanges, (check.last ?? check.first).method, (check.last ?? check.first).url, (e) => e.request)
          : findRequest(report.exchanges, check.request.method, check.request.url, (e) => e.request);
        const carried = header(har.log.entries[first], 'authorization') !== null;
        const dropped = report.findings.some((f) => f.code === 'HTTP017' && from >= 0 && f.exchange >= from && f.exchange <= Math.max(from, to));
        const reached = carried && !dropped;
        const detail = !carried ? 'the capture shows no Authorization on the first hop' : dropped ? 'HTTP017: dropped' : 'no HTTP017: kept';
        results.push({ ...base, id: rid, agree: reached === check.truth.reachedFinal, engine: { reached }, detail });
      }
      continue;
    }
    const report = reportFor(check.origin);
    let i = findRequest(report.exchanges, check.request.method, check.request.url, (e) => e.request);
    // A request the browser never sent (its preflight failed) is judged by its preflight, which
    // is all a capture from the server's side holds of it.
    if (i < 0 && check.family === 'cors') i = findRequest(report.exchanges, 'OPTIONS', check.request.url, (e) => e.request);
    if (i < 0) {
      results.push({ ...base, agree: false, engine: null, detail: 'the capture has no entry for the request' });
      continue;
    }
    const exchange = report.exchanges[i];
    // The same check on the report made without `--origin`.
    const bare = reportFor(null);
    let bi = findRequest(bare.exchanges, check.request.method, check.request.url, (e) => e.request);
    if (bi < 0 && check.family === 'cors') bi = findRequest(bare.exchanges, 'OPTIONS', check.request.url, (e) => e.request);
    const b0 = bare.exchanges[bi];
    if (check.family === 'cookies') {
      const names = cookieNames(b0?.cookies?.expected ?? null);
      results.push({ ...base, id: `${id}@no-origin`, agree: names.join(' ') === check.truth.cookies.join(' '), engine: { cookies: names }, detail: `engine [${names}] · server [${check.truth.cookies}]` });
    } else if (check.family === 'cors') {
      const verdict = b0?.cors?.verdict ?? null;
      results.push({ ...base, id: `${id}@no-origin`, agree: Boolean(b0) && (verdict !== 'fail') === check.truth.readable, engine: { verdict }, detail: `engine ${verdict} · page ${check.truth.readable ? 'read' : 'blocked'}` });
    }
    if (check.family === 'cookies') {
      const names = cookieNames(exchange.cookies?.expected ?? null);
      const agree = names.join(' ') === check.truth.cookies.join(' ');
      results.push({ ...base, agree, engine: { cookies: names, null: exchange.cookies?.expected == null }, detail: `engine [${names}] · server [${check.truth.cookies}]` });
      const blindReport = blindReportFor(check.origin);
      const b = blindReport.exchanges[findRequest(blindReport.exchanges, check.request.method, check.request.url, (e) => e.request)];
      const blindNames = cookieNames(b?.cookies?.expected ?? null);
      results.push({ ...base, id: `${id}@blind`, agree: blindNames.join(' ') === check.truth.cookies.join(' '), engine: { cookies: blindNames }, detail: `engine [${blindNames}] · server [${check.truth.cookies}]` });
    } else if (check.family === 'cors') {
      const verdict = exchange.cors?.verdict ?? null;
      const readable = verdict !== 'fail';
      const page = check.truth.readable ? `read ${check.truth.status}` : check.truth.pageError;
      results.push({ ...base, agree: readable === check.truth.readable, engine: { verdict }, detail: `engine ${verdict} · page ${page}` });
      const clean = sanitizedReportFor(check.origin);
      const ci = findRequest(clean.exchanges, check.request.method, check.request.url, (e) => e.request);
      const c = clean.exchanges[ci >= 0 ? ci : findRequest(clean.exchanges, 'OPTIONS', check.request.url, (e) => e.request)];
      const cleanVerdict = c?.cors?.verdict ?? null;
      results.push({ ...base, id: `${id}@sanitized`, agree: Boolean(c) && (cleanVerdict !== 'fail') === check.truth.readable, engine: { verdict: cleanVerdict }, detail: c ? `engine ${cleanVerdict} · page ${page}` : 'the capture has no entry for the request' });
    }
  }
  return results;
}

/** The capture without any `Cookie` request header. */
export function blind(har) {
  const copy = structuredClone(har);
  for (const entry of copy.log.entries) {
    if (entry.request?.headers) entry.request.headers = entry.request.headers.filter((h) => h.name.toLowerCase() !== 'cookie');
    if (entry.request?.cookies) entry.request.cookies = [];
  }
  return copy;
}

/** The capture as a sanitized DevTools export: no `Cookie`, `Set-Cookie` or `Authorization`. */
export function sanitized(har) {
  const copy = structuredClone(har);
  const secret = (h) => ['cookie', 'set-cookie', 'authorization'].includes(h.name.toLowerCase());
  for (const entry of copy.log.entries) {
    for (const side of [entry.request, entry.response]) {
      if (side?.headers) side.headers = side.headers.filter((h) => !secret(h));
      if (side?.cookies) side.cookies = [];
    }
  }
  return copy;
}

/** Sums results per family: `{ cookies: { agree, total }, ... }`. */
export function tally(results) {
  const out = {};
  for (const r of results) {
    const t = (out[r.family] ??= { agree: 0, total: 0 });
    t.total += 1;
    if (r.agree) t.agree += 1;
  }
  return out;
}

/**
 * The known-disagreement entry for a result in a format, if any: the same check id and family (a
 * step may carry a cookie check and a CORS check of one name), in that HAR format or in all.
 */
export const knownFor = (known, format, result) =>
  known.find((k) => k.id === result.id && k.family === result.family && (!k.har || [k.har].flat().includes(format)));
