// A finding opens its full explanation in place: what it means, why it refuses the request, the
// fix for the caller and for the API owner — the same text as docs/codes.md, offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp, tearDown, openPage, token, nowSeconds } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

/** The explanation of `code` as docs/codes.md writes it. */
function documented(code) {
  const doc = readFileSync(new URL('../../docs/codes.md', import.meta.url), 'utf8');
  const section = doc.split(`### ${code} — `)[1]?.split('\n### ')[0] ?? '';
  const field = (label) => section.match(new RegExp(`\\*\\*${label}\\.\\*\\* (.*)`))?.[1] ?? '';
  return { meaning: field('What it means'), owner: field('Fix for the API owner') };
}

const plain = (markdown) => markdown.replace(/`/g, '');

test('a finding opens its explanation in place, from the same text as docs/codes.md', async () => {
  const { page, seen } = await openPage(env.browser, env.base);
  const now = nowSeconds();
  await page.fill('#input', token({ alg: 'HS256', typ: 'JWT' }, { sub: 'u-1', exp: now - 7200, iat: now - 10800 }));
  const details = '[data-code="JWT001"] .finding__explain';
  await page.waitForSelector(details);
  assert.equal(await page.$eval(details, (d) => d.open), false, 'the explanation starts folded');
  await page.click(`${details} summary`);
  assert.equal(await page.$eval(details, (d) => d.open), true, 'one click opens it');
  const shown = await page.textContent(`${details} dl`);
  const doc = documented('JWT001');
  assert.ok(doc.meaning.length > 20 && doc.owner.length > 20, 'docs/codes.md explains JWT001');
  assert.ok(shown.includes(plain(doc.meaning)), `the page shows the documented meaning:\n${shown}`);
  assert.ok(shown.includes(plain(doc.owner)), 'and the documented fix for the API owner');
  for (const label of ['What it means', 'Why it refuses the request', 'Fix for the caller', 'Fix for the API owner']) {
    assert.ok(shown.includes(label), label);
  }
  assert.deepEqual(seen.afterLoad, [], 'no request after load: the text came with the page');
  assert.deepEqual(seen.errors, [], 'no page error');
});
