import { launchChromium, serveDist, origin } from './lib/site.mjs';
import { reachForLink } from '../tests/e2e/navigate.mjs';
const stop = await serveDist();
const browser = await launchChromium();
for (let run = 0; run < 3; run++) {
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(`addEventListener('DOMContentLoaded', ${reachForLink});
    window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    window.__marks = {}; addEventListener('load', () => window.__marks.load = performance.now());
    new MutationObserver(() => { if (document.documentElement.dataset.app === 'live' && !window.__marks.live) window.__marks.live = performance.now(); }).observe(document.documentElement, { attributes: true });`);
  await page.goto(`${origin}/articles/kfor-troop-levels-since-1999`);
  await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
  await page.waitForTimeout(500);
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter((e) => /gazette-|boot|troop|css/.test(e.name)).map((e) => `${e.name.split('/').pop().slice(0, 24)} ${Math.round(e.startTime)}-${Math.round(e.responseEnd)}`);
    return { dcl: Math.round(nav.domContentLoadedEventEnd), load: Math.round(window.__marks.load), live: Math.round(window.__marks.live), res, long: window.__long };
  });
  console.log(JSON.stringify(r));
  await page.close();
}
await browser.close(); await stop();
