// The page's weight, which is deterministic for a build: one WebAssembly module, and the whole
// page (every file a first visit fetches, the service worker's copy included) below a ceiling.
// The ceiling is today's weight with a small margin, so that growth is a decision, not an
// accident; the budget the page is working towards (480 KB gzip, 400 KB brotli) is printed beside
// it, and `make bench` reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const KB = 1024;
const CEILING_GZIP_KB = 1290;
const CEILING_BROTLI_KB = 1040;
const BUDGET_GZIP_KB = 480;
const BUDGET_BROTLI_KB = 400;

function walk(dir) {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

test('the page is one WebAssembly module, and its weight stays under the ceiling', () => {
  const files = walk('dist');
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one module for the interface and the engine's worker: ${wasm.join(', ')}`);
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const body = readFileSync(file);
    gzip += gzipSync(body, { level: 9 }).length;
    brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
  }
  console.log(`whole page: ${(gzip / KB).toFixed(1)} KB gzip (budget ${BUDGET_GZIP_KB}, ceiling ${CEILING_GZIP_KB}), `
    + `${(brotli / KB).toFixed(1)} KB brotli (budget ${BUDGET_BROTLI_KB}, ceiling ${CEILING_BROTLI_KB}), ${files.length} files`);
  assert.ok(gzip <= CEILING_GZIP_KB * KB, `whole page ${(gzip / KB).toFixed(1)} KB gzip is over the ceiling of ${CEILING_GZIP_KB} KB`);
  assert.ok(brotli <= CEILING_BROTLI_KB * KB, `whole page ${(brotli / KB).toFixed(1)} KB brotli is over the ceiling of ${CEILING_BROTLI_KB} KB`);
});
