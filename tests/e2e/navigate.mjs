import AxeBuilder from '@axe-core/playwright';
// Client-side navigation as a reader's click would do it, to any address.
export async function clientNavigate(page, href) {
  await goLive(page);
  await page.evaluate(followLink, href);
}

// Runs in the page: a temporary link outside the app's views, clicked and
// removed.
export const followLink = (to) => {
  const a = document.createElement('a');
  a.href = to;
  document.body.append(a);
  a.click();
  a.remove();
};

// On a prerendered page the app loads when the reader reaches for a link or
// control (docs/loading.md): here a pointer passing over the page's first
// link, or in an embed (whose links open a new browsing context, base
// target _blank) its first control. Runs in the page. Buttons and
// client-side links need the app; reading does not.
export const reachForLink = () => document
  .querySelector(document.querySelector('base[target=_blank]') ? 'button, summary, [tabindex]:not([tabindex="-1"])' : 'a[href]')
  ?.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));

export async function goLive(page) {
  await page.evaluate(reachForLink);
  await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
}

// Opens a page and waits until the app has taken it over.
export async function openLive(page, url) {
  await page.goto(url);
  await goLive(page);
}

// Holds back the app's WASM until the returned function is called: the
// prerendered page stays as it is, so a test can act before the app is live.
export async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

// Every console error, uncaught exception and dialog (an alert() that ran:
// a hostile document's script) on the page, for a test to assert is empty.
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e}`));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  return errors;
}

// Animations that end (a live notice fading in over 0.25 s) finished, so
// that axe measures colours as the reader ends up seeing them, not half way
// through a fade (which read as too little contrast). Endless ones (a
// skeleton's pulse) are not waited for. Runs in the page.
export const animationsFinished = () => Promise.all(document.getAnimations()
  .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
  .map((a) => a.finished.catch(() => {})));

// Records in window.shifts the layout shifts that no input caused, each
// with what moved, so a failure names the element. Runs in the page: with
// page.evaluate from now (earlier shifts are buffered), or as an init script
// from the first paint.
export const recordShifts = () => {
  window.shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      // A text node is named by its text and its parent's class.
      const name = (node) => (node?.nodeType === Node.TEXT_NODE
        ? `text ${JSON.stringify(node.data.slice(0, 30))} in ${node.parentNode?.nodeName}.${node.parentNode?.className}`
        : `${node?.nodeName}.${node?.className}`);
      const moved = entry.sources.map((s) => `${name(s.node)} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`);
      window.shifts.push({ at: Math.round(entry.startTime), value: entry.value, moved });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

// axe-core's results for the page as it settles: every axe run of the
// Playwright specs goes through here.
export async function axeResults(page, tags) {
  await page.evaluate(animationsFinished);
  return new AxeBuilder({ page }).withTags(tags).analyze();
}
