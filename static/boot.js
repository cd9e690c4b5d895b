// Starts the page: loads the WebAssembly build, then forbids every further request.
//
// The page is one WebAssembly module (Trunk's build, `data-js`/`data-wasm`), fetched once with its
// integrity hash and compiled once. It runs twice: on the main thread it draws the interface, and
// in a Web Worker it is the engine (src/main.rs, crates/worker), so that a large input never holds
// the page. The worker is made from a `blob:` holding the checked JavaScript glue and a few lines
// that start it, and is given the module already compiled: it fetches nothing itself.
//
// Served from a web server, the page's files have to be fetched, so the static policy in
// index.html allows `connect-src 'self'` while loading. Once they are all in, before the
// interface runs, this adds a second Content-Security-Policy; the browser enforces every policy
// at once, so from there on nothing can be fetched or loaded. (Not earlier, with files still on
// their way: a browser may check a response against the policy in force when it arrives.)
// The worker protocol: the kinds of message (`type`) and the keys of the requests that are not
// jobs. Defined in crates/engine/src/transfer.rs (`message`); crates/engine/tests/protocol.rs
// checks that these lists are the same. Write them only through these objects.
const MESSAGE = Object.freeze({ PROGRESS: 'progress', REPORT: 'report', FAILED: 'failed', CRASH: 'crash', BENCH: 'bench', LOST: 'lost' });
const REQUEST = Object.freeze({ MODULE: 'why401Module', SELF_TEST: 'why401SelfTest', BENCH: 'why401Bench' });

const me = document.querySelector('script[data-js][data-wasm]');
const root = document.documentElement;

// The theme the user chose (the switch in the header), applied before the page draws itself.
try {
  const theme = localStorage.getItem('why401.theme');
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
} catch { /* storage refused: the system's theme */ }

function lockDown() {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  // Nothing new may load either: no script, style, image (but inline `data:`), frame or object.
  // The service worker and the manifest keep their own 'self' (the browser asks for them itself).
  // No script may load either; only the engine's WebAssembly, already fetched and checked, may
  // still be compiled ('wasm-unsafe-eval'), so the page need not wait for that before it locks.
  meta.content = "connect-src 'none'; script-src 'wasm-unsafe-eval'; style-src 'none'; img-src data:; font-src 'none'; "
    + "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'self' blob:; manifest-src 'self'; "
    + "form-action 'none'; base-uri 'none'";
  document.head.appendChild(meta);
  root.dataset.locked = 'true';
}

// The page's failure panel, built without the WebAssembly (which has stopped when this shows).
// `details` is what the user may copy into a bug report: the error, never the input.
function showCrash(details) {
  if (document.getElementById('crash')) return;
  const panel = document.createElement('section');
  panel.id = 'crash';
  panel.className = 'crash';
  panel.setAttribute('role', 'alertdialog');
  panel.setAttribute('aria-labelledby', 'crash-title');
  const title = document.createElement('h2');
  title.id = 'crash-title';
  title.textContent = 'Something broke in why401';
  const what = document.createElement('p');
  what.textContent = 'The analysis stopped on an internal error, so the page cannot go on. Nothing you pasted was sent anywhere. '
    + 'Reload to start again; if the same input breaks it again, the details below help fix it (they name the error, not your input, but read them before you share them).';
  const text = document.createElement('pre');
  text.id = 'crash-details';
  text.textContent = `${details}\n\nPage: why401 (${me?.dataset.js ?? 'single file'})\nBrowser: ${navigator.userAgent}`;
  const actions = document.createElement('p');
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button button--primary';
  reload.id = 'crash-reload';
  reload.textContent = 'Reload the page';
  reload.addEventListener('click', () => location.reload());
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'button';
  copy.id = 'crash-copy';
  copy.textContent = 'Copy the details';
  copy.addEventListener('click', () => {
    navigator.clipboard?.writeText(text.textContent).then(
      () => { copy.textContent = 'Copied'; },
      () => { copy.textContent = 'Copy failed: select the text instead'; },
    );
  });
  actions.append(reload, ' ', copy);
  panel.append(title, what, text, actions);
  document.body.prepend(panel);
  reload.focus();
}
// The WebAssembly's panic hook calls this with the panic message.
window.why401Crash = showCrash;
// A trap without a panic message (stack overflow, out of memory) still shows the panel.
window.addEventListener('error', (event) => {
  if (event.error instanceof WebAssembly.RuntimeError) showCrash(String(event.error));
});
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof WebAssembly.RuntimeError) showCrash(String(event.reason));
});

// The interface talks to the engine through `why401Engine` (src/engine.rs, which keeps the one
// job queue): `post(id, job)` sends a job (its bytes are moved, not copied), `listen(callback)`
// receives every message the worker posts, and `restart()` stops the worker (with whatever it was
// doing) and starts a fresh one from the same checked glue and compiled module. The worker is
// started before the interface runs, so a job never comes before it; messages that come before
// anyone listens are kept for the first listener.
const engine = (() => {
  let worker = null;
  let source = null; // { url, module }: what a worker is started from (`module` is a promise)
  const unheard = [];
  const listeners = [];
  const deliver = (message) => {
    if (listeners.length === 0) unheard.push(message); else for (const callback of [...listeners]) callback(message);
  };
  const spawn = () => {
    const started = new Worker(source.url, { name: 'why401 engine' });
    worker = started;
    // The worker starts while its module may still be compiling; it waits for it, and keeps the
    // jobs sent meanwhile.
    source.module.then((module) => started.postMessage({ [REQUEST.MODULE]: module }), () => {});
    started.addEventListener('message', (event) => deliver(event.data));
    // A trap in the engine (out of memory on a huge input, a stack overflow) ends the worker
    // without a message; a message that cannot be read is lost. Either way a fresh worker is
    // started, and the interface is told, so that the job it had fails with the reason.
    const lost = (why) => {
      if (started !== worker) return;
      started.terminate();
      spawn();
      deliver({ type: MESSAGE.LOST, message: why });
    };
    started.addEventListener('error', (event) => {
      event.preventDefault();
      lost(`the engine stopped (${event.message || 'unknown error'}); the input may be too large for this browser's memory`);
    });
    started.addEventListener('messageerror', () => lost('a message from the engine could not be read'));
  };
  // Anything else the page says to the worker (the tests' and benchmark's requests).
  const tell = (request) => {
    if (!worker) throw new Error('the engine has not started');
    worker.postMessage(request);
  };
  return {
    post(id, job) {
      if (!worker) throw new Error('the engine has not started');
      worker.postMessage({ id, job }, [job.buffer]);
    },
    listen(callback) {
      listeners.push(callback);
      for (const message of unheard.splice(0)) callback(message);
    },
    unlisten(callback) {
      const at = listeners.indexOf(callback);
      if (at >= 0) listeners.splice(at, 1);
    },
    restart() {
      if (!worker) return;
      worker.terminate();
      spawn();
    },
    start(url, module) {
      source = { url, module };
      spawn();
    },
    tell,
  };
})();
window.why401Engine = Object.freeze({ post: engine.post, listen: engine.listen, restart: engine.restart });

// Hooks for the browser tests and `make bench` (bench/page.mjs), only when they ask for them
// before the page loads (an init script sets `window.why401TestHooks = true`); the page itself
// never does, so a page opened normally has none of them.
const testHooks = window.why401TestHooks === true;
function installTestHooks(glue) {
  if (!testHooks) return;
  window.why401Test = Object.freeze({
    // A deliberate panic on the main thread, or in the engine's worker, shows the failure panel.
    panic() { glue?.why401_selftest_panic(); },
    workerPanic() { engine.tell({ [REQUEST.SELF_TEST]: 'panic' }); },
    // Times the engine or a WebCrypto verification in the worker; resolves with its answer.
    benchmark(request) {
      return new Promise((resolve, reject) => {
        const listener = (message) => {
          if (message?.type !== MESSAGE.BENCH) return;
          engine.unlisten(listener);
          resolve(message);
        };
        engine.listen(listener);
        try { engine.tell({ [REQUEST.BENCH]: request }); } catch (error) { engine.unlisten(listener); reject(error); }
      });
    },
  });
}

// Runs in the worker after the glue, in the same script (so the glue's `__wbg_init` is in scope):
// waits for the compiled module and starts it — its `main` finds no window and answers jobs from
// then on —, then hands over the jobs that came in meanwhile.
const WORKER_START = `
const why401Early = [];
self.onmessage = (event) => {
  if (event.data && event.data[${JSON.stringify(REQUEST.MODULE)}]) {
    __wbg_init({ module_or_path: event.data[${JSON.stringify(REQUEST.MODULE)}] }).then(
      () => { for (const early of why401Early.splice(0)) self.onmessage(early); },
      (error) => self.postMessage({ type: ${JSON.stringify(MESSAGE.CRASH)}, message: 'the analysis could not start: ' + error }));
  } else {
    why401Early.push(event);
  }
};
`;

// Until the interface runs, the page as first drawn (`#first-drawing` in index.html) already
// takes input: its paste box (natively), a paste anywhere else on the page, a file dropped on it.
// What came in is kept for the interface, which takes it over with `why401EarlyInput.take()` once
// it has drawn itself (src/app.rs): the handlers here stop and the first drawing is removed then,
// while the interface gives its own box the text and the focus, so no keystroke falls between.
const earlyInput = (() => {
  let file = null;
  const drawing = () => document.getElementById('first-drawing');
  const box = () => drawing()?.querySelector('textarea') ?? null;
  const hint = () => drawing()?.querySelector('.input__hint') ?? null;
  const firstHint = hint()?.textContent ?? '';
  const editable = (target) => target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  const keepText = (text) => {
    const area = box();
    if (!area || !text) return;
    area.value = text;
    if (file === null) return;
    file = null;
    const note = hint();
    if (note) note.textContent = firstHint;
  };
  const keepFile = (dropped) => {
    file = dropped;
    const area = box();
    if (area) area.value = '';
    const note = hint();
    if (note) note.textContent = `${dropped.name}: read as soon as the analyser is ready.`;
  };
  const onPaste = (event) => {
    if (editable(event.target) || !event.clipboardData) return;
    const pasted = event.clipboardData.files?.[0];
    const text = event.clipboardData.getData('text/plain');
    if (pasted || text) event.preventDefault();
    if (pasted) keepFile(pasted); else keepText(text);
  };
  // Without this, a file dropped on the page before it runs would replace the page.
  const onDragOver = (event) => event.preventDefault();
  const onDrop = (event) => {
    event.preventDefault();
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) keepFile(dropped); else keepText(event.dataTransfer?.getData('text/plain') ?? '');
  };
  // Typing in the box after dropping a file means the text, not the file.
  const onInput = (event) => {
    if (event.target !== box() || file === null) return;
    file = null;
    const note = hint();
    if (note) note.textContent = firstHint;
  };
  const handlers = [['paste', onPaste], ['dragover', onDragOver], ['drop', onDrop], ['input', onInput]];
  for (const [type, handler] of handlers) document.addEventListener(type, handler);
  return {
    take() {
      for (const [type, handler] of handlers) document.removeEventListener(type, handler);
      const area = box();
      const taken = {
        text: area?.value ?? '',
        file,
        focused: area !== null && document.activeElement === area,
      };
      file = null;
      drawing()?.remove();
      return taken;
    },
  };
})();
window.why401EarlyInput = earlyInput;

// The glue is an ES module; the worker runs it as a classic script, which a `blob:` worker can be
// everywhere (a module worker from a `blob:` is refused in a page opened from disk, whose origin
// is opaque). Its exports are only names for the page: without the `export` keywords the same
// functions are plain declarations, and `import.meta.url` is only the default place of the wasm,
// which the worker is never asked for (it is handed the module).
function classicScript(glue) {
  const script = glue
    .replace(/^export function /gm, 'function ')
    .replace(/^export \{[^}]*\};?\s*$/gm, '')
    .replace(/\bimport\.meta\.url\b/g, 'self.location.href');
  if (/^\s*(export|import)\b/m.test(script) || !/\bfunction __wbg_init\b|\basync function __wbg_init\b/.test(script)) {
    throw new Error('the JavaScript glue is not in the form the engine\'s worker starts from');
  }
  return script;
}

// Starts the engine's worker from the glue (text) and the module (a promise of it, compiled).
function startWorker(glue, module) {
  engine.start(URL.createObjectURL(new Blob([classicScript(glue), '\n', WORKER_START], { type: 'text/javascript' })), module);
}

// Compiles a fetched wasm file while it downloads (a host that serves it without
// `application/wasm` gets the slower path, not a failure).
function compile(response) {
  const copy = response.clone();
  return WebAssembly.compileStreaming(response)
    .catch(() => copy.arrayBuffer().then((bytes) => WebAssembly.compile(bytes)));
}

// Fetches a file of the page with the integrity the build recorded for it.
function fetchChecked(url, integrity) {
  if (!url || !integrity) throw new Error(`the page names no integrity for ${url ?? 'a file'}`);
  return fetch(url, { integrity, credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  });
}

// Keeps the page's files for offline use. `data-offline` says how that went, for the curious and
// for the tests: `ready` once the files are kept, `unavailable` where service workers are not.
async function keepOffline() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    root.dataset.offline = 'unavailable';
    return;
  }
  try {
    const registration = await navigator.serviceWorker.register('./sw.js', { scope: './' });
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    await new Promise((resolve, reject) => {
      const check = () => {
        if (worker.state === 'activated') resolve();
        if (worker.state === 'redundant') reject(new Error('the service worker did not install'));
      };
      worker.addEventListener('statechange', check);
      check();
    });
    root.dataset.offline = 'ready';
  } catch (error) {
    root.dataset.offline = 'unavailable';
    console.warn('why401: the offline copy could not be kept:', String(error));
  }
}

// The single-file build (scripts/single.mjs) carries the WebAssembly in the page itself, as
// base64 in a <script type="application/octet-stream"> block, the JavaScript glue in an inline
// module that runs first and leaves its init function on `window`, and the same glue as text for
// the worker.
const inlined = document.getElementById('why401-wasm');

function decodeBase64(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text.trim());
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

try {
  if (inlined) {
    // Opened from disk: nothing to fetch, nothing to keep; no request is allowed from the start.
    root.dataset.offline = 'single-file';
    const module = WebAssembly.compile(decodeBase64(inlined.textContent));
    module.catch(() => {}); // awaited below
    startWorker(document.getElementById('why401-js').textContent, module);
    installTestHooks(null);
    await window.why401Init({ module_or_path: await module });
    root.dataset.locked = 'true';
  } else {
    const glue = await import(me.dataset.js);
    const init = glue.default;
    installTestHooks(glue);
    // The module is fetched with the integrity Trunk recorded on its preload, and compiles while
    // it downloads; the glue's text, for the worker, with the integrity of its module preload (the
    // import above has already fetched it, so it comes from the cache).
    const preload = (as) => document.querySelector(`link[rel="${as}"][href="${me.dataset[as === 'preload' ? 'wasm' : 'js']}"]`);
    const compiled = fetch(me.dataset.wasm, { integrity: preload('preload')?.integrity ?? '', credentials: 'same-origin' }).then(compile);
    const glueText = fetchChecked(me.dataset.js, preload('modulepreload')?.integrity).then((r) => r.text());
    const [module, text] = await Promise.all([compiled, glueText]);
    // Every file is in, before the interface runs: from here on the browser refuses any request.
    // Until now what was pasted only sits in the paste box: the interface reads it from here on.
    lockDown();
    // The worker starts from the same compiled module while the interface starts on the main
    // thread; jobs the interface sends meanwhile wait in the worker.
    startWorker(text, Promise.resolve(module));
    await init({ module_or_path: module });
    // The offline copy is made once the page has started: the service worker fetches every file
    // again to keep it, which would slow the start. (Its requests are its own, outside the page's
    // policy; it fetches only the page's files.)
    keepOffline();
  }
} catch (error) {
  lockDown();
  // The interface may have started before the engine failed: it could not analyse anything.
  root.dataset.failed = 'true';
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.textContent = `why401 could not start: ${error}. Reload the page; if it fails again, a file of the page `
    + 'did not match its integrity hash (changed on the way or on the server), or this browser lacks WebAssembly.';
  document.body.appendChild(p);
}
