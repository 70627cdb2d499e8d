// Starts the app. Trunk's default loader is an inline script, which a strict
// Content-Security-Policy (script-src 'self') blocks; Trunk.toml's
// pattern_script points here instead and passes the hashed file names.
const boot = document.querySelector('script[data-gazette-wasm]');
const { default: init } = await import(boot.dataset.gazetteJs);
await init({ module_or_path: boot.dataset.gazetteWasm });
