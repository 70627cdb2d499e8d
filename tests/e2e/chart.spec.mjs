// End-to-end: the troop-level chart in an article, by keyboard, and embedded
// on another site.
import { test, expect } from '@playwright/test';
import { openLive } from './navigate.mjs';
import { LABELS } from './journeys.mjs';

const ARTICLE = '/articles/kfor-refrain-from-provocations';

test('keyboard focus reaches every point in order, then the data toggle', async ({ page }) => {
  await openLive(page, ARTICLE);
  await expect(page.locator('.chart-svg')).toBeVisible();
  // Start from the link just before the chart in reading order.
  await page.getByRole('link', { name: 'Read more on the KSF\'s mandate' }).focus();
  const seen = [];
  for (let i = 0; i < LABELS.length; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')));
    await expect(page.locator('.chart .tooltip')).toContainText(LABELS[i].split(': ')[1]);
  }
  expect(seen).toEqual(LABELS);
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Show data');
  await page.keyboard.press('Enter');
  await expect(page.locator('.chart-table tbody tr')).toHaveCount(5);
  await expect(page.locator(':focus')).toHaveText('Hide data');
});

// One drawing for every width, legible without the app: measured on the
// prerendered page as a reader sees it before (or without) the app, and again
// once the app has drawn it.
for (const width of [320, 360, 375, 390, 414, 1280]) {
  test(`at ${width} px the chart fills its reserved height with legible, separate labels`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const live of [false, true]) {
      if (live) await openLive(page, ARTICLE);
      else await page.goto(ARTICLE);
      const svg = page.locator('.chart-svg');
      await expect(svg).toBeVisible();
      const drawn = await svg.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const frame = el.parentElement.getBoundingClientRect();
        const inside = el.getBBox(); // what is drawn, in the SVG's own pixels
        const labels = [...el.querySelectorAll('.tick-label')]
          .filter((t) => getComputedStyle(t).display !== 'none')
          .map((t) => t.getBoundingClientRect());
        return {
          live: document.documentElement.dataset.app === 'live',
          height: box.height,
          frameHeight: frame.height,
          drawnTop: inside.y,
          drawnBottom: inside.y + inside.height,
          axis: el.querySelector('line.axis').getBoundingClientRect().width,
          width: box.width,
          labels: labels.map((r) => ({ left: r.left, right: r.right, top: r.top, height: r.height })),
        };
      });
      expect(drawn.live).toBe(live);
      // The reserved height is what is drawn: 300 px, used top to bottom.
      expect(drawn.height).toBe(300);
      expect(drawn.frameHeight).toBe(300);
      expect(drawn.drawnTop).toBeLessThan(15);
      expect(drawn.drawnBottom).toBeGreaterThan(285);
      expect(drawn.axis).toBeCloseTo(drawn.width, 0);
      // Every label shown is at least 11 px tall (drawn at 12 px, never
      // scaled), and no two on the same line overlap.
      expect(drawn.labels.length).toBeGreaterThanOrEqual(6);
      for (const label of drawn.labels) expect(label.height).toBeGreaterThanOrEqual(11);
      const rows = new Map();
      for (const l of drawn.labels) rows.set(Math.round(l.top), [...(rows.get(Math.round(l.top)) ?? []), l]);
      for (const row of rows.values()) {
        const sorted = row.sort((a, b) => a.left - b.left);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i].left).toBeGreaterThan(sorted[i - 1].right);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  });
}

test('an embed on another site sizes its iframe to the chart', async ({ page, baseURL }) => {
  await openLive(page, ARTICLE);
  await page.locator('.chart').getByRole('button', { name: 'Embed' }).click();
  const code = await page.locator('.embed-panel textarea').inputValue();
  expect(code).toContain(`${baseURL}/embed/charts/kfor-refrain-from-provocations/kfor-troops`);
  expect(code).toContain(`<script src="${baseURL}/embed.js" async></script>`);
  expect(code).toContain('height="560"');

  // A portal page on another origin; the editor pastes the code into it.
  await page.goto('http://127.0.0.1:4175/');
  await page.evaluate((html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    const target = document.getElementById('embed');
    for (const node of Array.from(template.content.children)) {
      if (node.tagName === 'SCRIPT') {
        // Scripts parsed by innerHTML do not run; recreate it as the parser would.
        const script = document.createElement('script');
        script.src = node.src;
        script.async = true;
        target.append(script);
      } else {
        target.append(node);
      }
    }
  }, code);
  const frame = page.locator('iframe');
  const inner = page.frameLocator('iframe');
  await expect(inner.locator('.chart-svg')).toBeVisible();
  const contentHeight = async () => page.frames()[1].evaluate(() => document.documentElement.scrollHeight);
  await expect.poll(async () => Number(await frame.getAttribute('height'))).not.toBe(560);
  expect(Math.abs(Number(await frame.getAttribute('height')) - await contentHeight())).toBeLessThanOrEqual(1);

  // The frame follows the content when it grows.
  const before = Number(await frame.getAttribute('height'));
  await inner.getByRole('button', { name: 'Show data' }).click();
  await expect.poll(async () => Number(await frame.getAttribute('height'))).toBeGreaterThan(before + 100);
  expect(Math.abs(Number(await frame.getAttribute('height')) - await contentHeight())).toBeLessThanOrEqual(1);

  // Messages from any other origin, or malformed ones, are ignored.
  const settled = Number(await frame.getAttribute('height'));
  await page.evaluate(() => {
    window.postMessage({ type: 'gazette:height', height: 10 }, '*');
  });
  await page.frames()[1].evaluate(() => {
    parent.postMessage({ type: 'gazette:height', height: 'huge' }, '*');
    parent.postMessage({ type: 'gazette:height', height: 1e9 }, '*');
    parent.postMessage('gazette:height 10', '*');
  });
  await page.waitForTimeout(200);
  expect(Number(await frame.getAttribute('height'))).toBe(settled);
});

test('the embed page is chrome-less and links back to its article', async ({ page }) => {
  await openLive(page, '/embed/charts/kfor-refrain-from-provocations/kfor-troops');
  await expect(page.locator('.chart-svg')).toBeVisible();
  await expect(page.locator('.site-header')).toHaveCount(0);
  await expect(page.locator('.site-footer')).toHaveCount(0);
  await expect(page.locator('.embed-credit a')).toHaveAttribute('href', '/articles/kfor-refrain-from-provocations');
  await openLive(page, '/embed/charts/kfor-refrain-from-provocations/no-such-chart');
  await expect(page.locator('main h1')).toHaveText('Page not found');
});
