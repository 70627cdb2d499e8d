// Search's Web Worker (src/browser/search_engine.rs starts it): the engine
// built from search-worker/ by Trunk, whose glue defines `wasm_bindgen`.
// The WASM is fetched while the glue loads: one round of requests, not two.
const wasm = fetch('./search-worker_bg.wasm');
importScripts('./search-worker.js');
wasm_bindgen({ module_or_path: wasm });
