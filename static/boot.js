// Starts the page: loads the WebAssembly build, then forbids every further request.
//
// The wasm file has to be fetched, so the static policy in index.html allows `connect-src 'self'`
// while loading. Once it is compiled, this adds a second Content-Security-Policy; the browser
// enforces every policy at once, so from here on `connect-src 'none'` holds.
const me = document.querySelector('script[data-js][data-wasm]');

function lockDown() {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "connect-src 'none'; form-action 'none'; base-uri 'none'";
  document.head.appendChild(meta);
  document.documentElement.dataset.locked = 'true';
}

try {
  const { default: init } = await import(me.dataset.js);
  await init({ module_or_path: me.dataset.wasm });
  lockDown();
} catch (error) {
  lockDown();
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.textContent = 'why401 could not start: ' + error + '. It needs a browser with WebAssembly.';
  document.body.appendChild(p);
}
