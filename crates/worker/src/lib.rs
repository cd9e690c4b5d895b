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
//! The page and its worker are one WebAssembly module, instantiated twice: `static/boot.js`
//! fetches and compiles it once (with its integrity hash), starts the interface with it, and
//! hands the same compiled module to the worker, where the page's `main` (`src/main.rs`) finds
//! no window and calls [`start`] instead of drawing the interface.

#[cfg(target_arch = "wasm32")]
mod bench;
#[cfg(target_arch = "wasm32")]
mod port;
#[cfg(target_arch = "wasm32")]
mod worker;

/// Starts the engine's side of the page, in a dedicated worker: answers the page's jobs. (Off
/// WebAssembly, where there is no worker, it does nothing: the native build only type-checks
/// the page.)
pub fn start() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
