// Lighthouse budget (part of scripts/test): the front page and an article of
// the release build, served by nginx with deploy/nginx/, audited with
// Lighthouse's defaults (mobile emulation, simulated throttling: slow 4G and a
// 4x slower CPU). Prints the scores and metrics, and fails under the fixed
// thresholds below. Usage: node scripts/lighthouse.mjs   (after trunk build --release)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveDist, origin, chromiumArgs, chromiumPath } from './lib/site.mjs';

const pages = [
  { name: 'front page', path: '/' },
  { name: 'article', path: '/articles/kfor-troop-levels-since-1999' },
];
// Scores are 0-100. Performance is the aim of 100, and this machine's runs
// score 100 since the app loads only when the reader reaches for a link
// (docs/loading.md); the floor leaves a few points for noise.
const minimum = { performance: 97, accessibility: 100, 'best-practices': 100, seo: 100 };
const maximumCls = 0.001;

const stop = await serveDist();
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...chromiumArgs] });
const failures = [];
const rows = [];
try {
  for (const page of pages) {
    // A run Lighthouse itself could not measure (runtimeError, e.g. NO_FCP
    // when the machine was starved) is run again, at most twice, and said;
    // a measured run counts as it is.
    let lhr;
    for (let attempt = 1; attempt <= 3; attempt++) {
      ({ lhr } = await lighthouse(`${origin}${page.path}`, { port: chrome.port, logLevel: 'error', output: 'json' }));
      if (!lhr.runtimeError) break;
      console.log(`${page.name}: Lighthouse could not measure (${lhr.runtimeError.code}: ${lhr.runtimeError.message}); attempt ${attempt} of 3`);
    }
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metric = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const row = {
      page: page.name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      si: metric('speed-index'),
    };
    rows.push(row);
    for (const [category, floor] of Object.entries(minimum)) {
      if (!(row[category] >= floor)) failures.push(`${page.name}: ${category} ${row[category]} < ${floor}`);
    }
    if (!(row.cls <= maximumCls)) failures.push(`${page.name}: CLS ${row.cls} > ${maximumCls}`);
    for (const id of ['accessibility', 'best-practices', 'seo']) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit?.score !== null && audit?.score < 1) failures.push(`${page.name}: ${id}: ${audit.title}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await stop();
}

const s = (ms) => (ms / 1000).toFixed(2);
console.log(`Lighthouse ${lighthouse.version ?? '12'} (mobile, simulated slow 4G, 4x CPU) on ${origin}`);
console.log('| page | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | speed index s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.page} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ${s(r.fcp)} | ${s(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(4)} | ${s(r.si)} |`);
}
console.log(`thresholds: performance >= ${minimum.performance}, accessibility, best practices and SEO = 100, CLS <= ${maximumCls}`);
if (failures.length) {
  console.error(`\nLighthouse budget failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('Lighthouse budget met.');
