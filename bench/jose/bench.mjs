// The reference side of why401's browser benchmark: how long `jose`, a widely used JWT library,
// takes in this same Chromium to decode and verify tokens. bench/page.mjs serves this file with
// jose's browser build next to it (at ../jose/, a link to node_modules/jose/dist/webapi) and calls
// `window.joseBench.run(...)`; the numbers it returns are compared with the page's own.
import {
  decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, jwtVerify, SignJWT,
} from '../jose/index.js';

// Outside a cross-origin isolated page, performance.now() is coarsened (about 0.1 ms in
// Chromium), far coarser than one decode. So each sample times a batch of back-to-back calls,
// long enough to dwarf the timer's step, and divides by the batch size.
const MIN_BATCH_MS = 2;

/** The smallest non-zero step performance.now() takes here, in ms. */
function timerStep() {
  let step = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    step = Math.min(step, b - a);
  }
  return step;
}

/**
 * Times `fn` (awaited when `isAsync`): `warmup` untimed calls, then a batch size such that a batch
 * lasts about MIN_BATCH_MS, then `samples` timed batches. Returns per-call times in ms.
 */
async function measure(fn, { isAsync, warmup, samples }) {
  for (let i = 0; i < warmup; i++) {
    if (isAsync) await fn(); else fn();
  }
  const batchTime = async (n) => {
    const start = performance.now();
    if (isAsync) {
      for (let i = 0; i < n; i++) await fn();
    } else {
      for (let i = 0; i < n; i++) fn();
    }
    return performance.now() - start;
  };
  // The batch size comes from how many calls fit in 50 ms, so one slow call cannot shrink it.
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < 50) {
    await batchTime(1);
    calls += 1;
  }
  const perCall = (performance.now() - start) / calls;
  const batch = Math.max(1, Math.ceil(MIN_BATCH_MS / perCall));
  const times = [];
  for (let s = 0; s < samples; s++) times.push((await batchTime(batch)) / batch);
  return { batch, times };
}

/**
 * `rsToken` is an RS256 token signed by the benchmark's key, `rsJwk` that key's public JWK.
 * Each case's result names what one call does.
 */
async function run({ rsToken, rsJwk, samples = 200, warmup = 50 }) {
  const options = { warmup, samples };
  const rsKey = await importJWK(rsJwk, 'RS256');
  const es = await generateKeyPair('ES256');
  const esToken = await new SignJWT({ sub: 'user-4821', scope: 'orders.read' })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'bench-es256' })
    .setIssuer('https://login.example.com/')
    .setAudience('https://api.example.com')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(es.privateKey);

  // Each case is checked once before it is timed, so a failure is an error, never a fast number.
  const rs = await jwtVerify(rsToken, rsKey);
  if (rs.protectedHeader.alg !== 'RS256') throw new Error('jose did not verify the RS256 token');
  const ec = await jwtVerify(esToken, es.publicKey);
  if (ec.protectedHeader.alg !== 'ES256') throw new Error('jose did not verify the ES256 token');

  const decode = () => {
    decodeProtectedHeader(rsToken);
    return decodeJwt(rsToken);
  };
  const cases = {
    decode: await measure(decode, { ...options, isAsync: false }),
    rs256Verify: await measure(() => jwtVerify(rsToken, rsKey), { ...options, isAsync: true }),
    es256Verify: await measure(() => jwtVerify(esToken, es.publicKey), { ...options, isAsync: true }),
    decodeAndRs256Verify: await measure(async () => {
      decode();
      return jwtVerify(rsToken, rsKey);
    }, { ...options, isAsync: true }),
  };
  return {
    crossOriginIsolated: self.crossOriginIsolated === true,
    timerStepMs: timerStep(),
    esTokenLength: esToken.length,
    cases,
  };
}

window.joseBench = { run };
