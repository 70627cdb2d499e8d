// Starts the app (a file, not Trunk's inline loader, for a strict CSP).
// Shipped as written, so the reasons live in docs/loading.md.
const boot = document.querySelector('script[data-gazette-wasm]');
preloadRouteData();
const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const shown = loaded.then(() => Promise.all([...document.images].filter((i) => i.loading !== 'lazy').map((i) => i.decode().catch(() => {})))).then(painted);
const [{ default: init }] = await Promise.all([import(boot.dataset.gazetteJs), shown]);
await init({ module_or_path: boot.dataset.gazetteWasm });

// URLs as in src/paths.rs; slugs as Slug::parse accepts them.
function preloadRouteData() {
  const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  const meta = (document.querySelector('meta[name=gazette-api]')?.content ?? '').trim().replace(/\/+$/, '');
  const api = (/^https?:\/\//.test(meta) || /^\/(?!\/)/.test(meta)) && !/[\s"]/.test(meta) ? meta : `${base}/api/v1`;
  if (!location.pathname.startsWith(`${base}/`)) return;
  const route = location.pathname.slice(base.length);
  const slug = '([a-z0-9]+(?:-[a-z0-9]+)*)';
  const match = (pattern) => route.match(new RegExp(`^${pattern}$`));
  const article = match(`/articles/${slug}`) ?? match(`/embed/articles/${slug}`) ?? match(`/embed/charts/${slug}/${slug}`);
  const tag = match(`/tags/${slug}`);
  const url = article ? `${api}/articles/${article[1]}.json` : tag ? `${api}/tags/${tag[1]}.json` : route === '/' ? `${api}/index.json` : null;
  const tooLong = (article ?? tag ?? []).slice(1).some((s) => s.length > 96);
  if (!url || tooLong || document.getElementById('gazette-data')?.dataset.url === url) return;
  const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: url });
  document.head.append(link);
}
