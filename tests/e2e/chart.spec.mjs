// End-to-end: the troop-level chart in an article, by keyboard, and embedded
// on another site.
import { test, expect } from '@playwright/test';
import { openLive } from './navigate.mjs';
import { LABELS } from './journeys.mjs';

const ARTICLE = '/articles/kfor-refrain-from-provocations';

test('keyboard focus reaches every point in order, then the data toggle', async ({ page }) => {
  await openLive(page, ARTICLE);
  await expect(page.locator('.chart svg')).toBeVisible();
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

test('the chart fits a 300 px column with legible text', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await openLive(page, ARTICLE);
  const svg = page.locator('.chart svg');
  await expect(svg).toBeVisible();
  const box = await svg.boundingBox();
  expect(box.width).toBeLessThanOrEqual(300);
  // Drawn in real pixels: the viewBox width equals the displayed width.
  await expect.poll(async () => Number((await svg.getAttribute('viewBox')).split(' ')[2])).toBeCloseTo(box.width, 0);
  const fontSize = await page.locator('.chart .tick-label').first().evaluate((el) => getComputedStyle(el).fontSize);
  expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(12);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

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
  await expect(inner.locator('.chart svg')).toBeVisible();
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
  await expect(page.locator('.chart svg')).toBeVisible();
  await expect(page.locator('.site-header')).toHaveCount(0);
  await expect(page.locator('.site-footer')).toHaveCount(0);
  await expect(page.locator('.embed-credit a')).toHaveAttribute('href', '/articles/kfor-refrain-from-provocations');
  await openLive(page, '/embed/charts/kfor-refrain-from-provocations/no-such-chart');
  await expect(page.locator('main h1')).toHaveText('Page not found');
});
