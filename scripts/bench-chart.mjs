// Chart render benchmark: time from the article JSON arriving (or the app
// starting, if the JSON came first) to the chart drawn, for series of 10, 1,000 and 5,000 points (the contract's limit), in headless Chromium
// against the release build (dist/). Prints a table; exits non-zero if the
// cost per point grows faster than linearly (more than 2x from 1,000 to 5,000).
// Usage: node scripts/bench-chart.mjs   (after trunk build --release)
import fs from 'node:fs';
import { launchChromium, serveStatic } from './lib/site.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4176);
const RUNS = 5;
const SIZES = [10, 1_000, 5_000]; // 5,000: model::limits::MAX_CHART_POINTS
const SITE = 'target/bench-site';

function article(n) {
  const start = Date.UTC(1800, 0, 1);
  const series = Array.from({ length: n }, (_, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    value: Math.round(50_000 * Math.exp(-i / n) + 1_000 * Math.sin(i)),
  }));
  return {
    version: 1, slug: `bench-${n}`, headline: 'Benchmark', standfirst: 'Synthetic series.',
    section: 'Bench', tags: [], byline: { organisation: 'Gazette' },
    published: '2023-01-01T00:00:00Z',
    lead_image: { src: '/images/troop-levels.svg', alt: '', credit: 'Gazette', width: 1200, height: 675 },
    body: [{ type: 'chart', id: 'bench', title: `${n} points`, unit: 'units', series, source: { name: 'Synthetic' } }],
  };
}

// The release build plus one synthetic article per size, served from disk.
fs.rmSync(SITE, { recursive: true, force: true });
fs.cpSync('dist', SITE, { recursive: true });
const bytes = {};
for (const n of SIZES) {
  const body = JSON.stringify(article(n));
  bytes[n] = body.length;
  fs.writeFileSync(`${SITE}/api/v1/articles/bench-${n}.json`, body);
}
const stopServer = await serveStatic(SITE, PORT);
const browser = await launchChromium();
const rows = [];
try {
  for (const n of SIZES) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      // Record when the chart's line first exists, and when that frame is painted.
      await page.addInitScript(() => {
        // When the app starts (boot.js may fetch the JSON before the WASM).
        new MutationObserver((_, observer) => {
          if (document.documentElement.dataset.app === 'live') {
            observer.disconnect();
            window.__live = performance.now();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
        new MutationObserver((_, observer) => {
          if (document.querySelector('.chart-svg .line')) {
            observer.disconnect();
            window.__drawn = performance.now();
            requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`http://127.0.0.1:${PORT}/embed/charts/bench-${n}/bench`);
      await page.locator('.chart-svg .line').first().waitFor({ timeout: 120_000 });
      await page.waitForFunction(() => window.__painted !== undefined);
      const ms = await page.evaluate((name) => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(name));
        return window.__painted - Math.max(entry.responseEnd, window.__live);
      }, `bench-${n}.json`);
      times.push(ms);
      await page.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    rows.push({ n, bytes: bytes[n], median, perPoint: (median * 1000) / n });
  }
} finally {
  await browser.close();
  await stopServer();
}

console.log('| points | JSON bytes | median ms (parse + render + paint) | µs per point |');
console.log('|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en')} | ${r.bytes.toLocaleString('en')} | ${r.median.toFixed(1)} | ${r.perPoint.toFixed(2)} |`);
}
const [, mid, big] = rows;
const growth = big.perPoint / mid.perPoint;
console.log(`\nper-point cost, 5,000 vs 1,000 points: ${growth.toFixed(2)}x (linear or better: ≤ 2x)`);
if (growth > 2) {
  console.error('FAIL: chart rendering grows faster than linearly');
  process.exit(1);
}
