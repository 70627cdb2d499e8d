// Delivery: the release builds behind nginx with deploy/nginx/, at the root
// (dist/, port 4173) and under a sub-path (target/dist-news at /news/, port
// 4174): status codes, headers, prerendered pages without JavaScript, the
// app taking over with no flash and no CSP violation, and article embeds.
import { test, expect } from '@playwright/test';
import { goLive, openLive } from './navigate.mjs';

const SITES = [
  { name: 'at /', origin: 'http://127.0.0.1:4173', base: '' },
  { name: 'under /news/', origin: 'http://127.0.0.1:4174', base: '/news' },
];
const ARTICLE = 'kfor-troop-levels-since-1999';
const IMMUTABLE = 'public, max-age=31536000, immutable';

for (const site of SITES) {
  const url = (path) => `${site.origin}${site.base}${path}`;

  test(`${site.name}: status codes, caching, compression and security headers`, async ({ request }) => {
    const routes = [
      ['/', 200], [`/articles/${ARTICLE}`, 200], ['/tags/kfor', 200],
      [`/embed/charts/${ARTICLE}/kfor-troops`, 200], [`/embed/articles/${ARTICLE}`, 200],
      ['/sitemap.xml', 200], ['/news-sitemap.xml', 200], ['/feed.xml', 200], ['/robots.txt', 200], ['/api/v1/index.json', 200],
      ['/no/such/page', 404], ['/articles/no-such-article', 404], ['/_headers', 404],
    ];
    for (const [path, status] of routes) {
      const response = await request.get(url(path), { maxRedirects: 0 });
      const headers = response.headers();
      expect(response.status(), path).toBe(status);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['cache-control'], path).toBe('no-cache');
      expect(headers.etag, path).toBeTruthy();
      // JSON documents are data the app reads, not pages: no page-only
      // headers, so an open page's check for news stays small (decision 0029).
      if (path.endsWith('.json')) {
        for (const name of ['referrer-policy', 'content-security-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy']) {
          expect(headers[name], `${path} ${name}`).toBeUndefined();
        }
        continue;
      }
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      const csp = headers['content-security-policy'];
      expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain(path.startsWith('/embed/') ? 'frame-ancestors *' : "frame-ancestors 'none'");
      // The one inline script, the loader, is allowed by its hash where
      // pages carry it (decision 0017); embeds load it as a file.
      expect(csp.match(/'sha256-[A-Za-z0-9+/]{43}='/g) ?? [], path).toHaveLength(path.startsWith('/embed/') ? 0 : 1);
    }
    const notFound = await (await request.get(url('/no/such/page'))).text();
    expect(notFound).toContain('Page not found');

    // HTML and JSON are revalidated: a second request with the ETag is a 304.
    for (const path of [`/articles/${ARTICLE}`, '/api/v1/index.json']) {
      const first = await request.get(url(path));
      const again = await request.get(url(path), { headers: { 'if-none-match': first.headers().etag } });
      expect(again.status(), path).toBe(304);
    }

    // Hashed assets are cached forever and served precompressed.
    const html = await (await request.get(url('/'))).text();
    const assets = new Set([...html.matchAll(/=["']?([^"' >]+-[0-9a-f]{12,16}(?:_bg)?\.(?:js|wasm|css|svg))/g)].map((m) => m[1]));
    expect(new Set([...assets].map((a) => a.split('.').pop()))).toEqual(new Set(['svg', 'css', 'js', 'wasm']));
    for (const asset of assets) {
      expect(asset.startsWith(`${site.base}/`), asset).toBe(true);
      for (const encoding of ['br', 'gzip']) {
        const response = await request.get(site.origin + asset, { headers: { 'accept-encoding': encoding } });
        expect(response.status(), asset).toBe(200);
        expect(response.headers()['cache-control'], asset).toBe(IMMUTABLE);
        expect(response.headers()['content-encoding'], `${asset} ${encoding}`).toBe(encoding);
      }
    }
  });

  test(`${site.name}: sitemap, feed and robots.txt follow the base path`, async ({ request }) => {
    const index = await (await request.get(url('/api/v1/index.json'))).json();
    const sitemap = await (await request.get(url('/sitemap.xml'))).text();
    const feed = await (await request.get(url('/feed.xml'))).text();
    for (const { slug } of index.articles) {
      expect(sitemap).toContain(`${site.base}/articles/${slug}</loc>`);
      expect(feed).toContain(`${site.base}/articles/${slug}"/>`);
    }
    expect(sitemap).not.toContain('/embed/');
    expect(feed.match(/<entry>/g)).toHaveLength(index.articles.length);
    const robots = await (await request.get(url('/robots.txt'))).text();
    expect(robots).toContain(`Disallow: ${site.base}/embed/`);
    expect(robots).toMatch(new RegExp(`Sitemap: https?://[^\\s]+${site.base}/sitemap.xml`));
    // Google News's sitemap: linked, and listing the articles of the two
    // days up to the newest (the sample's span more than that), newest first.
    expect(robots).toMatch(new RegExp(`Sitemap: https?://[^\\s]+${site.base}/news-sitemap.xml`));
    const news = await request.get(url('/news-sitemap.xml'));
    expect(news.headers()['content-type']).toMatch(/xml/);
    const newsXml = await news.text();
    const newest = Math.max(...index.articles.map((a) => Date.parse(a.published)));
    const recent = index.articles.filter((a) => newest - Date.parse(a.published) <= 2 * 86400e3).map((a) => a.slug);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(index.articles.length);
    const listed = [...newsXml.matchAll(/<loc>[^<]*\/articles\/([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(listed).toEqual(recent);
    expect(newsXml.match(/<news:language>en<\/news:language>/g)).toHaveLength(recent.length);
  });

  test(`${site.name}: every prerendered page shows its content with JavaScript disabled`, async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const index = await (await request.get(url('/api/v1/index.json'))).json();

    await page.goto(url('/'));
    await expect(page.locator('main h1')).toHaveText('Latest news');
    await expect(page.locator('main .teaser')).toHaveCount(index.articles.length);

    for (const { slug } of index.articles) {
      const article = await (await request.get(url(`/api/v1/articles/${slug}.json`))).json();
      await page.goto(url(`/articles/${slug}`));
      await expect(page.locator('main h1'), slug).toHaveText(article.headline);
      await expect(page.locator('.standfirst'), slug).toHaveText(article.standfirst);
      const paragraphs = article.body.filter((b) => b.type === 'paragraph').length;
      await expect(page.locator('.article-body > p'), slug).toHaveCount(paragraphs);
      await expect(page.locator('.loading')).toHaveCount(0);
      await expect(page.locator('.site-name')).toHaveAttribute('href', `${site.base}/`);
      await expect(page).toHaveTitle(`${article.headline} · Gazette`);
      await expect(page.locator('link[rel=canonical]')).toHaveAttribute('href', new RegExp(`${site.base}/articles/${slug}$`));
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', article.headline);
      await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^https?:\/\//);
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
      const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
      expect(ld['@type']).toBe('NewsArticle');
      expect(ld.headline).toBe(article.headline);
      expect(ld.datePublished).toBe(article.published);
    }

    await page.goto(url('/tags/kfor'));
    await expect(page.locator('main h1')).toContainText('KFOR');
    await page.goto(url(`/embed/charts/${ARTICLE}/kfor-troops`));
    await expect(page.locator('.chart-svg circle.point')).toHaveCount(5);
    await expect(page.locator('.site-header')).toHaveCount(0);
    await expect(page.locator('meta[name=robots]')).toHaveAttribute('content', 'noindex');
    await page.goto(url('/no/such/page'));
    await expect(page.locator('main h1')).toHaveText('Page not found');
    await context.close();
  });

  test(`${site.name}: a reader who only reads is sent no app code; reaching for a link loads it, after the page's images`, async ({ page, request }) => {
    const html = await (await request.get(url(`/articles/${ARTICLE}`))).text();
    expect(html).not.toMatch(/<link[^>]*\.wasm/);
    expect(html).not.toMatch(/modulepreload/);
    const resources = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize })));
    const app = (list) => list.filter((e) => /\/gazette-[0-9a-f]{12,16}(_bg\.wasm|\.js)$/.test(e.path));
    // Code as served (compressed), what the first-visit budget counts.
    const code = (list) => list.filter((e) => /\.(js|css|wasm)$/.test(e.path)).reduce((total, e) => total + e.bytes, 0);
    await page.goto(url(`/articles/${ARTICLE}`));
    await page.waitForLoadState('networkidle');
    const read = await resources();
    expect(app(read), 'no app code before the reader reaches for anything').toEqual([]);
    // The loader is in the page (decision 0017): no script is fetched at all.
    expect(read.filter((e) => e.path.endsWith('.js')).map((e) => e.path), 'scripts fetched by a reader who reads').toEqual([]);
    expect(code(read)).toBeGreaterThan(0);
    expect(code(read), 'first visit: at most 120 KB of code').toBeLessThanOrEqual(120 * 1024);
    await goLive(page);
    const live = await resources();
    const wasm = live.find((e) => e.path.endsWith('.wasm'));
    const lead = live.find((e) => e.path.endsWith('/images/troop-levels.svg'));
    expect(app(live).length, 'the JS glue and the WASM were fetched').toBe(2);
    expect(lead, 'the lead image was fetched').toBeTruthy();
    expect(wasm.start, 'the WASM, requested on intent after the page was read, starts after its lead image').toBeGreaterThanOrEqual(lead.end);
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(`first visit ${site.name}: ${kb(code(read))} KB of code files (gzip/brotli as served; the loader is inline in the page) for a reader who reads; reaching for a link adds the app, ${kb(code(live) - code(read))} KB`);
  });

  test(`${site.name}: the app takes over the prerendered page in one paint, with no CSP violation`, async ({ page }) => {
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      // What each painted frame showed, and whether the app had started.
      window.__frames = [];
      const record = () => {
        const h1 = document.querySelector('main h1');
        window.__frames.push({
          h1: h1 && h1.textContent,
          mains: document.querySelectorAll('main').length,
          loading: !!document.querySelector('.loading'),
          started: !!document.querySelector('script[data-gazette-wasm]') && !document.getElementById('gazette-data'),
        });
        requestAnimationFrame(record);
      };
      requestAnimationFrame(record);
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // Hold the WASM back, so the prerendered page is painted before the app starts.
    await page.route('**/*_bg.wasm', async (route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    const article = await (await page.request.get(url(`/api/v1/articles/${ARTICLE}`) + '.json')).json();
    await page.goto(url(`/articles/${ARTICLE}`));
    await goLive(page);
    await page.waitForFunction(() => window.__frames.some((f) => f.started));
    await page.waitForTimeout(300);
    const frames = await page.evaluate(() => window.__frames);
    const shown = frames.filter((f) => f.h1 !== null);
    expect(shown.some((f) => !f.started), 'the prerendered page was painted before the app started').toBe(true);
    expect(shown.some((f) => f.started)).toBe(true);
    // Every painted frame, before and after the app started, shows the article and nothing else.
    expect(shown.filter((f) => f.h1 !== article.headline || f.loading || f.mains !== 1)).toEqual([]);
    expect(await page.evaluate(() => window.__shift)).toBe(0);
    console.log(`takeover ${site.name}: ${shown.filter((f) => !f.started).length} frames painted from the prerendered HTML, then ${shown.filter((f) => f.started).length} by the app; layout shift 0`);

    // The app is live: the chart responds and navigation is client-side.
    await page.evaluate(() => { window.__spa = 'still here'; });
    await page.locator('.chart').getByRole('button', { name: 'Show data' }).click();
    await expect(page.locator('.chart-table')).toBeVisible();
    await page.locator('.related a').first().click();
    await expect(page.locator('main h1')).not.toHaveText(article.headline);
    await expect(page).toHaveURL(new RegExp(`${site.base}/articles/`));
    expect(await page.evaluate(() => window.__spa)).toBe('still here');
    // Titles and descriptions follow the route, with one of each; the
    // prerendered head (link previews, structured data) is gone.
    await expect(page.locator('meta[name="description"]')).toHaveCount(1);
    await expect(page.locator('head title')).toHaveCount(1);
    await expect(page).toHaveTitle(`${await page.locator('main h1').textContent()} · Gazette`);
    await expect(page.locator('head [data-page], head meta[property], head script[type="application/ld+json"]')).toHaveCount(0);
    await expect(page.locator('head meta[name=robots]')).toHaveCount(0);

    for (const path of ['/', '/tags/kfor', `/embed/charts/${ARTICLE}/kfor-troops`, `/embed/articles/${ARTICLE}`, '/no/such/page']) {
      await openLive(page, url(path));
      await expect(page.locator('main h1'), path).toBeVisible();
      await page.waitForFunction(() => !document.getElementById('gazette-data') && window.__frames.some((f) => f.started));
    }
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    // The 404 page's own status is the only error the console may report.
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });
}

test('an article embedded on a portal sizes its iframe with the same protocol as charts', async ({ page }) => {
  const origin = 'http://127.0.0.1:4174';
  await page.goto('http://127.0.0.1:4175/');
  await page.evaluate((o) => {
    const frame = document.createElement('iframe');
    frame.src = `${o}/news/embed/articles/kfor-troop-levels-since-1999`;
    frame.title = 'From 50,000 to 3,800: KFOR troop levels since 1999';
    frame.width = '100%';
    frame.height = '800';
    document.getElementById('embed').append(frame);
    const script = document.createElement('script');
    script.src = `${o}/news/embed.js`;
    document.body.append(script);
  }, origin);
  const frame = page.locator('iframe');
  const inner = page.frameLocator('iframe');
  await expect(inner.locator('main h1')).toContainText('From 50,000 to 3,800');
  await expect(inner.locator('.site-header')).toHaveCount(0);
  await expect(inner.locator('.embed-credit a')).toHaveAttribute('target', '_blank');
  const contentHeight = () => page.frames()[1].evaluate(() => document.documentElement.scrollHeight);
  await expect.poll(async () => Number(await frame.getAttribute('height'))).not.toBe(800);
  await expect.poll(async () => Math.abs(Number(await frame.getAttribute('height')) - await contentHeight())).toBeLessThanOrEqual(1);
});

test('a deployment points the app at a CMS on another origin without rebuilding', async ({ page }) => {
  // tests/e2e/nginx.mjs serves a copy of dist/ whose HTML says
  // <meta name="gazette-api" content="http://127.0.0.1:4177/gazette/v1">.
  const fromCms = [];
  const local = [];
  const order = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    order.push(u.pathname);
    if (u.port === '4177') fromCms.push(u.pathname);
    if (u.port === '4176' && u.pathname.startsWith('/api/')) local.push(u.pathname);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The page's embedded data is for the build's own URL, so it is not used.
  await page.goto('http://127.0.0.1:4176/articles/kfor-troop-levels-since-1999');
  await expect.poll(() => fromCms).toContain('/gazette/v1/articles/kfor-troop-levels-since-1999.json');
  await expect(page.locator('main h1')).toContainText('From 50,000 to 3,800');
  // boot.js asked for the route's JSON before the WASM, and the app used
  // that response instead of asking again.
  const json = order.indexOf('/gazette/v1/articles/kfor-troop-levels-since-1999.json');
  const wasm = order.findIndex((p) => p.endsWith('.wasm'));
  expect(wasm).toBeGreaterThan(-1);
  expect(json).toBeLessThan(wasm);
  expect(fromCms).toEqual(['/gazette/v1/articles/kfor-troop-levels-since-1999.json']);
  await page.locator('.related a').first().click();
  await expect.poll(() => fromCms.length).toBe(2);
  await expect(page.locator('main h1')).not.toContainText('From 50,000 to 3,800');
  expect(local).toEqual([]);
  expect(errors).toEqual([]);
});
