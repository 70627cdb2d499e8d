// Starts the app (decision 0017). The build carries it inline in every page
// but the embeds, without its comment lines (xtask/src/plan/template.rs), and
// the policy allows it by its hash; the reasons live in docs/loading.md.
const boot = document.querySelector('script[data-gazette-wasm]');
const route = routeData();
const prerendered = route.url !== null && document.getElementById('gazette-data')?.dataset.url === route.url;
const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
if (route.url !== null && !prerendered) prefetch(route.url, route.bodyMax);
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const shown = loaded.then(() => Promise.all([...document.images].filter((i) => i.loading !== 'lazy').map((i) => i.decode().catch(() => {})))).then(painted);
const clicked = replayableClicks();
if (route.embed) embedded();
pageview(route);
// A page the build prerendered waits for the reader to reach for the app;
// so does the search page, unless its address asks for a search (`?q=`).
const asked = route.query && new URLSearchParams(location.search).get(route.query)?.trim();
// A page that checks for news (`[live] poll_seconds`, README "Run it for a
// newsroom") also starts it once it has been in view that long untouched.
const poll = route.embed ? 0 : Number(document.querySelector('meta[name=gazette-site]')?.dataset.poll) || 0;
if (prerendered || (route.query && !asked)) await Promise.race([intent(route.embed), ...(poll > 0 ? [inView(poll * 1000)] : [])]);
// The reader wants the app: fetch it now, at low priority (the page's own
// images go first), and compile it as it arrives, but start it only once
// they have painted. (A server that does not say application/wasm cannot
// compile as it streams: the file is then fetched again, from the cache,
// and read whole.)
const url = boot.dataset.gazetteWasm;
const wasm = fetch(url, { priority: 'low' }).then((r) => (r.ok && WebAssembly.compileStreaming ? WebAssembly.compileStreaming(r).catch(() => fetch(url)) : r));
// The JS glue is a classic script that defines `wasm_bindgen`
// (wasm-bindgen's no-modules output, which Trunk can minify).
const glue = new Promise((onload, onerror) => document.head.append(Object.assign(document.createElement('script'), { src: boot.dataset.gazetteJs, onload, onerror })));
for (const p of [wasm, glue]) p.catch(() => {}); // awaited below, where a failure is handled
await shown;
try {
  await glue;
  await wasm_bindgen({ module_or_path: wasm });
  clicked.replay();
} catch (error) {
  // The prerendered page still works: its links are ordinary links.
  console.warn('Gazette could not start; the page works without it.', error);
}

// The route's JSON URL, or null for an address that is no page of the
// app's. The route table is the app's own: the build writes it into this
// script's element (data-gazette-routes, xtask/src/plan/routes.rs), each
// kind of page as its address and its document, with {slug} for each slug
// it names and {page} for a later page of a listing. Tested against the
// app's routing on the shared corpus tests/routes.json (tests/boot.test.mjs).
function routeData() {
  const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  const meta = (document.querySelector('meta[name=gazette-api]')?.content ?? '').trim().replace(/\/+$/, '');
  // As Paths::with_api: http(s) or a path on this site (not //host or /\host), nothing unsafe in it.
  const api = (/^https?:\/\//.test(meta) || /^\/(?![/\\])/.test(meta)) && !/[\s"\\\x00-\x1f\x7f-\x9f\uFEFF]/.test(meta) ? meta : `${base}/api/v1`;
  const none = { url: null, embed: false, kind: 'not-found', slug: null, query: null };
  let table;
  try {
    table = JSON.parse(document.querySelector('script[data-gazette-routes]').dataset.gazetteRoutes);
  } catch {
    table = null;
  }
  if (!Array.isArray(table?.routes)) return none; // no table: the app routes on its own once it starts
  // As Paths::route_path: below the base, leading slashes collapsed (nginx
  // merges them: //articles/x is the article).
  if (location.pathname !== base && !location.pathname.startsWith(`${base}/`)) return none;
  const path = `/${location.pathname.slice(base.length).replace(/^\/+/, '')}`;
  for (const route of table.routes) {
    for (const [shape, data] of [[route.path, route.data], [route.pagedPath, route.pagedData]]) {
      const found = shape && path.match(new RegExp(`^${shape.replaceAll('{slug}', `(${table.slug})`).replace('{page}', '([1-9][0-9]*)')}$`));
      if (!found) continue;
      const slugs = found.slice(1, 1 + shape.split('{slug}').length - 1);
      const page = Number(found[slugs.length + 1]);
      // As Slug::MAX_LEN and PageNumber::parse_address: an archived page is 1 to the last, in one spelling.
      if (slugs.some((s) => s.length > table.slugMax) || (shape.includes('{page}') && !(page >= 1 && page <= table.lastPage))) return none;
      let next = 0;
      const url = data ? api + data.replaceAll('{slug}', () => slugs[next++]).replace('{page}', page) : null;
      return { url, embed: route.embed, kind: route.kind, slug: slugs[0] ?? null, bodyMax: table.bodyMax, query: route.query ?? null };
    }
  }
  return none;
}

// The page the reader landed on, for the portal's analytics (README, "Page
// views"): one `gazette:pageview` event, whether or not the app ever loads;
// the app sends one for each page it shows after this one. An embed also
// posts it to its host page, whose embed.js passes it on.
function pageview(route) {
  const detail = { path: location.pathname, title: document.title, type: route.kind, slug: route.slug };
  dispatchEvent(new CustomEvent('gazette:pageview', { detail }));
  if (route.embed && window.parent !== window) window.parent.postMessage({ type: 'gazette:pageview', detail }, '*');
}

// An embed, with or without the app: its links open in a new browsing
// context (never the full site inside a portal's frame), and the portal's
// embed.js is told the content's own height whenever it changes, so the
// frame follows it both ways (never the frame's height, which is at least
// the frame's own).
function embedded() {
  document.querySelector('base')?.setAttribute('target', '_blank');
  if (window.parent === window) return;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    window.parent.postMessage({ type: 'gazette:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.body);
}

// The route's JSON, requested now and handed to the app (src/api.rs takes
// it once, with the means to abort it). Read here as it arrives, and
// dropped past the app's cap (`bodyMax`: api::MAX_BODY_BYTES), since WebKit
// holds an unread body whole however large it grows; a body over the cap
// reaches the app as a response that declares its size, which the app
// refuses by its own rules. (Not <link rel=preload>: WebKit holds that
// body whole too, and delays `load` for it.)
function prefetch(url, bodyMax) {
  const controller = new AbortController();
  const response = fetch(url, { signal: controller.signal }).then(async (answer) => {
    const chunks = [];
    let size = 0;
    const reader = answer.body?.getReader();
    for (let part = await reader?.read(); part && !part.done; part = await reader.read()) {
      size += part.value.length;
      if (size > bodyMax) {
        controller.abort();
        return new Response(null, { status: answer.status, headers: { 'content-type': 'application/json', 'content-length': String(size) } });
      }
      chunks.push(part.value);
    }
    const body = [101, 103, 204, 205, 304].includes(answer.status) ? null : new Blob(chunks);
    return new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  });
  response.catch(() => {}); // the app reads the failure, if it comes for it
  window.__gazettePrefetch = { url, controller, response };
}

// Resolves when the reader reaches for something the app drives: points at,
// touches or focuses a link or control (the search box among them), or
// scrolls near the related posts.
// In an embed, links open a new browsing context without the app, so only
// its controls count (an embed costs its portal no app until then).
function intent(embed) {
  const controls = `${embed ? '' : 'a[href], '}button, input, summary, [tabindex]:not([tabindex="-1"])`;
  const events = ['pointerover', 'pointerdown', 'touchstart', 'focusin'];
  return new Promise((resolve) => {
    const near = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && done(), { rootMargin: '50% 0px' });
    const reach = (event) => event.target.closest?.(controls) && done();
    const done = () => {
      near.disconnect();
      for (const type of events) removeEventListener(type, reach, true);
      resolve();
    };
    for (const type of events) addEventListener(type, reach, { capture: true, passive: true });
    if (!embed) for (const el of document.querySelectorAll('.related')) near.observe(el);
  });
}

// Resolves once the page has been in view for `ms` (a hidden tab's time
// does not count: it starts again when the tab is shown).
function inView(ms) {
  return new Promise((resolve) => {
    const wait = () => {
      if (document.hidden) return addEventListener('visibilitychange', wait, { once: true });
      setTimeout(() => (document.hidden ? wait() : resolve()), ms);
    };
    wait();
  });
}

// A button pressed before the app was live is pressed again on the live
// page (same markup, so the same position in the body). A press still held
// when the app takes over ends on the live page, where the browser sends no
// click (the pressed element is gone): it is pressed if released over the
// same button, as a click would be.
function replayableClicks() {
  let pending = null;
  let held = null;
  const buttonOf = (event) => {
    const button = event.target.closest?.('button');
    return button && document.body.contains(button) ? { path: positionOf(button), text: button.textContent } : null;
  };
  const listeners = {
    pointerdown: (event) => { held = event.isPrimary && event.button === 0 ? buttonOf(event) : held; },
    pointerup: () => { held = null; },
    pointercancel: () => { held = null; },
    click: (event) => { pending = buttonOf(event); },
  };
  for (const [type, listener] of Object.entries(listeners)) addEventListener(type, listener, true);
  // The app's page arrives in the tasks after it starts (its document is
  // read as a stream, even the embedded copy): press the same button once it
  // is there and shown, for up to five seconds.
  const press = ({ path, text }, releasedAt = null) => {
    const until = performance.now() + 5000;
    const attempt = () => {
      const button = elementAt(path);
      if (button?.tagName === 'BUTTON' && button.textContent === text && !button.closest('[hidden]')) {
        if (!releasedAt || button.contains(document.elementFromPoint(...releasedAt))) button.click();
      } else if (performance.now() < until) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(() => setTimeout(attempt));
  };
  return {
    replay() {
      for (const [type, listener] of Object.entries(listeners)) removeEventListener(type, listener, true);
      if (pending) press(pending);
      else if (held) {
        const pressed = held;
        let clicked = false;
        const sawClick = () => { clicked = true; };
        addEventListener('pointercancel', () => removeEventListener('pointerup', released, true), { capture: true, once: true });
        const released = (event) => {
          // A browser that does send a click for it has pressed the button.
          addEventListener('click', sawClick, { capture: true, once: true });
          setTimeout(() => {
            removeEventListener('click', sawClick, true);
            if (!clicked) press(pressed, [event.clientX, event.clientY]);
          });
        };
        addEventListener('pointerup', released, { capture: true, once: true });
      }
    },
  };
}

function positionOf(el) {
  const path = [];
  for (; el !== document.body; el = el.parentElement) path.unshift([...el.parentElement.children].indexOf(el));
  return path;
}

function elementAt(path) {
  return path.reduce((el, i) => el?.children[i], document.body);
}
