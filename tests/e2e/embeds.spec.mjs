// End-to-end: what embeds cost the portal that shows them. A portal page on
// another origin (tests/e2e/portal/three-embeds.html) carries a chart and two
// articles with Gazette's embed code. Each embed is prerendered and sizes its
// frame from boot.js, so until its reader reaches for a control it needs no
// app: the code it costs is boot.js, the CSS and the portal's embed.js.
import { test, expect } from '@playwright/test';

const PORTAL = 'http://127.0.0.1:4175/three-embeds.html';
const GAZETTE = 'http://127.0.0.1:4173';
// The code three embeds cost a portal page before any reader interacts, as
// transferred (compressed): issue 13's goal is 10 KB; a ratchet at what is
// reached (6.0 KB since the build drops boot.js's comment lines).
const EMBED_CODE_BUDGET = 7 * 1024;

const isCode = (url) => /\.(js|css|wasm)$/.test(new URL(url).pathname);
const isApp = (url) => /\/gazette-[0-9a-f]+(_bg\.wasm|\.js)$/.test(new URL(url).pathname);

test('three embeds size their frames with no app code, in under 7 KB of code', async ({ page }) => {
  // Tall enough that all three (lazy) frames load at once.
  await page.setViewportSize({ width: 800, height: 4000 });
  const events = [];
  await page.exposeFunction('gazetteHeightSeen', () => events.push({ what: 'height', at: Date.now() }));
  await page.addInitScript(() => {
    addEventListener('message', (e) => e.data?.type === 'gazette:height' && window.gazetteHeightSeen());
  });
  const code = [];
  page.on('request', (r) => isApp(r.url()) && events.push({ what: 'app', at: Date.now(), url: r.url() }));
  page.on('requestfinished', async (r) => {
    if (!r.url().startsWith(GAZETTE) || !isCode(r.url())) return;
    const sizes = await r.sizes();
    const response = await r.response();
    code.push({ url: r.url(), status: response?.status(), bytes: sizes.responseBodySize, encoding: response?.headers()['content-encoding'] });
  });
  await page.goto(PORTAL);
  const frames = page.locator('iframe');
  await expect(frames).toHaveCount(3);
  // Every frame follows its own content's height.
  for (let i = 0; i < 3; i++) {
    await expect.poll(async () => Number(await frames.nth(i).getAttribute('height'))).not.toBe(560);
  }
  for (const frame of page.frames().slice(1)) {
    await frame.locator('main h1, .chart-svg').first().waitFor();
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const element = await frame.frameElement();
    await expect.poll(async () => Number(await element.getAttribute('height'))).toBe(content);
  }
  await page.waitForLoadState('networkidle');
  // Each file once: the frames share the browser's cache (a cached copy
  // reports no body, or less than none).
  const bytes = new Map();
  for (const c of code) bytes.set(c.url, Math.max(bytes.get(c.url) ?? 0, c.bytes));
  const total = [...bytes.values()].reduce((sum, b) => sum + b, 0);
  console.log(`three embeds' code as transferred: ${(total / 1024).toFixed(1)} KB (${[...bytes].map(([url, b]) => `${new URL(url).pathname} ${(b / 1024).toFixed(1)} KB`).join(', ')})`);
  expect(events.filter((e) => e.what === 'app')).toEqual([]);
  expect(code.map((c) => new URL(c.url).pathname).sort()).toEqual(
    expect.arrayContaining(['/boot.js', '/embed.js']),
  );
  // Every answer with a body came compressed. (boot.js is revalidated, not
  // immutable: a frame that asks after another's copy is cached gets a
  // 304, which has no body to compress; CI's slower runs saw one.)
  const bodies = code.filter((c) => c.status !== 304);
  expect(bodies.length, JSON.stringify(code)).toBeGreaterThanOrEqual(3);
  expect(bodies.every((c) => c.encoding === 'br' || c.encoding === 'gzip'), JSON.stringify(code)).toBe(true);
  expect(total).toBeLessThanOrEqual(EMBED_CODE_BUDGET);
  expect(events.filter((e) => e.what === 'height').length).toBeGreaterThanOrEqual(3);

  // A reader who reaches for the chart's controls gets the app in that
  // frame only; its frame was sized long before.
  const chart = page.frames().find((f) => f.url().includes('/embed/charts/'));
  await chart.getByRole('button', { name: 'Show data' }).hover();
  await expect.poll(() => events.filter((e) => e.what === 'app').length).toBeGreaterThanOrEqual(2);
  const firstApp = events.find((e) => e.what === 'app').at;
  const firstHeight = events.find((e) => e.what === 'height').at;
  expect(firstHeight).toBeLessThan(firstApp);
  await chart.locator('html[data-app=live]').waitFor({ state: 'attached' });
  const before = Number(await page.locator('iframe').first().getAttribute('height'));
  await chart.getByRole('button', { name: 'Show data' }).click();
  await expect.poll(async () => Number(await page.locator('iframe').first().getAttribute('height'))).toBeGreaterThan(before + 100);
  const others = page.frames().filter((f) => f.url().includes('/embed/articles/'));
  for (const f of others) expect(await f.locator('html[data-app=live]').count()).toBe(0);
});
