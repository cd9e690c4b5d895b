// A second capture of each scenario, the way a user's DevTools export looks: the Network domain's
// events of the DevTools protocol turned into HAR 1.2 entries with Chromium's own extensions
// (`_resourceType`, `_initiator`, `_error`). Unlike Playwright's HAR it holds the preflights, and a
// request the browser blocked has status 0 and its error, with no response headers.

/** Listens to a CDP session's Network events; `har()` returns the capture so far. */
export async function devtoolsRecorder(session) {
  // requestId → the hops of that request, in order (a redirect adds a hop).
  const requests = new Map();
  const order = [];
  const extraRequest = new Map();
  const extraResponse = new Map();
  const hop = (id) => requests.get(id)?.at(-1);
  const take = (map, id) => {
    const queue = map.get(id);
    return queue && queue.length ? queue.shift() : undefined;
  };

  session.on('Network.requestWillBeSent', (e) => {
    const hops = requests.get(e.requestId) ?? [];
    if (e.redirectResponse && hops.length) finishResponse(hops.at(-1), e.redirectResponse, e.requestId);
    const entry = {
      id: e.requestId,
      wallTime: e.wallTime,
      timestamp: e.timestamp,
      request: e.request,
      type: e.type,
      initiator: e.initiator,
      extra: take(extraRequest, e.requestId),
      response: null,
      responseExtra: null,
      error: null,
      end: null,
    };
    hops.push(entry);
    requests.set(e.requestId, hops);
    order.push(entry);
  });
  session.on('Network.requestWillBeSentExtraInfo', (e) => {
    // The raw headers of a hop may come before or after its `requestWillBeSent`.
    const last = hop(e.requestId);
    if (last && !last.extra && !last.response) last.extra = e;
    else (extraRequest.get(e.requestId) ?? extraRequest.set(e.requestId, []).get(e.requestId)).push(e);
  });
  session.on('Network.responseReceivedExtraInfo', (e) => {
    const last = hop(e.requestId);
    if (last && !last.responseExtra) last.responseExtra = e;
    else (extraResponse.get(e.requestId) ?? extraResponse.set(e.requestId, []).get(e.requestId)).push(e);
  });
  session.on('Network.responseReceived', (e) => {
    const last = hop(e.requestId);
    if (last) finishResponse(last, e.response, e.requestId);
  });
  session.on('Network.loadingFinished', (e) => {
    const last = hop(e.requestId);
    if (last) last.end = e.timestamp;
  });
  session.on('Network.loadingFailed', (e) => {
    const last = hop(e.requestId);
    if (last) {
      last.end = e.timestamp;
      last.error = e.errorText || 'net::ERR_FAILED';
      last.blocked = e.blockedReason ?? e.corsErrorStatus?.corsError ?? null;
    }
  });

  function finishResponse(entry, response, id) {
    entry.response = response;
    entry.responseExtra ??= take(extraResponse, id) ?? null;
  }

  await session.send('Network.enable');

  return {
    har(pageUrl) {
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
    _resourceType: (e.type ?? 'other').toLowerCase(),
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
