// Attacks and portal misuse found by an outside review, each tested as a
// class with several inputs (SECURITY.md): addresses that would make the
// app's own links leave the site, embeds that leave or outgrow their frame,
// and the headers the production nginx configuration sends.
import { test, expect } from '@playwright/test';
import { goLive, holdWasm } from './navigate.mjs';

const SITES = [
  { name: 'at /', origin: 'http://127.0.0.1:4173', base: '' },
  { name: 'under /news/', origin: 'http://127.0.0.1:4174', base: '/news' },
];
const ARTICLE = 'kfor-troop-levels-since-1999';
const PORTAL = 'http://127.0.0.1:4175/';

// Paths a browser, nginx or a CDN answer with one of our pages, whose path
// a naive app would paste into a link that leaves for another host.
const HOSTILE_PATHS = ['//evil.example/x', '/\\evil.example/x', '///evil.example', '/\\/evil.example/', '//evil.example'];

for (const site of SITES) {
  test(`${site.name}: links built from a hostile address stay on the site`, async ({ page }) => {
    for (const hostile of HOSTILE_PATHS) {
      for (const live of [false, true]) {
        const release = live ? null : await holdWasm(page);
        await page.goto(`${site.origin}${site.base}${hostile}`);
        if (live) await goLive(page);
        await expect(page.locator('main h1'), hostile).toHaveText('Page not found');
        const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.href));
        expect(hrefs.length, hostile).toBeGreaterThan(1);
        for (const href of hrefs) expect(new URL(href).origin, `${hostile} (${live ? 'app' : 'prerendered'}): ${href}`).toBe(site.origin);
        // The reader's way through: Tab to the skip link, Enter.
        await page.keyboard.press('Tab');
        await expect(page.locator('.skip-link')).toBeFocused();
        await page.keyboard.press('Enter');
        await page.waitForTimeout(100);
        expect(new URL(page.url()).origin, hostile).toBe(site.origin);
        await page.unrouteAll({ behavior: 'ignoreErrors' });
        release?.();
      }
    }
  });
}

// Every kind of link an article embed shows: a tag, a related post, a link
// in the text, the credit back to the article.
const EMBED_LINKS = ['a.tag', '.related a', '.article-body a', '.embed-credit a'];

test('an embed never shows the full site inside a portal: its links open a new browsing context', async ({ page, context }) => {
  // This article has links in its text, to other articles.
  const embed = '/embed/articles/kfor-refrain-from-provocations';
  for (const live of [false, true]) {
    const release = live ? null : await holdWasm(page);
    await page.goto(`http://127.0.0.1:4173${embed}`);
    if (live) await goLive(page);
    for (const selector of EMBED_LINKS) {
      const link = page.locator(selector).first();
      await expect(link, selector).toBeVisible();
      const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await popup.waitForLoadState('domcontentloaded');
      expect(new URL(popup.url()).pathname, selector).not.toContain('/embed/');
      await popup.close();
      expect(new URL(page.url()).pathname, `${selector} (${live ? 'app' : 'prerendered'})`).toBe(embed);
    }
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    release?.();
  }
});

async function embedOnPortal(page, frames) {
  await page.goto(PORTAL);
  await page.evaluate((list) => {
    for (const { src, height } of list) {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = src;
      frame.width = '100%';
      frame.height = String(height);
      document.getElementById('embed').append(frame);
    }
    const script = document.createElement('script');
    script.src = 'http://127.0.0.1:4173/embed.js';
    document.body.append(script);
  }, frames);
  return frames.map((_, i) => ({
    height: async () => Number(await page.locator('iframe').nth(i).getAttribute('height')),
    content: () => page.frames()[i + 1].evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)),
    inner: page.frameLocator('iframe').nth(i),
  }));
}

test('embed frames follow their content both ways, each on its own, with two on a page', async ({ page }) => {
  const chart = `http://127.0.0.1:4173/embed/charts/kfor-refrain-from-provocations/kfor-troops`;
  const article = `http://127.0.0.1:4173/embed/articles/${ARTICLE}`;
  // The chart's frame is pasted far taller than its content.
  const [c, a] = await embedOnPortal(page, [{ src: chart, height: 2000 }, { src: article, height: 300 }]);
  await expect(c.inner.locator('.chart-svg')).toBeVisible();
  await expect.poll(c.height).toBeLessThan(1000);
  await expect.poll(async () => Math.abs(await c.height() - await c.content())).toBeLessThanOrEqual(1);
  await expect.poll(a.height).toBeGreaterThan(1500);
  await expect.poll(async () => Math.abs(await a.height() - await a.content())).toBeLessThanOrEqual(1);
  const closed = await c.height();
  const articleHeight = await a.height();
  // Open the data table: the chart's frame grows; close it: it shrinks back.
  await c.inner.getByRole('button', { name: 'Show data' }).click();
  await expect.poll(c.height).toBeGreaterThan(closed + 100);
  await c.inner.getByRole('button', { name: 'Hide data' }).click();
  await expect.poll(c.height).toBeLessThanOrEqual(closed + 1);
  // The other frame was not touched by the first one's messages.
  expect(await a.height()).toBe(articleHeight);
  // No blank space under either: the portal's next paragraph follows closely.
  const gap = await page.evaluate(() => {
    const frames = document.querySelectorAll('iframe');
    return frames[1].getBoundingClientRect().top - frames[0].getBoundingClientRect().bottom;
  });
  expect(gap).toBeLessThan(20);
});

for (const site of SITES) {
  test(`${site.name}: the security headers a trusted static host sends, embeds anchored`, async ({ request }) => {
    const url = (path) => `${site.origin}${site.base}${path}`;
    // Every file but the JSON documents, which carry none of a page's headers (decision 0029: deploy.spec.mjs checks them).
    const pages = ['/', `/articles/${ARTICLE}`, '/tags/kfor', '/no/such/page', '/feed.xml'];
    const embeds = [`/embed/charts/${ARTICLE}/kfor-troops`, `/embed/articles/${ARTICLE}`];
    for (const path of [...pages, ...embeds]) {
      const headers = (await request.get(url(path))).headers();
      const embed = embeds.includes(path);
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['permissions-policy'], path).toContain('geolocation=()');
      expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
      expect(headers['x-frame-options'], path).toBe(embed ? undefined : 'DENY');
      expect(headers['content-security-policy'], path).toContain(embed ? 'frame-ancestors *' : "frame-ancestors 'none'");
      // Served over plain HTTP here: no HSTS (it is sent over HTTPS only).
      expect(headers['strict-transport-security'], path).toBeUndefined();
    }
    // Paths that merely contain /embed/ are not Gazette's embeds: a portal's
    // own pages in the same server block stay unframeable.
    for (const path of ['/x/embed/articles/a', '/embed/other/a', `/articles/embed/articles/${ARTICLE}`]) {
      const headers = (await request.get(`${site.origin}${path}`)).headers();
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options'], path).toBe('DENY');
    }
  });
}
