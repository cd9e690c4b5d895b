// A second capture of each scenario, the way a user's DevTools export looks: the Network domain's
// events of the DevTools protocol turned into HAR 1.2 entries with Chromium's own extensions
// (`_resourceType`, `_initiator`, `_error`). Unlike Playwright's HAR it holds the preflights, and a
// request the browser blocked has status 0 and its error, with no response headers.

/**
 * Listens to a CDP session's Network events. `settled()` waits until every request has ended
 * (or `ms` passed: it then says which had not); `har()` returns the capture so far.
 */
export async function devtoolsRecorder(session) {
  // requestId → the hops of that request, in order (a redirect adds a hop). Chromium sends one
  // `requestWillBeSentExtraInfo` and one `responseReceivedExtraInfo` per hop that reached the
  // network, in hop order but not always after the hop's own event, so they are paired by index
  // when the capture is written.
  const requests = new Map();
  const order = [];
  const requestExtra = new Map();
  const responseExtra = new Map();
  const waiters = new Set();
  const push = (map, id, value) => (map.get(id) ?? map.set(id, []).get(id)).push(value);
  const last = (id) => requests.get(id)?.at(-1);
  const changed = () => { for (const w of waiters) w(); };

  session.on('Network.requestWillBeSent', (e) => {
    const hops = requests.get(e.requestId) ?? [];
    if (e.redirectResponse && hops.length) hops.at(-1).response = e.redirectResponse;
    const entry = { id: e.requestId, hop: hops.length, wallTime: e.wallTime, timestamp: e.timestamp, request: e.request, type: e.type, initiator: e.initiator, response: null, error: null, end: null };
    hops.push(entry);
    requests.set(e.requestId, hops);
    order.push(entry);
    changed();
  });
  session.on('Network.requestWillBeSentExtraInfo', (e) => { push(requestExtra, e.requestId, e); changed(); });
  session.on('Network.responseReceivedExtraInfo', (e) => { push(responseExtra, e.requestId, e); changed(); });
  session.on('Network.responseReceived', (e) => {
    const hop = last(e.requestId);
    if (hop) hop.response = e.response;
    changed();
  });
  session.on('Network.loadingFinished', (e) => {
    const hop = last(e.requestId);
    if (hop) hop.end = e.timestamp;
    changed();
  });
  session.on('Network.loadingFailed', (e) => {
    const hop = last(e.requestId);
    if (hop) {
      hop.end = e.timestamp;
      hop.error = e.errorText || 'net::ERR_FAILED';
    }
    changed();
  });

  await session.send('Network.enable');

  // Chromium's own favicon request is nobody's check and may outlive the scenario.
  const pending = () => [...requests.values()].filter((hops) => !hops[0].request.url.endsWith('/favicon.ico')).filter((hops) => {
    const id = hops[0].id;
    const ended = hops.at(-1).end !== null;
    // Every hop that got a response has its raw request and response headers (a request the
    // browser never sent has neither).
    const answered = hops.filter((h) => h.response).length;
    return !ended || (requestExtra.get(id)?.length ?? 0) < answered || (responseExtra.get(id)?.length ?? 0) < answered;
  });

  return {
    settled(ms = 5000) {
      return new Promise((done) => {
        const check = () => {
          if (pending().length === 0) finish(null);
        };
        const timer = setTimeout(() => finish(pending().map((h) => h[0].request.url)), ms);
        function finish(unsettled) {
          clearTimeout(timer);
          waiters.delete(check);
          done(unsettled);
        }
        waiters.add(check);
        check();
      });
    },
    har() {
      for (const hops of requests.values()) {
        const id = hops[0].id;
        hops.forEach((h, i) => { h.extra = requestExtra.get(id)?.[i]; });
        let answered = 0;
        for (const h of hops) {
          // A hop the browser refused (CORS) still had its response read from the network.
          if (h.response || h.error) h.responseExtra = responseExtra.get(id)?.[answered++];
        }
      }
      return {
        log: {
          version: '1.2',
          creator: { name: 'why401 truth harness (DevTools protocol)', version: '1' },
          pages: [],
          entries: order.filter((e) => !e.request.url.startsWith('data:') && !e.request.url.endsWith('/favicon.ico')).map(toEntry),
        },
      };
    },
  };
}

const list = (headers) => Object.entries(headers ?? {}).flatMap(([name, value]) => String(value).split('\n').map((v) => ({ name, value: v })));

function toEntry(e) {
  const url = new URL(e.request.url);
  const requestHeaders = list(e.extra?.headers ?? e.request.headers);
  const started = new Date(e.wallTime * 1000).toISOString();
  const time = e.end && e.timestamp ? Math.max(0, (e.end - e.timestamp) * 1000) : 0;
  const entry = {
    _initiator: e.initiator ?? null,
    // DevTools lists a CORS preflight as its own type; the protocol says `Other` and names the
    // preflight in the initiator.
    _resourceType: e.initiator?.type === 'preflight' ? 'preflight' : (e.type ?? 'other').toLowerCase(),
    startedDateTime: started,
    time,
    request: {
      method: e.request.method,
      url: e.request.url,
      httpVersion: 'HTTP/1.1',
      headers: requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: e.request.postData ? Buffer.byteLength(e.request.postData) : 0,
      ...(e.request.postData ? { postData: { mimeType: e.request.headers['Content-Type'] ?? '', text: e.request.postData } } : {}),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: time, receive: 0 },
  };
  if (e.response && !(e.error && !e.response.status)) {
    const r = e.response;
    entry.response = {
      status: r.status,
      statusText: r.statusText ?? '',
      httpVersion: (r.protocol ?? 'http/1.1').toUpperCase(),
      headers: list(e.responseExtra?.headers ?? r.headers),
      cookies: [],
      content: { size: 0, mimeType: r.mimeType ?? '' },
      redirectURL: (e.responseExtra?.headers ?? r.headers)?.location ?? (e.responseExtra?.headers ?? r.headers)?.Location ?? '',
      headersSize: -1,
      bodySize: -1,
      ...(e.error ? { _error: e.error } : {}),
    };
  } else {
    // What DevTools writes for a request that got no usable response: status 0 and the error.
    entry.response = {
      status: 0, statusText: '', httpVersion: '', headers: [], cookies: [],
      content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1,
      _error: e.error ?? 'net::ERR_FAILED',
    };
  }
  if (e.error) entry._error = e.error;
  return entry;
}
