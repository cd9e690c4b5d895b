// Records the scenarios in Chromium and prints how the engine's report compares.
//   node tests/truth/record.mjs [--save] [--json FILE] [scenario ...]
// `--save` writes the captures and their truth to crates/engine/tests/data/browser-truth/ (the
// whole set is rewritten, and files of scenarios that no longer exist are removed, when no
// scenario is named); `--json FILE` writes the whole judgement.
import { judgeAll, record, save, verdict } from './harness.mjs';
import { writeJson } from './sites.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  args.splice(i, 1);
  return true;
};
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  return args.splice(i, 2)[1];
};
const saving = flag('--save');
const json = option('--json');
const only = args;

const recording = await record({ only });
for (const r of recording.scenarios.filter((r) => r.failure)) console.log(`scenario ${r.name} failed: ${r.failure}`);
const judged = judgeAll(recording);
console.log(`Chromium ${recording.chromium}, third-party cookies ${JSON.stringify(recording.thirdPartyCookies)}; ${recording.scenarios.length} scenarios in ${recording.seconds.toFixed(1)} s`);
for (const note of judged.notes) console.log(`note: ${note}`);
const v = verdict(judged);
for (const line of v.lines) console.log(line);
for (const p of v.problems) console.log(`problem: ${p}`);
if (json) writeJson(json, { chromium: recording.chromium, thirdPartyCookies: recording.thirdPartyCookies, judged, scenarios: recording.scenarios.map(({ hars, ...r }) => r) });
if (saving) {
  const files = save(recording, { prune: only.length === 0 });
  console.log(`saved ${files.length} files`);
}
