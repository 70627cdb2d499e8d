// Starts the app. Trunk's default loader is an inline script, which a strict
// Content-Security-Policy (script-src 'self') blocks; Trunk.toml's
// pattern_script points here instead and passes the hashed file names.
//
// The page arrives prerendered, and its <link rel=preload> tags fetch the
// WASM and JS at once; the app takes the page over only once it has loaded.
// Taking over earlier replaces the lead image before it paints, which moved
// the largest contentful paint behind the WASM (Lighthouse: 2.3 s instead of
// about 1 s on slow 4G).
const boot = document.querySelector('script[data-gazette-wasm]');
const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
const [{ default: init }] = await Promise.all([import(boot.dataset.gazetteJs), loaded]);
await init({ module_or_path: boot.dataset.gazetteWasm });
