// The report in one screen: after an expired token is pasted, the most likely cause (its
// finding's title and fix) and the token's failed `exp` check are on the first screen, at a
// laptop's size and a phone's, without scrolling; the reproduction snippets and the server
// configuration are folded, open with one click, stay as the user left them while the input stays
// the same (the clock ticks, a setting changes) and fold again for a new input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, tearDown, openPage, paste, token, nowSeconds } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await tearDown(env ?? {}); });

/** A failing call with an expired token in it, as copied from DevTools or `curl -v`. */
function capture(expiredSecondsAgo) {
  const now = nowSeconds();
  const jwt = token({ alg: 'RS256', typ: 'JWT', kid: '2026-11' }, {
    iss: 'https://login.example.com/', sub: 'user-4821', aud: 'https://api.example.com',
    iat: now - expiredSecondsAgo - 3600, exp: now - expiredSecondsAgo, scope: 'orders.read',
  });
  return [
    'GET /v1/orders HTTP/1.1',
    'Host: api.example.com',
    `Authorization: Bearer ${jwt}`,
    'Accept: application/json',
    '',
    'HTTP/1.1 401 Unauthorized',
    'WWW-Authenticate: Bearer realm="orders", error="invalid_token", error_description="The access token expired"',
    'Content-Length: 0',
    '',
  ].join('\n');
}

/** Where an element is on the screen, with the viewport and the scroll position. */
function place(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
      width: innerWidth, viewport: innerHeight, scrollX, scrollY };
  });
}

async function assertOnFirstScreen(page, selector, what) {
  const at = await place(page, selector);
  assert.deepEqual([at.scrollX, at.scrollY], [0, 0], `${what}: the page is not scrolled`);
  assert.ok(at.height > 0, `${what} is drawn`);
  assert.ok(at.top >= 0 && at.bottom <= at.viewport, `${what} is within the first ${at.viewport} px (top ${at.top}, bottom ${at.bottom})`);
  assert.ok(at.left >= 0 && at.right <= at.width, `${what} is within the ${at.width} px width (left ${at.left}, right ${at.right})`);
}

const isOpen = (page, selector) => page.$eval(selector, (d) => d.open);

for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 800 }]) {
  test(`at ${viewport.width}×${viewport.height} the cause, its fix and the failed exp row are on the first screen`, async () => {
    const { page, seen } = await openPage(env.browser, env.base, { viewport });
    // Pasted anywhere on the page, as with Ctrl+V.
    await paste(page, '.page__header', capture(7230));
    await page.waitForSelector('[data-check="exp"][data-status="fail"]');
    await page.waitForSelector('#verdict[data-cause="token-expiry"] .verdict__fix');
    // The page is where a user who pasted finds it: at the top.
    await page.evaluate(() => window.scrollTo(0, 0));

    // The cause is the finding behind the first checklist step, with its own title and fix.
    assert.equal(await page.getAttribute('#verdict .verdict__finding', 'data-cause-code'), 'JWT001');
    assert.equal(await page.textContent('#verdict .verdict__title'), 'Token has expired');
    const fix = await page.textContent('#verdict .verdict__fix');
    assert.equal(fix, await page.textContent('[data-code="JWT001"] .finding__help'), 'the fix is the finding\'s');
    assert.match(await page.textContent('#verdict .verdict__message'), /`?exp`? was 2 h/);

    await assertOnFirstScreen(page, '#verdict .verdict__title', 'the cause\'s title');
    await assertOnFirstScreen(page, '#verdict .verdict__fix', 'the cause\'s fix');
    await assertOnFirstScreen(page, '[data-token="0"] h2', 'the token\'s heading');
    await assertOnFirstScreen(page, '[data-token="0"] [data-check="exp"]', 'the token\'s failed exp row');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, 'nothing widens the page');

    // Cause, then token, then checklist: in the document and on the screen.
    const order = await page.evaluate(() => {
      const [cause, tokenCard, checklist] = ['#verdict', '[data-token="0"]', '.checklist'].map((s) => document.querySelector(s));
      const follows = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      const box = (e) => e.getBoundingClientRect();
      return {
        dom: follows(cause, tokenCard) && follows(tokenCard, checklist),
        tops: [box(cause).top, box(tokenCard).top, box(checklist).top],
        stacked: box(cause).bottom <= box(tokenCard).top && box(tokenCard).bottom <= box(checklist).top,
      };
    });
    assert.ok(order.dom, 'cause, token, checklist in the document');
    assert.ok(order.tops[0] < order.tops[1] && order.tops[1] < order.tops[2], `and on the screen (${order.tops})`);
    if (viewport.width < 900) assert.ok(order.stacked, 'one under the other on a narrow screen');

    // Snippets and server configuration are folded, each summary saying what is inside.
    for (const id of ['#snippets-reproduce', '#snippets-server']) assert.equal(await isOpen(page, id), false, `${id} starts folded`);
    assert.equal(await page.textContent('#snippets-reproduce > summary'), 'Reproduce with curl, HTTPie, fetch — 3 commands');
    assert.equal(await page.textContent('#snippets-server > summary'), 'Server configuration for nginx, Express — 2 snippets');
    assert.equal(await page.isVisible('#snippet-curl'), false);
    assert.equal(await page.isVisible('#snippet-express-auth'), false);
    assert.equal(await isOpen(page, '#annotated-fold'), false, 'the annotated paste starts folded');

    assert.deepEqual(seen.afterLoad, []);
    assert.deepEqual(seen.errors, []);
    await page.close();
  });
}

test('folded sections open with one click or key, stay open across clock ticks and settings, and fold again for a new input', async () => {
  const { page, seen } = await openPage(env.browser, env.base, { viewport: { width: 1366, height: 900 } });
  // Expired 200 s ago: past the 60 s allowance, within a 300 s one.
  await paste(page, '.page__header', capture(200));
  await page.waitForSelector('[data-check="exp"][data-status="fail"]');

  // One click opens the commands; the keyboard opens the server configuration.
  await page.click('#snippets-reproduce > summary');
  assert.equal(await isOpen(page, '#snippets-reproduce'), true, 'one click opens it');
  assert.ok(await page.isVisible('#snippet-curl'), 'the curl command shows');
  await page.focus('#snippets-server > summary');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#snippets-server').open);
  assert.ok(await page.isVisible('#snippet-express-auth'), 'the Express middleware shows');
  // A finding's explanation is a fold of its own.
  const explain = '[data-code="JWT001"] .finding__explain';
  await page.click(`${explain} > summary`);
  assert.equal(await isOpen(page, explain), true);
  // Closed again by the user: that too is kept.
  await page.click('#snippets-server > summary');
  assert.equal(await isOpen(page, '#snippets-server'), false);

  // The clock moves: the report is computed again, the sections stay as they were.
  const tick = await page.textContent('#clock .clock__utc');
  const row = await page.textContent('[data-check="exp"]');
  await page.waitForFunction((before) => document.querySelector('#clock .clock__utc').textContent !== before, tick);
  // "Expired 3 min 21 s ago": the row is drawn again from the new report.
  await page.waitForFunction((before) => document.querySelector('[data-check="exp"]').textContent !== before, row);
  assert.equal(await isOpen(page, '#snippets-reproduce'), true, 'kept open across a clock tick');
  assert.equal(await isOpen(page, '#snippets-server'), false, 'kept closed across a clock tick');
  assert.equal(await isOpen(page, explain), true, 'the explanation stays open across a clock tick');

  // A setting changes (the clock-skew allowance), the report with it; the sections stay.
  await page.fill('#skew', '300');
  await page.waitForSelector('[data-check="exp"][data-status="warn"]');
  assert.equal(await isOpen(page, '#snippets-reproduce'), true, 'kept open across a settings change');
  assert.ok(await page.isVisible('#snippet-curl'));

  // The real credentials asked for in the open section keep it open too.
  await page.check('#snippets-real');
  await page.waitForFunction(() => !document.querySelector('#snippet-curl').textContent.includes('$TOKEN'));
  assert.equal(await isOpen(page, '#snippets-reproduce'), true, 'kept open when the snippets change');
  await page.uncheck('#snippets-real');

  // A new paste: everything is folded again.
  await paste(page, '.page__header', capture(3 * 86400));
  await page.waitForFunction(() => /3 d/.test(document.querySelector('[data-check="exp"]')?.textContent ?? ''));
  assert.equal(await isOpen(page, '#snippets-reproduce'), false, 'folded again for a new input');
  assert.equal(await isOpen(page, '#snippets-server'), false);
  assert.equal(await isOpen(page, explain), false, 'and the explanation folded');
  assert.equal(await page.isVisible('#snippet-curl'), false);
  // And opening it for this input works as before.
  await page.click('#snippets-reproduce > summary');
  assert.equal(await isOpen(page, '#snippets-reproduce'), true);

  assert.deepEqual(seen.afterLoad, []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});
