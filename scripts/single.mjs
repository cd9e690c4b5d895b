// Builds the single-file page from a Trunk build: one self-contained HTML file, with the styles,
// the JavaScript and the WebAssembly (base64) inside, that works opened from disk with no network.
//
//   node scripts/single.mjs [dist] [single/why401.html]
//
// Its Content-Security-Policy allows exactly the inline styles and scripts it carries (by their
// SHA-256 hashes) and no request at all. A `.sha256` file beside it lets a user check the copy.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? 'single/why401.html';

const index = readFileSync(join(dist, 'index.html'), 'utf8');
const find = (pattern, what) => {
  const match = index.match(pattern);
  if (!match) {
    console.error(`single: ${what} not found in ${dist}/index.html; run \`trunk build --release\` first`);
    process.exit(1);
  }
  return match[1];
};
const css = readFileSync(join(dist, find(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/, 'the stylesheet')), 'utf8');
const glue = readFileSync(join(dist, find(/data-js="\.\/([^"]+\.js)"/, 'the JavaScript glue')), 'utf8');
const wasm = readFileSync(join(dist, find(/data-wasm="\.\/([^"]+\.wasm)"/, 'the WebAssembly')));
const boot = readFileSync(join(dist, 'boot.js'), 'utf8');
const icon = find(/<link rel="icon" href="([^"]+)"/, 'the icon');
// The page as first drawn (its paste box takes a paste before the WebAssembly runs).
const shell = find(/(<div id="first-drawing">[\s\S]*<\/div>)\s*<\/body>/, 'the page as first drawn (<div id="first-drawing">)');
const head = (name) => find(new RegExp(`<meta name="${name}" content="([^"]+)"`), `meta ${name}`);

// An inline script must not contain "</script"; neither the glue nor boot.js does, but check.
for (const [name, text] of [['glue', glue], ['boot.js', boot], ['styles', css]]) {
  if (/<\/(script|style)/i.test(text)) {
    console.error(`single: ${name} contains a closing tag and cannot be inlined`);
    process.exit(1);
  }
}

const glueScript = `${glue}\nwindow.why401Init = __wbg_init;\n`;
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(glueScript)} ${hash(boot)} 'wasm-unsafe-eval'`,
  `style-src ${hash(css)}`,
  'img-src data:',
  "connect-src 'none'",
  // The engine's worker is made from a blob: of the glue (carried below as text too) and
  // inherits this policy.
  'worker-src blob:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <!-- The single-file why401: no request of any kind is allowed, from the first byte. -->
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="referrer" content="no-referrer">
  <meta name="description" content="${head('description')}">
  <meta name="theme-color" content="${head('theme-color')}">
  <title>why401: why did it return 401?</title>
  <link rel="icon" href="${icon}">
  <style>${css}</style>
</head>
<body>
  <noscript>why401 runs entirely in your browser and needs JavaScript and WebAssembly enabled.</noscript>
  ${shell}
  <script type="application/octet-stream" id="why401-wasm">${wasm.toString('base64')}</script>
  <script type="text/plain" id="why401-js">${glue}</script>
  <script type="module">${glueScript}</script>
  <script type="module">${boot}</script>
</body>
</html>
`;

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
const digest = createHash('sha256').update(page, 'utf8').digest('hex');
writeFileSync(`${out}.sha256`, `${digest}  ${basename(out)}\n`);
console.log(`single: ${out} (${(Buffer.byteLength(page) / 1024).toFixed(0)} KB), sha256 ${digest}`);
