// The scenarios: each drives Chromium through one situation of cookies, CORS or redirects and
// declares the checks the engine's report is judged on. Those marked `profile` run twice: in a
// fresh context (third-party cookies blocked there) and on a fresh profile (allowed). Five hosts on four sites: `app.site-a`
// and `api.site-a` are two origins of one site, the others are sites of their own.
const A = 'app.site-a.test';
const A2 = 'api.site-a.test';
const B = 'api.site-b.test';
const C = 'site-c.test';
const D = 'site-d.test';

const sc = (...lines) => lines.map((l) => ['sc', l]);
/** A credentialed CORS answer: the request's origin echoed, with credentials allowed. */
const CRED = [['acao', 'echo'], ['acac', 'true']];
const BEARER = { Authorization: 'Bearer truth-harness-token' };

/** The four `SameSite` flavours, set by one response. */
const FOUR = sc('strict=1; SameSite=Strict; Secure; Path=/', 'lax=1; SameSite=Lax; Secure; Path=/', 'none=1; SameSite=None; Secure; Path=/', 'dflt=1; Secure; Path=/');

export const scenarios = [
  // ---- cookies ----
  {
    name: 'samesite-cross-site-fetch',
    profile: true,
    about: 'Cookies of every SameSite flavour on api.site-b, fetched from app.site-a with each credentials mode',
    async run(t) {
      await t.visit(B, FOUR);
      await t.visit(A);
      for (const credentials of ['include', 'same-origin', 'omit']) {
        const s = await t.fetch(t.url(B, CRED), { credentials });
        t.cookies(`fetch-${credentials}`, s);
        t.cors(`fetch-${credentials}`, s);
      }
      t.cookies('fetch-default', await t.fetch(t.url(B, CRED)));
    },
  },
  {
    name: 'samesite-same-site-fetch',
    about: 'Cookies of every SameSite flavour on api.site-a, fetched from app.site-a (same site, other origin)',
    async run(t) {
      await t.visit(A2, FOUR);
      await t.visit(A);
      const s = await t.fetch(t.url(A2, CRED), { credentials: 'include' });
      t.cookies('fetch-include', s);
      t.cors('fetch-include', s);
      t.cookies('fetch-same-origin', await t.fetch(t.url(A2, CRED), { credentials: 'same-origin' }));
    },
  },
  {
    name: 'samesite-cross-site-navigation',
    profile: true,
    about: 'A link from site-c to api.site-b: Lax, None and default cookies go, Strict does not',
    async run(t) {
      await t.visit(B, FOUR);
      await t.visit(C);
      t.cookies('link', await t.navigate(t.url(B, [], '/page')));
    },
  },
  {
    name: 'samesite-cross-site-post',
    about: 'A form POST from site-c to api.site-b within two minutes of the cookies being set (Lax-allowing-unsafe for the default cookie)',
    async run(t) {
      await t.visit(B, FOUR);
      await t.visit(C);
      t.cookies('form-post', await t.postForm(t.url(B)));
    },
  },
  {
    name: 'samesite-same-site-post',
    about: 'A form POST from app.site-a to api.site-a: same-site, every cookie goes',
    async run(t) {
      await t.visit(A2, FOUR);
      await t.visit(A);
      t.cookies('form-post', await t.postForm(t.url(A2)));
    },
  },
  {
    name: 'strict-after-bounce',
    about: 'A navigation app.site-a → site-c (302) → app.site-a: Chromium sends the Strict cookie although Sec-Fetch-Site says cross-site',
    async run(t) {
      await t.visit(A, FOUR);
      const back = t.url(A, [], '/page');
      t.cookies('bounced-back', await t.navigate(t.url(C, [['status', '302'], ['loc', back]])), { url: back });
    },
  },
  {
    name: 'strict-cross-site-link',
    about: 'A link from site-c to app.site-a: the Strict cookie stays home',
    async run(t) {
      await t.visit(A, FOUR);
      await t.visit(C);
      t.cookies('link', await t.navigate(t.url(A, [], '/page')));
    },
  },
  {
    name: 'domain-and-host-only',
    about: 'Host-only and Domain cookies (the site, with a leading dot, the host itself, another site, the TLD), sent to app.site-a and api.site-a',
    async run(t) {
      await t.visit(A, sc(
        'host=1; Secure; Path=/', 'dom=1; Secure; Domain=site-a.test; Path=/', 'other=1; Secure; Domain=site-b.test; Path=/',
        'dot=1; Secure; Domain=.site-a.test; Path=/', 'tld=1; Secure; Domain=test; Path=/', 'self=1; Secure; Domain=app.site-a.test; Path=/',
      ));
      const s = await t.fetch(t.url(A2, CRED), { credentials: 'include' });
      t.cookies('to-api-site-a', s);
      t.cookies('to-app-site-a', await t.fetch(t.url(A)));
    },
  },
  {
    name: 'path-match',
    about: 'Path=/api matches /api and /api/x, not /apix or /; two cookies of one name on different paths both go where both match',
    async run(t) {
      await t.visit(A, sc('p=1; Secure; Path=/api', 'root=1; Secure; Path=/', 'dup=1; Secure; Path=/', 'dup=2; Secure; Path=/api'));
      t.cookies('api', await t.fetch(t.url(A, [], '/api')));
      t.cookies('api-sub', await t.fetch(t.url(A, [], '/api/x')));
      t.cookies('apix', await t.fetch(t.url(A, [], '/apix')));
      t.cookies('root', await t.fetch(t.url(A, [], '/r')));
    },
  },
  {
    name: 'default-path',
    about: 'A cookie set without Path from /dir/set gets the default path /dir',
    async run(t) {
      await t.visit(A, sc('dp=1; Secure'), '/dir/set');
      t.cookies('in-dir', await t.fetch(t.url(A, [], '/dir/x')));
      t.cookies('outside', await t.fetch(t.url(A, [], '/other')));
    },
  },
  {
    name: 'secure-and-prefixes',
    about: 'SameSite=None without Secure, and __Host-/__Secure- prefixes kept or refused',
    async run(t) {
      await t.visit(A, sc(
        'nonesec=1; SameSite=None', 'sec=1; Secure', '__Host-ok=1; Secure; Path=/', '__Host-dom=1; Secure; Path=/; Domain=site-a.test',
        '__Host-path=1; Secure; Path=/x', '__Secure-ok=1; Secure', '__Secure-bad=1',
      ));
      t.cookies('same-origin', await t.fetch(t.url(A)));
    },
  },
  {
    name: 'expiry-and-deletion',
    about: 'Max-Age=0, an Expires in the past, a live Max-Age, and a cookie deleted by a later response',
    async run(t) {
      await t.visit(A, sc('gone=1; Secure; Max-Age=0', 'past=1; Secure; Expires=Thu, 01 Jan 1970 00:00:01 GMT', 'keep=1; Secure; Max-Age=600', 'del=1; Secure; Path=/'));
      t.cookies('first', await t.fetch(t.url(A)));
      await t.fetch(t.url(A, sc('del=; Secure; Path=/; Max-Age=0')));
      t.cookies('after-delete', await t.fetch(t.url(A)));
    },
  },
  {
    name: 'xhr-with-credentials',
    profile: true,
    about: 'XHR from app.site-a to api.site-b with and without withCredentials',
    async run(t) {
      await t.visit(B, sc('none=1; SameSite=None; Secure; Path=/'));
      await t.visit(A);
      const withCreds = await t.xhr(t.url(B, CRED), { withCredentials: true });
      t.cookies('with-credentials', withCreds);
      t.cors('with-credentials', withCreds);
      const without = await t.xhr(t.url(B, [['acao', 'echo']]), { withCredentials: false });
      t.cookies('without-credentials', without);
      t.cors('without-credentials', without);
      const sameOrigin = await t.xhr(t.url(A));
      t.cors('same-origin', sameOrigin);
    },
  },
  {
    name: 'set-cookie-not-credentialed',
    profile: true,
    about: 'Set-Cookie on responses to cross-origin calls without credentials is not stored',
    async run(t) {
      await t.visit(A);
      await t.fetch(t.url(B, [['acao', 'echo'], ...sc('so=1; SameSite=None; Secure; Path=/')]), { credentials: 'same-origin' });
      await t.fetch(t.url(B, [['acao', '*'], ...sc('om=1; SameSite=None; Secure; Path=/')]), { credentials: 'omit' });
      await t.xhr(t.url(B, [['acao', 'echo'], ...sc('xhr=1; SameSite=None; Secure; Path=/')]));
      await t.fetch(t.url(B, [...CRED, ...sc('inc=1; SameSite=None; Secure; Path=/')]), { credentials: 'include' });
      t.cookies('later-include', await t.fetch(t.url(B, CRED), { credentials: 'include' }));
      t.cookies('top-level-visit', await t.visit(B));
    },
  },
  {
    name: 'set-cookie-cors-failed',
    profile: true,
    about: 'A credentialed response that fails CORS still sets its cookie',
    async run(t) {
      await t.visit(A);
      const failed = await t.fetch(t.url(B, sc('cf=1; SameSite=None; Secure; Path=/')), { credentials: 'include' });
      t.cors('setter', failed);
      t.cookies('top-level-visit', await t.visit(B));
    },
  },
  {
    name: 'same-site-credentials-same-origin',
    about: 'A Domain=site-a.test cookie on a same-site, cross-origin fetch with the default credentials mode',
    async run(t) {
      await t.visit(A, sc('dom=1; Secure; Domain=site-a.test; Path=/'));
      t.cookies('default', await t.fetch(t.url(A2, [['acao', 'echo']])));
      t.cookies('include', await t.fetch(t.url(A2, CRED), { credentials: 'include' }));
    },
  },
  {
    name: 'same-origin-omit',
    about: 'A same-origin fetch sends cookies unless credentials is omit',
    async run(t) {
      await t.visit(A, sc('s=1; SameSite=Strict; Secure; Path=/'));
      t.cookies('default', await t.fetch(t.url(A)));
      t.cookies('omit', await t.fetch(t.url(A), { credentials: 'omit' }));
    },
  },
  {
    name: 'redirect-sets-cookie',
    about: 'A cookie set on a redirect response is sent on the next hop',
    async run(t) {
      await t.visit(A);
      const final = t.url(A, [], '/page');
      const s = await t.navigate(t.url(A, [['status', '302'], ['loc', final], ...sc('hop=1; Secure; Path=/')]));
      t.cookies('next-hop', s, { url: final });
    },
  },
  {
    name: 'third-party-cookies',
    profile: true,
    about: 'Whether this Chromium sends an api.site-b SameSite=None cookie on a credentialed fetch from app.site-a (third-party cookies allowed or blocked)',
    async run(t) {
      await t.visit(B, sc('tp=1; SameSite=None; Secure; Path=/'));
      await t.visit(A);
      const s = await t.fetch(t.url(B, CRED), { credentials: 'include' });
      t.cookies('credentialed-fetch', s);
    },
  },
  {
    name: 'chips-partitioned',
    profile: true,
    about: 'A Partitioned cookie set by api.site-b under site-c goes back under site-c only; an unpartitioned one follows the third-party setting',
    async run(t) {
      await t.visit(C);
      await t.fetch(t.url(B, [...CRED, ...sc('part=1; SameSite=None; Secure; Path=/; Partitioned', 'unpart=1; SameSite=None; Secure; Path=/')]), { credentials: 'include' });
      t.cookies('under-site-c', await t.fetch(t.url(B, CRED), { credentials: 'include' }));
      await t.visit(D);
      t.cookies('under-site-d', await t.fetch(t.url(B, CRED), { credentials: 'include' }));
      t.cookies('top-level-b', await t.visit(B));
      await t.visit(C);
      t.cookies('site-c-again', await t.fetch(t.url(B, CRED), { credentials: 'include' }));
    },
  },
  {
    name: 'first-party-partitioned',
    about: 'A Partitioned cookie set by a top-level page goes back to that page',
    async run(t) {
      await t.visit(A, sc('fp=1; SameSite=None; Secure; Path=/; Partitioned'));
      t.cookies('same-origin', await t.fetch(t.url(A)));
    },
  },

  {
    name: 'images-same-and-cross-site',
    profile: true,
    about: 'An <img> carries cookies like a credentialed request: every SameSite flavour same-site, none cross-site (Lax and default are for navigations; None is a third-party cookie)',
    async run(t) {
      await t.visit(A2, FOUR);
      await t.visit(B, FOUR);
      await t.visit(A);
      t.cookies('same-site', await t.image(t.url(A2)));
      t.cookies('cross-site', await t.image(t.url(B)));
    },
  },
  {
    name: 'max-age-over-expires',
    about: 'Max-Age wins over Expires in either order; a Domain that is not the host\'s is refused',
    async run(t) {
      await t.visit(A, sc(
        'ma=1; Secure; Path=/; Max-Age=600; Expires=Thu, 01 Jan 1970 00:00:01 GMT',
        'ex=1; Secure; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=600',
        'gone=1; Secure; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=0',
        'foreign=1; Secure; Path=/; Domain=site-b.test',
      ));
      t.cookies('same-origin', await t.fetch(t.url(A)));
      t.cookies('site-b-visit', await t.visit(B));
    },
  },
  {
    name: 'cross-site-navigation-post-sets-cookie',
    about: 'A cross-site form POST whose response sets a cookie: stored (first-party at top level) and sent on the next visit',
    async run(t) {
      await t.visit(C);
      await t.postForm(t.url(B, sc('posted=1; SameSite=Lax; Secure; Path=/')));
      t.cookies('next-fetch', await t.fetch(t.url(B)));
    },
  },

  {
    name: 'samesite-unknown-value',
    about: 'SameSite=Bogus and an empty SameSite count as unspecified (Lax by default, with the two-minute POST allowance)',
    async run(t) {
      await t.visit(B, sc('bogus=1; SameSite=Bogus; Secure; Path=/', 'empty=1; SameSite=; Secure; Path=/', 'strict=1; SameSite=Strict; Secure; Path=/'));
      await t.visit(C);
      t.cookies('form-post', await t.postForm(t.url(B)));
      await t.visit(C);
      t.cookies('link', await t.navigate(t.url(B, [], '/page')));
    },
  },
  {
    name: 'cookie-size-and-negative-max-age',
    about: 'A cookie over 4096 bytes is refused; a negative Max-Age expires it at once',
    async run(t) {
      await t.visit(A, sc(`big=${'x'.repeat(4100)}; Secure; Path=/`, 'neg=1; Secure; Path=/; Max-Age=-5', 'ok=1; Secure; Path=/'));
      t.cookies('same-origin', await t.fetch(t.url(A)));
    },
  },

  // ---- CORS ----
  ...[
    ['cors-no-acao', 'No Access-Control-Allow-Origin', [], {}],
    ['cors-acao-mismatch', 'Access-Control-Allow-Origin names another origin', [['acao', 'https://site-c.test']], {}],
    ['cors-acao-star', 'Access-Control-Allow-Origin: * without credentials', [['acao', '*']], {}],
    ['cors-acao-star-credentials', 'Access-Control-Allow-Origin: * with credentials', [['acao', '*'], ['acac', 'true']], { credentials: 'include' }],
    ['cors-acao-null', 'Access-Control-Allow-Origin: null for a real origin', [['acao', 'null']], {}],
    ['cors-acac-missing', 'Credentials without Access-Control-Allow-Credentials', [['acao', 'echo']], { credentials: 'include' }],
    ['cors-acac-true', 'Credentials allowed', CRED, { credentials: 'include' }],
    ['cors-omit-echo', 'credentials omit, origin echoed', [['acao', 'echo']], { credentials: 'omit' }],
    ['cors-preflight-authorization', 'Authorization allowed by the preflight', [['acao', 'echo'], ['acah', 'authorization']], { headers: BEARER }],
    ['cors-preflight-authorization-missing', 'Authorization not in Access-Control-Allow-Headers', [['acao', 'echo'], ['acah', 'x-other']], { headers: BEARER }],
    ['cors-acah-star-authorization', 'Access-Control-Allow-Headers: * and Authorization (Chromium allows it, with a warning)', [['acao', 'echo'], ['acah', '*']], { headers: BEARER }],
    ['cors-acah-star-custom', 'Access-Control-Allow-Headers: * and a custom header', [['acao', 'echo'], ['acah', '*']], { headers: { 'X-Trace': '1' } }],
    ['cors-acah-star-credentials', 'Access-Control-Allow-Headers: * is literal with credentials', [...CRED, ['acah', '*']], { headers: { 'X-Trace': '1' }, credentials: 'include' }],
    ['cors-custom-header-allowed', 'A custom header allowed by name', [['acao', 'echo'], ['acah', 'X-Trace']], { headers: { 'X-Trace': '1' } }],
    ['cors-custom-header-missing', 'A custom header the preflight does not allow', [['acao', 'echo']], { headers: { 'X-Trace': '1' } }],
    ['cors-put-allowed', 'PUT allowed by Access-Control-Allow-Methods', [['acao', 'echo'], ['acam', 'GET, PUT']], { method: 'PUT' }],
    ['cors-put-missing', 'PUT not in Access-Control-Allow-Methods', [['acao', 'echo'], ['acam', 'GET, POST']], { method: 'PUT' }],
    ['cors-acam-star', 'Access-Control-Allow-Methods: * without credentials', [['acao', 'echo'], ['acam', '*']], { method: 'PUT' }],
    ['cors-acam-star-credentials', 'Access-Control-Allow-Methods: * is literal with credentials', [...CRED, ['acam', '*']], { method: 'PUT', credentials: 'include' }],
    ['cors-preflight-401', 'The preflight is answered 401', [['acao', 'echo'], ['acah', 'authorization'], ['pfstatus', '401'], ['www', 'Bearer']], { headers: BEARER }],
    ['cors-preflight-302', 'The preflight is answered with a redirect', [['acao', 'echo'], ['acah', 'authorization'], ['pfstatus', '302']], { headers: BEARER }],
    ['cors-actual-401-readable', 'A 401 with Access-Control-Allow-Origin is readable', [['acao', 'echo'], ['acah', 'authorization'], ['status', '401'], ['www', 'Bearer error="invalid_token"']], { headers: BEARER }],
    ['cors-actual-401-no-acao', 'A 401 without Access-Control-Allow-Origin looks like a CORS error', [['pfacao', 'echo'], ['acah', 'authorization'], ['status', '401'], ['www', 'Bearer']], { headers: BEARER }],
    ['cors-preflight-star-credentials', 'A preflight with Access-Control-Allow-Origin: * for a credentialed request', [['pfacao', '*'], ['acao', 'echo'], ['acac', 'true'], ['acah', 'authorization']], { headers: BEARER, credentials: 'include' }],
    ['cors-json-post', 'POST application/json allowed', [['acao', 'echo'], ['acah', 'content-type']], { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }],
    ['cors-json-post-missing', 'POST application/json without Content-Type allowed', [['acao', 'echo']], { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }],
    ['cors-simple-post', 'POST text/plain needs no preflight', [['acao', 'echo']], { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }],
    ['cors-no-cors-mode', 'mode: no-cors gets an opaque response without any CORS header, and no error', [], { mode: 'no-cors' }],
    ['cors-acao-star-put', 'Access-Control-Allow-Origin: * on a preflighted PUT without credentials', [['acao', '*'], ['acam', 'PUT']], { method: 'PUT' }],
    ['cors-acac-uppercase', 'Access-Control-Allow-Credentials: TRUE is not `true`', [['acao', 'echo'], ['acac', 'TRUE']], { credentials: 'include' }],
    ['cors-acah-uppercase', 'Access-Control-Allow-Headers names are case-insensitive', [['acao', 'echo'], ['acah', 'AUTHORIZATION']], { headers: BEARER }],
    ['cors-acam-lowercase', 'Access-Control-Allow-Methods: put for a PUT', [['acao', 'echo'], ['acam', 'put']], { method: 'PUT' }],
    ['cors-acam-lowercase-patch', 'Access-Control-Allow-Methods: patch for a PATCH (methods are compared as written)', [['acao', 'echo'], ['acam', 'patch']], { method: 'PATCH' }],
    ['cors-preflight-acac-missing', 'The preflight of a credentialed request lacks Access-Control-Allow-Credentials', [['acao', 'echo'], ['acah', 'authorization'], ['acac', 'true'], ['pfacac', '']], { headers: BEARER, credentials: 'include' }],
  ].map(([name, about, params, init]) => ({
    name,
    about: `${about} (app.site-a → api.site-b)`,
    async run(t) {
      await t.visit(A);
      const s = await t.fetch(t.url(B, params), init);
      t.cors('fetch', s);
    },
  })),
  {
    name: 'cors-xhr-blocked',
    about: 'XHR from app.site-a to api.site-b without Access-Control-Allow-Origin, and a 401 without it',
    async run(t) {
      await t.visit(A);
      t.cors('plain', await t.xhr(t.url(B)));
      t.cors('unauthorized', await t.xhr(t.url(B, [['status', '401'], ['www', 'Bearer']])));
      t.cors('credentialed-no-acac', await t.xhr(t.url(B, [['acao', 'echo']]), { withCredentials: true }));
    },
  },
  ...[
    ['cors-redirect-credentials-star', 'A credentialed fetch redirected to a third origin: Origin null, and * is not enough', [['acao', '*'], ['acac', 'true']]],
    ['cors-redirect-credentials-null', 'A credentialed fetch redirected to a third origin: Access-Control-Allow-Origin: null with credentials passes', [['acao', 'null'], ['acac', 'true']]],
  ].map(([name, about, finalParams]) => ({
    name,
    about: `${about} (app.site-a → api.site-b → site-c)`,
    async run(t) {
      await t.visit(A);
      const final = t.url(C, finalParams);
      const s = await t.fetch(t.url(B, [['status', '302'], ['loc', final], ...CRED]), { credentials: 'include' });
      t.cors('final-hop', s, { url: final });
    },
  })),
  {
    name: 'cors-same-site-no-acao',
    about: 'app.site-a → api.site-a is same-site but cross-origin: CORS still applies',
    async run(t) {
      await t.visit(A);
      t.cors('fetch', await t.fetch(t.url(A2)));
      t.cors('fetch-allowed', await t.fetch(t.url(A2, [['acao', 'echo']])));
    },
  },
  {
    name: 'cors-same-origin',
    about: 'A same-origin fetch is not a CORS request',
    async run(t) {
      await t.visit(A);
      t.cors('fetch', await t.fetch(t.url(A), { headers: BEARER }));
    },
  },
  ...[
    ['cors-acao-list', 'Access-Control-Allow-Origin with two origins', (t) => `${t.originOf(A)}, ${t.originOf(C)}`],
    ['cors-acao-trailing-slash', 'Access-Control-Allow-Origin with a trailing slash', (t) => `${t.originOf(A)}/`],
    ['cors-acao-uppercase', 'Access-Control-Allow-Origin in upper case', (t) => t.originOf(A).toUpperCase()],
  ].map(([name, about, value]) => ({
    name,
    about: `${about} (app.site-a → api.site-b)`,
    async run(t) {
      await t.visit(A);
      t.cors('fetch', await t.fetch(t.url(B, [['acao', value(t)]])));
    },
  })),
  {
    name: 'cors-mismatch-port',
    about: 'Access-Control-Allow-Origin with the right host but no port',
    async run(t) {
      await t.visit(A);
      t.cors('fetch', await t.fetch(t.url(B, [['acao', `https://${A}`]])));
    },
  },
  ...[
    ['cors-redirect-null-allowed', 'A cross-origin redirect to a third origin makes Origin null; Access-Control-Allow-Origin: null passes', [['acao', 'null']]],
    ['cors-redirect-null-page-origin', 'After the tainting redirect, Access-Control-Allow-Origin naming the page fails', 'page'],
    ['cors-redirect-null-star', 'After the tainting redirect, Access-Control-Allow-Origin: * passes', [['acao', '*']]],
  ].map(([name, about, finalParams]) => ({
    name,
    about: `${about} (app.site-a → api.site-b → site-c)`,
    async run(t) {
      await t.visit(A);
      const params = finalParams === 'page' ? [['acao', t.originOf(A)]] : finalParams;
      const final = t.url(C, params);
      const s = await t.fetch(t.url(B, [['status', '302'], ['loc', final], ['acao', 'echo']]));
      t.cors('final-hop', s, { url: final });
    },
  })),

  // ---- redirects and Authorization ----
  ...['301', '302', '303', '307', '308'].map((status) => ({
    name: `redirect-same-origin-${status}`,
    about: `fetch with Authorization, redirected ${status} within app.site-a`,
    async run(t) {
      await t.visit(A);
      const final = t.url(A);
      const s = await t.fetch(t.url(A, [['status', status], ['loc', final]]), { headers: BEARER });
      t.redirect('final-hop', s, final);
    },
  })),
  ...[
    ['redirect-cross-origin-302', A, B, '302'],
    ['redirect-cross-origin-307', A, B, '307'],
    ['redirect-same-site-307', A, A2, '307'],
  ].map(([name, from, to, status]) => ({
    name,
    about: `fetch with Authorization from ${from}, redirected ${status} to ${to}: the header is dropped`,
    async run(t) {
      await t.visit(A);
      const final = t.url(to, [['acao', 'echo'], ['acah', 'authorization']]);
      const s = await t.fetch(t.url(from, [['status', status], ['loc', final]]), { headers: BEARER });
      t.redirect('final-hop', s, final);
      t.cors('final-hop', s, { url: final });
    },
  })),
  {
    name: 'redirect-cors-within-target',
    about: 'A CORS fetch with Authorization to api.site-b, redirected 307 within api.site-b: kept',
    async run(t) {
      await t.visit(A);
      const final = t.url(B, [['acao', 'echo'], ['acah', 'authorization']]);
      const s = await t.fetch(t.url(B, [['acao', 'echo'], ['acah', 'authorization'], ['status', '307'], ['loc', final]]), { headers: BEARER });
      t.redirect('final-hop', s, final);
      t.cors('final-hop', s, { url: final });
    },
  },
  {
    name: 'redirect-cors-to-third-origin',
    about: 'A CORS fetch with Authorization to api.site-b, redirected 307 to site-c: dropped, and Origin becomes null',
    async run(t) {
      await t.visit(A);
      const final = t.url(C, [['acao', '*']]);
      const s = await t.fetch(t.url(B, [['acao', 'echo'], ['acah', 'authorization'], ['status', '307'], ['loc', final]]), { headers: BEARER });
      t.redirect('final-hop', s, final);
      t.cors('final-hop', s, { url: final });
    },
  },
  {
    name: 'redirect-two-hops',
    about: 'fetch with Authorization redirected within app.site-a, then to api.site-b: kept on the first hop, dropped on the second',
    async run(t) {
      await t.visit(A);
      const final = t.url(B, [['acao', 'echo']]);
      const middle = t.url(A, [['status', '307'], ['loc', final]]);
      const s = await t.fetch(t.url(A, [['status', '302'], ['loc', middle]]), { headers: BEARER });
      t.redirect('middle-hop', s, middle);
      t.redirect('final-hop', s, final, { last: { method: 'GET', url: middle } });
    },
  },
  {
    name: 'redirect-post-303-cross-origin',
    about: 'A POST with Authorization answered 303 to api.site-b becomes a GET without the header',
    async run(t) {
      await t.visit(A);
      const final = t.url(B, [['acao', 'echo']]);
      const s = await t.fetch(t.url(A, [['status', '303'], ['loc', final]]), { method: 'POST', headers: BEARER, body: 'x' });
      t.redirect('final-hop', s, final, { method: 'GET' });
      t.cors('final-hop', s, { url: final, method: 'GET' });
    },
  },
  {
    name: 'redirect-post-302',
    about: 'A POST with Authorization answered 302 within app.site-a is resent as GET, with the header',
    async run(t) {
      await t.visit(A);
      const final = t.url(A);
      const s = await t.fetch(t.url(A, [['status', '302'], ['loc', final]]), { method: 'POST', headers: BEARER, body: 'x' });
      t.redirect('final-hop', s, final, { method: 'GET' });
    },
  },
];
