// Trunk's post-build hook (Trunk.toml). Works on the staged page before it replaces dist/:
//  1. gives boot.js, the one script Trunk does not hash, a Subresource Integrity attribute, and
//     the JavaScript glue an import map entry with its integrity;
//  2. writes the service worker from static/sw.js with the list of the page's files and a version
//     derived from their contents, so that a new build replaces the offline copy.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run by Trunk, or pass the directory)');
  process.exit(2);
}

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const indexPath = join(staging, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const boot = readFileSync(join(staging, 'boot.js'));
const bootTag = /<script type="module" src="\.\/boot\.js"(?! integrity)/;
if (!bootTag.test(index)) {
  console.error('postbuild: the boot.js script tag was not found in index.html');
  process.exit(1);
}
index = index.replace(bootTag, `$& integrity="${integrity(boot)}" crossorigin="anonymous"`);
// The JavaScript glue is imported by boot.js, and an import() carries no integrity of its own (a
// failed preload is simply fetched again). An import map gives the module its integrity, so the
// browser checks it whichever way it is loaded; the map is inline, so the policy allows it by hash.
const glue = index.match(/<link rel="modulepreload" href="([^"]+)" crossorigin="anonymous" integrity="([^"]+)">/);
if (!glue) {
  console.error('postbuild: the module preload of the JavaScript glue was not found in index.html');
  process.exit(1);
}
const map = JSON.stringify({ integrity: { [glue[1]]: glue[2] } });
const mapHash = `'sha256-${createHash('sha256').update(map).digest('base64')}'`;
if (!/script-src 'self'/.test(index)) {
  console.error("postbuild: the Content-Security-Policy has no script-src 'self' to extend");
  process.exit(1);
}
index = index
  .replace(/script-src 'self'/, `script-src 'self' ${mapHash}`)
  .replace(/<script type="module" src="\.\/boot\.js"/, `<script type="importmap">${map}</script>\n  $&`);
writeFileSync(indexPath, index);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();
const version = createHash('sha256');
for (const name of files) {
  version.update(name).update('\0').update(readFileSync(join(staging, name))).update('\0');
}
const list = ['./', ...files.map((name) => `./${name}`)];
const worker = readFileSync(join(staging, 'sw.js'), 'utf8')
  .replace("'__WHY401_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__WHY401_FILES__', JSON.stringify(list, null, 2));
if (worker.includes('__WHY401_')) {
  console.error('postbuild: sw.js still has a placeholder');
  process.exit(1);
}
writeFileSync(join(staging, 'sw.js'), worker);
console.log(`postbuild: boot.js integrity set; the service worker keeps ${list.length} files`);
