// Takes screenshots of every page at phone and desktop widths, light and
// dark, for a person to look at. Not a test: it asserts nothing.
// Usage: node scripts/screenshots.mjs [base-url] [out-dir]
import { openLive } from '../tests/e2e/navigate.mjs';
import { launchChromium } from './lib/site.mjs';
import fs from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const out = process.argv[3] ?? 'target/screenshots';
fs.mkdirSync(out, { recursive: true });
const pages = {
  front: '/',
  article: '/articles/kfor-refrain-from-provocations',
  tag: '/tags/kfor',
  section: '/sections/security',
  notfound: '/no-such-page',
  embed: '/embed/charts/kfor-refrain-from-provocations/kfor-troops',
  'embed-article': '/embed/articles/kfor-troop-levels-since-1999',
};
const browser = await launchChromium();
for (const scheme of ['light', 'dark']) {
  for (const width of [320, 375, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    page.on('console', (m) => m.type() === 'error' && console.log(`console error on ${page.url()}: ${m.text()}`));
    for (const [name, path] of Object.entries(pages)) {
      await openLive(page, base + path);
      await page.locator('main h1').first().waitFor({ state: 'attached' });
      await page.screenshot({ path: `${out}/${name}-${width}-${scheme}.png`, fullPage: name !== 'article' });
    }
    // The chart, with a point in focus.
    await openLive(page, base + pages.article);
    await page.locator('.chart .point').nth(2).focus();
    await page.waitForTimeout(100);
    await page.locator('.chart').screenshot({ path: `${out}/chart-${width}-${scheme}.png` });
    await page.close();
  }
}
await browser.close();
console.log(`screenshots in ${out}`);
