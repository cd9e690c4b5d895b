// Records every scenario in Chromium, judges the engine on both captures, and saves the captures
// with their truth as fixtures for the native suite.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, start } from './browser.mjs';
import { scenarios } from './scenarios.mjs';
import { writeJson } from './sites.mjs';
import { Engine, judgeScenario, knownFor, ROOT, stripHar, tally } from './judge.mjs';

export const FORMATS = ['playwright', 'devtools', 'proxy'];
export const FIXTURES = join(ROOT, 'crates/engine/tests/data/browser-truth');
const here = (name) => join(ROOT, 'tests/truth', name);
export const readKnown = () => JSON.parse(readFileSync(here('known.json'), 'utf8'));
export const readBars = () => JSON.parse(readFileSync(here('bars.json'), 'utf8'));

/**
 * Runs the scenarios (all, or those named in `only`) in one browser's contexts, and those marked
 * `profile` again in a browser of their own on a fresh profile.
 */
export async function record({ only = [] } = {}) {
  const env = await start();
  const chosen = only.length ? scenarios.filter((s) => only.includes(s.name) || only.includes(`${s.name}--profile`)) : scenarios;
  const runs = [...chosen.map((s) => [s, 'context']), ...chosen.filter((s) => s.profile).map((s) => [s, 'profile'])];
  const recorded = [];
  const begun = Date.now();
  try {
    for (const [scenario, mode] of runs) {
      const r = await runScenario(env, scenario, mode);
      r.hars = Object.fromEntries(Object.entries(r.hars).map(([format, har]) => [format, stripHar(har)]));
      recorded.push(r);
    }
  } finally {
    await env.stop();
  }
  // The probe scenario says which third-party cookie setting each way of browsing ran with; the
  // engine is judged with that setting.
  const settings = {};
  for (const r of recorded.filter((r) => r.name.startsWith('third-party-cookies'))) {
    const got = r.checks[0]?.truth?.cookies;
    if (got) settings[r.mode] = got.includes('tp') ? 'allowed' : 'blocked';
  }
  for (const r of recorded) r.thirdPartyCookies = settings[r.mode] ?? null;
  return { chromium: env.version, thirdPartyCookies: settings, complete: only.length === 0, seconds: (Date.now() - begun) / 1000, scenarios: recorded };
}

/** Judges each recorded scenario in each HAR format. */
export function judgeAll(recording, { known = readKnown() } = {}) {
  const engine = new Engine();
  try {
    const out = { notes: [], formats: {}, complete: recording.complete };
    for (const format of FORMATS) {
      const results = recording.scenarios.flatMap((r) => judgeScenario(engine, r, format));
      for (const r of results) r.known = knownFor(known, format, r)?.why ?? null;
      out.formats[format] = { results, tally: tally(results) };
    }
    out.notes = [...engine.notes];
    return out;
  } finally {
    engine.close();
  }
}

/** What the judgement means against the bars and the known list. */
export function verdict(judged, { bars = readBars(), known = readKnown() } = {}) {
  const lines = [];
  const problems = [];
  const nowAgree = [];
  for (const format of FORMATS) {
    const { results, tally: t } = judged.formats[format];
    lines.push(`${format} HAR: ${Object.entries(t).map(([f, { agree, total }]) => `${f} ${agree}/${total}`).join(', ')}`);
    for (const [family, { agree }] of Object.entries(t)) {
      const bar = bars[format]?.[family];
      if (bar === undefined) problems.push(`${format} ${family}: no bar in bars.json`);
      else if (agree < bar) problems.push(`${format} ${family}: ${agree} agree, below the bar of ${bar}`);
    }
    for (const r of results.filter((r) => !r.agree)) {
      lines.push(`  disagree ${format} ${r.id} (${r.family}): ${r.detail}${r.known ? ` — known: ${r.known}` : ' — NOT IN known.json'}`);
      if (!r.known) problems.push(`${format} ${r.id}: a disagreement not in known.json (${r.detail})`);
    }
    for (const r of results.filter((r) => r.agree && r.known)) nowAgree.push(`${format} ${r.id} (${r.family})`);
  }
  const ids = new Set(FORMATS.flatMap((f) => judged.formats[f].results.map((r) => `${r.family} ${r.id}`)));
  const stale = known.filter((k) => !ids.has(`${k.family} ${k.id}`)).map((k) => `${k.family} ${k.id}`);
  if (nowAgree.length) lines.push(`known disagreements that now agree (remove them from known.json): ${nowAgree.join(', ')}`);
  // Only a run of every scenario can tell that an entry names no check.
  if (stale.length && judged.complete) lines.push(`known.json entries with no such check: ${stale.join(', ')}`);
  return { lines, problems, nowAgree, stale };
}

/** Writes each scenario's captures and truth into the native suite's fixtures. */
export function save(recording, { prune = false } = {}) {
  mkdirSync(FIXTURES, { recursive: true });
  const written = new Set();
  for (const r of recording.scenarios) {
    const hars = { playwright: `${r.name}.har`, devtools: `${r.name}.devtools.har`, proxy: `${r.name}.proxy.har` };
    for (const format of FORMATS) writeJson(join(FIXTURES, hars[format]), r.hars[format]);
    writeJson(join(FIXTURES, `${r.name}.truth.json`), {
      scenario: r.name,
      about: r.about,
      chromium: recording.chromium,
      mode: r.mode,
      third_party_cookies: r.thirdPartyCookies,
      now: r.now,
      hars,
      checks: r.checks.map(({ page, ...c }) => c),
    });
    for (const f of [...Object.values(hars), `${r.name}.truth.json`]) written.add(f);
  }
  if (prune) {
    for (const f of readdirSync(FIXTURES)) if (!written.has(f)) rmSync(join(FIXTURES, f));
  }
  return [...written];
}
