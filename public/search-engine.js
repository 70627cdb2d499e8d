// Search's Web Worker (src/browser/search_engine.rs starts it). The build
// puts wasm-bindgen's glue for the engine (search-worker/) before these
// lines (xtask: template::search_engine_in_one_file), so the worker is
// one file. The page fetches the engine's WASM while this file loads and
// hands its bytes over in the first message: one round of requests for
// both. Without them (the page's fetch failed), the worker fetches it.
self.onmessage = (event) => {
  self.onmessage = null;
  wasm_bindgen({ module_or_path: event.data || fetch('./search-worker_bg.wasm') });
};
