// The real-browser truth test: Chromium goes through every scenario against the local sites, and
// the engine's report on each capture (Playwright's HAR and a DevTools-protocol HAR) is judged
// against what the servers received and what the page saw. It fails when a family's agreements
// fall below its bar in bars.json, or when a check disagrees that known.json does not list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './browser.mjs';
import { judgeAll, record, verdict } from './harness.mjs';

test('the engine agrees with Chromium on cookies, CORS and redirects', async () => {
  assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM} (set CHROMIUM)`);
  const recording = await record();
  const failed = recording.scenarios.filter((r) => r.failure);
  assert.deepEqual(failed.map((r) => `${r.name}: ${r.failure}`), [], 'every scenario runs to its end');
  const judged = judgeAll(recording);
  const v = verdict(judged);
  console.log(`Chromium ${recording.chromium}, third-party cookies ${JSON.stringify(recording.thirdPartyCookies)}; ${recording.scenarios.length} scenarios in ${recording.seconds.toFixed(1)} s`);
  for (const note of judged.notes) console.log(`note: ${note}`);
  for (const line of v.lines) console.log(line);
  assert.ok(recording.thirdPartyCookies.context && recording.thirdPartyCookies.profile, 'the third-party cookie probe ran both ways');
  assert.deepEqual(v.problems, [], 'no family below its bar and no unlisted disagreement');
});
