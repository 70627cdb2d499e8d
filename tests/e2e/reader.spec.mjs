// End-to-end: a reader's journey through the release build.
import { test, expect } from '@playwright/test';
import { clientNavigate, openLive, recordShifts, watchErrors } from './navigate.mjs';

const MAIN = '/articles/kfor-refrain-from-provocations';
const MAIN_HEADLINE = 'KFOR: refrain from provocations and seek solutions through dialogue';

// A slow machine: frames come late, and the reader goes back before the page
// they left has had its frame. The position kept for where they went back to
// waits for that page (it used to be spent on the page being left, while the
// one gone back to was still loading, and the scroll stopped at its end).
for (const late of [150, 400]) {
  test(`back right after a page arrives, with frames ${late} ms late, restores the scroll once the page is back`, async ({ page }) => {
    await openLive(page, MAIN);
    await page.evaluate((ms) => {
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (f) => setTimeout(() => raf(f), ms);
    }, late);
    const related = page.locator('.related');
    await related.scrollIntoViewIfNeeded();
    const scrolledTo = await page.evaluate(() => window.scrollY);
    expect(scrolledTo).toBeGreaterThan(1000);
    await related.getByRole('link', { name: 'KFOR clears the last roadblocks in northern Kosovo' }).click();
    await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
    // The article gone back to arrives after the late frame.
    await page.route(`**/api/v1/articles/kfor-refrain-from-provocations.json`, async (route) => {
      await new Promise((r) => setTimeout(r, late * 2 + 200));
      await route.continue();
    });
    await page.goBack();
    await expect(page.locator('main h1')).toHaveText(MAIN_HEADLINE);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledTo - 5);
    await page.waitForTimeout(late * 2);
    const y = await page.evaluate(() => window.scrollY);
    expect(Math.abs(y - scrolledTo)).toBeLessThan(5);
  });
}

test('front page → article → related post → back → reload → tag → unknown route', async ({ page }) => {
  const errors = watchErrors(page);
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await expect(page).toHaveTitle('Latest news · Gazette');
  await expect(page.locator('.front .teaser')).toHaveCount(5);
  // A marker that survives only if no full page load happens.
  await page.evaluate(() => { window.__spa = 'still here'; });

  await page.getByRole('link', { name: MAIN_HEADLINE }).click();
  await expect(page).toHaveURL(MAIN);
  await expect(page.locator('main h1')).toHaveText(MAIN_HEADLINE);
  await expect(page).toHaveTitle(`${MAIN_HEADLINE} · Gazette`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /^Nearly 24 years into NATO/);
  await expect(page.locator('.byline')).toContainText('European Western Balkans');
  await expect(page.locator('.dateline time')).toHaveAttribute('datetime', '2023-01-20T09:00:00+01:00');
  await expect(page.locator('.dateline time')).toHaveText('20 January 2023');
  await expect(page.locator('.lead-image img')).toHaveAttribute('loading', 'eager');
  await expect(page.locator('.lead-image figcaption')).toContainText('Illustration: Gazette');
  await expect(page.locator('main')).toContainText('Serbian President Aleksandar Vučić');
  await expect(page.locator('.article-body blockquote')).toHaveCount(4);
  await expect(page.locator('.article-body ul.list li')).toHaveCount(3);
  await expect(page.locator('.chart circle.point')).toHaveCount(5);
  await expect(page.locator('.tags a')).toHaveText(['KFOR', 'Kosovo', 'NATO', 'Belgrade–Pristina dialogue']);
  expect(await page.evaluate(() => window.__spa)).toBe('still here');
  // Focus moved to the new page's heading, for screen readers and keyboards.
  await expect(page.locator('main h1')).toBeFocused();

  // Scroll to the related posts and follow one.
  const related = page.locator('.related');
  await related.scrollIntoViewIfNeeded();
  const scrolledTo = await page.evaluate(() => window.scrollY);
  expect(scrolledTo).toBeGreaterThan(1000);
  await related.getByRole('link', { name: 'KFOR clears the last roadblocks in northern Kosovo' }).click();
  await expect(page).toHaveURL('/articles/kfor-clears-last-barricades');
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => window.__spa)).toBe('still here');

  // Back: the previous article, at the place the reader left it.
  await page.goBack();
  await expect(page).toHaveURL(MAIN);
  await expect(page.locator('main h1')).toHaveText(MAIN_HEADLINE);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledTo - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(scrolledTo + 5);
  // Forward again, then back to the top of the stack.
  await page.goForward();
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');

  // A deep link survives a reload.
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
  expect(await page.evaluate(() => window.__spa)).toBeUndefined();

  // Tag page.
  await page.locator('.tags').getByRole('link', { name: 'EULEX' }).click();
  await expect(page).toHaveURL('/tags/eulex');
  await expect(page.locator('main h1')).toHaveText('EULEX');
  await expect(page).toHaveTitle('EULEX: articles · Gazette');
  await expect(page.locator('.tag-page .teaser')).toHaveCount(1);

  // Unknown route: a real not-found page with a way home.
  await openLive(page, '/no/such/page');
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found · Gazette');
  await page.getByRole('link', { name: 'Go to the front page' }).click();
  await expect(page.locator('main h1')).toHaveText('Latest news');

  // The unknown route's own 404 status is the only error.
  expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
});

test('an unknown article or tag shows not found, not a blank page', async ({ page }) => {
  const errors = watchErrors(page);
  for (const path of ['/articles/no-such-article', '/tags/no-such-tag', '/articles/..%2F..%2Fetc', '/articles/%22quoted%22']) {
    await openLive(page, path);
    await expect(page.locator('main h1'), path).toHaveText('Page not found');
  }
  // The pages' own statuses (404; 400 where nginx refuses an encoded `../`)
  // and 404s from the data folder are expected; nothing else.
  expect(errors.filter((e) => !e.includes('status of 404') && !e.includes('status of 400'))).toEqual([]);
});

test('a slug that is not a slug never reaches the network', async ({ page }) => {
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await openLive(page, '/articles/..%2F..%2Fetc%2Fpasswd');
  await expect(page.locator('main h1')).toHaveText('Page not found');
  expect(requested.filter((p) => p.includes('/api/'))).toEqual([]);
});

// A page loaded from the server arrives with its data (prerendered); these
// tests start on another page and navigate, so the data goes over the network.
test('a failed request shows an error with a retry that recovers', async ({ page }) => {
  let failing = true;
  await page.route('**/api/v1/articles/*.json', (route) => (failing ? route.abort('failed') : route.continue()));
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await clientNavigate(page, MAIN);
  await expect(page.locator('main h1')).toHaveText('Something went wrong');
  await expect(page.locator('.error-state')).toContainText('could not reach the server');
  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('main h1')).toHaveText(MAIN_HEADLINE);
});

test('a server error says so and offers a retry', async ({ page }) => {
  await page.route('**/api/v1/index.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await openLive(page, '/tags/kfor');
  await expect(page.locator('main h1')).toContainText('KFOR');
  await clientNavigate(page, '/');
  await expect(page.locator('.error-state')).toContainText('error 503');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('a late response for a page the reader has left is never shown', async ({ page }) => {
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  // Hold the first article's data back until after the second has shown.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/articles/kfor-troop-levels-since-1999.json', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.getByRole('link', { name: /From 50,000 to 3,800/ }).click();
  await expect(page.locator('.loading')).toBeVisible();
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await page.getByRole('link', { name: 'KFOR clears the last roadblocks in northern Kosovo' }).click();
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
  release();
  await page.waitForTimeout(300);
  await expect(page.locator('main h1')).toHaveText('KFOR clears the last roadblocks in northern Kosovo');
  await expect(page).toHaveURL('/articles/kfor-clears-last-barricades');
});

// The page's view stays mounted while the next document loads
// (pages::fetched, decision 0016): the previous article must be out of sight
// and out of the accessibility tree under the placeholder.
test('while the next article loads, only the placeholder shows; the previous one is hidden from sight and from assistive technology', async ({ page }) => {
  const errors = watchErrors(page);
  await openLive(page, '/articles/kfor-troop-levels-since-1999');
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(`**/api/v1${MAIN}.json`, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.locator('.related a').filter({ hasText: MAIN_HEADLINE }).click();
  await expect(page.locator('.loading')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(page.getByRole('figure')).toHaveCount(0);
  for (const selector of ['main h1', '.chart', '.related']) await expect(page.locator(selector).first(), selector).toBeHidden();
  const box = await page.locator('.loading').boundingBox();
  expect(box.y, 'the placeholder is where the page starts').toBeLessThan(150);
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MAIN_HEADLINE);
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.locator('main h1')).toBeVisible();
  expect(errors).toEqual([]);
});

test('content arriving after a slow response does not shift the layout', async ({ page }) => {
  await openLive(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await page.route('**/api/v1/articles/*.json', async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });
  await clientNavigate(page, MAIN);
  await expect(page.locator('.loading')).toBeVisible();
  await expect(page.locator('main h1')).toHaveText(MAIN_HEADLINE);
  await page.evaluate(recordShifts);
  await page.waitForTimeout(200);
  const shifts = await page.evaluate(() => window.shifts);
  const shift = shifts.reduce((total, s) => total + s.value, 0);
  console.log(`cumulative layout shift, article after a 600 ms response: ${shift.toFixed(4)}`);
  expect(shift, JSON.stringify(shifts)).toBeLessThan(0.1);
});

test('the app follows only its own links; the rest are the browser\'s', async ({ page, context }) => {
  await openLive(page, 'http://127.0.0.1:4174/news/articles/kfor-troop-levels-since-1999');
  await page.evaluate(() => { window.__samePage = true; });
  const samePage = () => page.evaluate(() => window.__samePage === true);
  // A link of the app's: followed in the page.
  await page.locator('.related a').first().click();
  await expect(page).toHaveURL(/\/news\/articles\/kfor-refrain-from-provocations$/);
  expect(await samePage()).toBe(true);
  // A modified click opens a new tab, as the reader asked; this page stays.
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page.locator('.related a').first().click({ modifiers: ['Control'] }),
  ]);
  await tab.close();
  await expect(page).toHaveURL(/kfor-refrain-from-provocations$/);
  expect(await samePage()).toBe(true);
  // The skip link is an anchor in the page.
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/kfor-refrain-from-provocations#main$/);
  expect(await samePage()).toBe(true);
  // Back and forward move within the app.
  await page.goBack();
  await page.goBack();
  await expect(page.locator('main h1')).toContainText('From 50,000 to 3,800');
  expect(await samePage()).toBe(true);
  // A link outside the deployment's base path is a page load.
  await page.evaluate(() => {
    const a = Object.assign(document.createElement('a'), { href: '/elsewhere', textContent: 'out' });
    a.id = 'out';
    document.querySelector('main').append(a);
  });
  await page.locator('#out').click();
  await expect(page).toHaveURL('http://127.0.0.1:4174/elsewhere');
  expect(await page.evaluate(() => window.__samePage === undefined)).toBe(true);
});
