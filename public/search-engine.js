// Search's Web Worker (src/browser/search_engine.rs starts it): the engine
// built from search-worker/ by Trunk, whose glue defines `wasm_bindgen`.
importScripts('./search-worker.js');
wasm_bindgen({ module_or_path: './search-worker_bg.wasm' });
