//! The engine in a Web Worker.
//!
//! The page (`src/engine.rs`) sends each job as `{ id, job }`, where `job` is the engine's
//! transfer form of the pasted text and its context ([`why401_engine::transfer`]). The worker
//! answers with messages of these `type`s, each carrying the job's `id`:
//! - `progress`: `done` of `total` steps of a long analysis (HAR entries read);
//! - `report`: the report in the transfer form (`report`, its buffer transferred, not copied),
//!   `final` (false while WebCrypto is still verifying a signature: a second report follows),
//!   and `webcrypto` / `fallback`, how many signatures WebCrypto checked and how many it left to
//!   RustCrypto;
//! - `failed`: the job could not be read (`message`).
//!
//! A panic posts `crash` with the message, and `static/boot.js` shows the failure panel.
//!
//! `static/boot.js` starts the worker: it fetches this module's JavaScript glue and WebAssembly
//! with their integrity hashes, compiles the WebAssembly, and hands the compiled module over.

#[cfg(target_arch = "wasm32")]
mod bench;
#[cfg(target_arch = "wasm32")]
mod worker;

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
