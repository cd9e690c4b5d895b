// The local sites the truth harness drives Chromium against: one HTTPS server on 127.0.0.1 that
// answers for every host name below, with one certificate naming them all. The certificate is
// made with the `openssl` command line into a temporary directory at run time.
//
// Every request the server receives is logged as it arrived (method, URL, headers), so the
// judge can compare what the engine predicts with what truly reached the server. The server has
// one generic route, driven by the query string, so a scenario describes each response in its
// URL and the recorded capture shows it (and `/truth.js`, the pages' script):
//   status=302            the status (default 200; OPTIONS default 204)
//   loc=<url>             `Location`
//   sc=<Set-Cookie line>  repeatable
//   acao=<value|echo>     `Access-Control-Allow-Origin` (`echo` repeats the request's `Origin`)
//   acac=true             `Access-Control-Allow-Credentials`
//   acam=, acah=          `Access-Control-Allow-Methods` / `-Headers`
//   pfstatus=, pfacao=, pfacac=, pfacam=, pfacah=   the same for the preflight only (OPTIONS);
//                         without them the preflight uses the plain ones; empty leaves the
//                         header out
//   www=<challenge>       `WWW-Authenticate`
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HOSTS = ['app.site-a.test', 'api.site-a.test', 'api.site-b.test', 'site-c.test', 'site-d.test'];

/** Makes a self-signed certificate for every host, returns its key, certificate and SPKI hash. */
export function makeCertificate(hosts = HOSTS) {
  const dir = mkdtempSync(join(tmpdir(), 'why401-truth-'));
  try {
    const san = hosts.map((h) => `DNS:${h}`).join(',');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=why401 truth harness', '-addext', `subjectAltName=${san}`,
      '-addext', 'extendedKeyUsage=serverAuth', '-addext', 'basicConstraints=critical,CA:FALSE',
    ], { stdio: 'ignore' });
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    // Chromium's `--ignore-certificate-errors-spki-list` takes base64(SHA-256(SubjectPublicKeyInfo)).
    const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    const spkiHash = createHash('sha256').update(spki).digest('base64');
    return { key, cert, spkiHash };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Every page loads the scenario helpers as a script of its own origin, so the requests they make
// name that script as their initiator, as a real page's requests do.
const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>why401 truth</title><script src="/truth.js"></script></head><body>truth</body></html>';

/** The response headers the query asks for, for a request with `origin` (or none). */
export function responseFor(method, query, origin) {
  const preflight = method === 'OPTIONS';
  const pick = (name) => (preflight && query.has(`pf${name}`) ? query.get(`pf${name}`) : query.get(name));
  const headers = [];
  // An empty value leaves the header out (`pfacac=` drops it from the preflight only).
  const add = (name, value) => { if (value !== null && value !== undefined && value !== '') headers.push([name, value]); };
  const acao = pick('acao');
  add('Access-Control-Allow-Origin', acao === 'echo' ? (origin ?? 'null') : acao);
  add('Access-Control-Allow-Credentials', pick('acac'));
  add('Access-Control-Allow-Methods', pick('acam'));
  add('Access-Control-Allow-Headers', pick('acah'));
  if (acao === 'echo') add('Vary', 'Origin');
  let status = Number(preflight ? (query.get('pfstatus') ?? 204) : (query.get('status') ?? 200));
  if (!preflight) {
    for (const line of query.getAll('sc')) add('Set-Cookie', line);
    add('Location', query.get('loc'));
    add('WWW-Authenticate', query.get('www'));
  }
  if (!Number.isInteger(status) || status < 100 || status > 599) status = 500;
  return { status, headers };
}

/**
 * Starts the server on 127.0.0.1 (an ephemeral port unless `port` is given). Returns
 * `{ server, port, log, url(host, path, params) }`; `log` is the list of requests received, in
 * order, which the caller empties between scenarios.
 */
export async function startSites({ key, cert, port = 0, script = '' } = {}) {
  const log = [];
  const server = https.createServer({ key, cert, ALPNProtocols: ['http/1.1'] }, (req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push({ name: req.rawHeaders[i], value: req.rawHeaders[i + 1] });
    const chunks = [];
    const at = new Date().toISOString();
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const origin = req.headers.origin;
      const js = url.pathname === '/truth.js';
      const { status, headers: out } = js ? { status: 200, headers: [] } : responseFor(req.method, url.searchParams, origin);
      out.push(['Content-Type', js ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8'], ['Cache-Control', 'no-store']);
      // Chromium asks for a favicon on its own; it is nobody's check.
      if (url.pathname !== '/favicon.ico') {
        log.push({ at, method: req.method, url: url.href, headers, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000), response: { status, headers: out.map(([name, value]) => ({ name, value })) } });
      }
      const grouped = {};
      for (const [name, value] of out) (grouped[name] ??= []).push(value);
      res.statusCode = status;
      for (const [name, values] of Object.entries(grouped)) res.setHeader(name, values.length === 1 ? values[0] : values);
      res.end(req.method === 'HEAD' || status === 204 ? undefined : js ? script : PAGE);
    });
  });
  await new Promise((ready) => server.listen(port, '127.0.0.1', ready));
  const bound = server.address().port;
  const url = (host, path = '/', params = []) => {
    const u = new URL(`https://${host}:${bound}${path}`);
    for (const [k, v] of params) u.searchParams.append(k, v);
    return u.href;
  };
  return { server, port: bound, log, url };
}

/**
 * The server's log as a HAR, the way a proxy between the browser and the sites (mitmproxy,
 * Charles, Fiddler) would export it: every request that truly arrived and the response it got,
 * with no browser extensions and no word of what the browser then did with it.
 */
export function proxyHar(log) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'why401 truth harness (server view)', version: '1' },
      entries: log.map((e) => {
        const url = new URL(e.url);
        const location = e.response.headers.find((h) => h.name === 'Location')?.value ?? '';
        return {
          startedDateTime: e.at,
          time: 1,
          request: {
            method: e.method, url: e.url, httpVersion: 'HTTP/1.1', headers: e.headers,
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            cookies: [], headersSize: -1, bodySize: Buffer.byteLength(e.body),
          },
          response: {
            status: e.response.status, statusText: '', httpVersion: 'HTTP/1.1', headers: e.response.headers,
            cookies: [], content: { size: 0, mimeType: 'text/html' }, redirectURL: location, headersSize: -1, bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: 1, receive: 0 },
        };
      }),
    },
  };
}

/** Writes a value as JSON, two-space indented, with a final newline. */
export function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
