// Soak: 1,000 client-side navigations between two articles in one page, then
// JS heap, DOM node and event-listener counts against where they started
// (after garbage collection), at the start, half way and at the end. Prints
// the figures; exits non-zero when the heap grows more than 25 % in all or
// more than 5 % (of the start) in the second half, nodes more than 10 %, or
// listeners by more than 5.
// Each navigation waits until the new article has rendered. SOAK_RAPID=1
// instead starts the next navigation as soon as the address has changed, while
// the previous page may still be loading (the case that once leaked:
// BENCHMARKS.md, "Soak").
// Usage: node scripts/soak.mjs   (after trunk build --release)
import { launchChromium, serveStatic } from './lib/site.mjs';
import { clientNavigate, openLive } from '../tests/e2e/navigate.mjs';

const PORT = Number(process.env.SOAK_PORT ?? 4180);
const NAVIGATIONS = Number(process.env.SOAK_NAVIGATIONS ?? 1000);
const RAPID = process.env.SOAK_RAPID === '1';
const stopServer = await serveStatic('dist', PORT);
const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage();
  await openLive(page, `http://127.0.0.1:${PORT}/articles/kfor-refrain-from-provocations`);
  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    // The page settles first: the chart draws again once it has measured
    // its width, and a count taken mid-redraw sees both sets of markers.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
    await cdp.send('HeapProfiler.collectGarbage');
    // (Runtime.getHeapUsage rather than the Performance domain, whose metrics
    // collection was seen to keep detached nodes alive itself.)
    const { usedSize: heap } = await cdp.send('Runtime.getHeapUsage');
    const counters = await cdp.send('Memory.getDOMCounters');
    return { heap, nodes: counters.nodes, listeners: counters.jsEventListeners };
  };
  const slugs = ['kfor-clears-last-barricades', 'kfor-refrain-from-provocations'];
  const go = async (i) => {
    const slug = slugs[i % 2];
    await clientNavigate(page, `/articles/${slug}`);
    await page.waitForFunction(
      ([s, rapid]) => location.pathname.endsWith(s) && document.querySelector('main h1')
        && (rapid || (!document.querySelector('.loading') && document.querySelector('main article h1'))),
      [slug, RAPID],
    );
  };
  for (let i = 0; i < 20; i++) await go(i);
  const start = await measure();
  const half = Math.floor(NAVIGATIONS / 2);
  for (let i = 0; i < half; i++) await go(i);
  const middle = await measure();
  for (let i = half; i < NAVIGATIONS; i++) await go(i);
  const end = await measure();
  const growth = (k, from = start) => ((end[k] - from[k]) / start[k]) * 100;
  console.log(`soak: ${NAVIGATIONS} ${RAPID ? 'rapid ' : ''}navigations     start     middle        end    change  2nd half`);
  const figure = (n) => String(Math.round(n)).padStart(10);
  for (const k of ['heap', 'nodes', 'listeners']) {
    console.log(`  ${k.padEnd(22)} ${figure(start[k])} ${figure(middle[k])} ${figure(end[k])} ${growth(k).toFixed(1).padStart(8)} % ${growth(k, middle).toFixed(1).padStart(7)} %`);
  }
  // The engine's warm-up (compiled code, caches that fill once) grows the
  // heap early and then stops; a leak goes on growing: the second half,
  // after the warm-up, is held to far less than the whole.
  console.log(`  heap per navigation in the 2nd half: ${Math.round((end.heap - middle.heap) / (NAVIGATIONS - half))} bytes`);
  failed = growth('heap') > 25 || growth('heap', middle) > 5
    || Math.abs(growth('nodes')) > 10 || end.listeners - start.listeners > 5;
  if (failed) console.error('FAIL: memory does not return to its starting level');
} finally {
  await browser.close();
  await stopServer();
}
process.exit(failed ? 1 : 0);
