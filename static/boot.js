// Starts the page: loads the WebAssembly build, then forbids every further request.
//
// Served from a web server, the wasm file has to be fetched, so the static policy in index.html
// allows `connect-src 'self'` while loading. Once it is compiled, this adds a second
// Content-Security-Policy; the browser enforces every policy at once, so from here on nothing can
// be fetched or loaded.
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
  meta.content = "connect-src 'none'; script-src 'none'; style-src 'none'; img-src data:; font-src 'none'; "
    + "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'self'; manifest-src 'self'; "
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
// base64 in a <script type="application/octet-stream"> block, and its JavaScript glue in an
// inline module that runs first and leaves its init function on `window`.
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
    await window.why401Init({ module_or_path: decodeBase64(inlined.textContent) });
    root.dataset.locked = 'true';
  } else {
    const glue = await import(me.dataset.js);
    const init = glue.default;
    // For the browser tests: a deliberate panic shows the failure panel. Nothing calls it.
    window.why401SelfTestPanic = glue.why401_selftest_panic;
    // The wasm is fetched with the integrity Trunk computed for it, so a changed file is refused.
    const preload = document.querySelector(`link[rel="preload"][href="${me.dataset.wasm}"]`);
    const wasm = fetch(me.dataset.wasm, { integrity: preload?.integrity ?? '', credentials: 'same-origin' });
    keepOffline();
    await init({ module_or_path: wasm });
    lockDown();
  }
} catch (error) {
  lockDown();
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.textContent = `why401 could not start: ${error}. Reload the page; if it fails again, a file of the page `
    + 'did not match its integrity hash (changed on the way or on the server), or this browser lacks WebAssembly.';
  document.body.appendChild(p);
}
