// Sections and authors: their pages prerendered and live, the header's
// sections, the links that lead to them, their pagination (the sr-Latn
// sample, two teasers a page, on 4179) and a WordPress site's categories
// and users as sections and authors (target/dist-wordpress on 4182).
import { test, expect } from '@playwright/test';
import { goLive, holdWasm, watchErrors, axeResults } from './navigate.mjs';
import { AXE_TAGS } from './journeys.mjs';

const SR = 'http://127.0.0.1:4179';
const WP = 'http://127.0.0.1:4182';

/** The page's JSON-LD of `type`. */
async function structured(page, type) {
  const all = await page.locator('script[type="application/ld+json"]').allTextContents();
  return all.map((text) => JSON.parse(text)).find((ld) => ld['@type'] === type);
}

test('a section page is the same prerendered and live, and the header keeps its height as the app takes over', async ({ page }) => {
  const errors = watchErrors(page);
  const release = await holdWasm(page);
  await page.goto('/sections/security');
  const seen = async () => ({
    h1: await page.locator('main h1').textContent(),
    kicker: await page.locator('.section-page .kicker').textContent(),
    teasers: await page.locator('.section-page .teaser-headline a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    nav: await page.locator('.section-nav a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('aria-current')])),
    header: await page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height),
  });
  const prerendered = await seen();
  expect(prerendered.h1).toBe('Security');
  expect(prerendered.kicker).toBe('Section · 4 articles');
  expect(prerendered.teasers).toHaveLength(4);
  expect(prerendered.nav).toEqual([['Security', 'page'], ['Data', null]]);
  await expect(page).toHaveTitle('Security: latest articles · Gazette');
  const ld = await structured(page, 'CollectionPage');
  expect(ld).toMatchObject({ name: 'Security', url: expect.stringMatching(/\/sections\/security$/) });
  release();
  await goLive(page);
  expect(await seen()).toEqual(prerendered);
  expect(errors).toEqual([]);
});

test('every article links its section, and lists more of it: older ones, not its related posts', async ({ page, request }) => {
  for (const slug of ['kfor-refrain-from-provocations', 'nato-reexamines-ksf-engagement', 'kfor-troop-levels-since-1999']) {
    const doc = await (await request.get(`/api/v1/articles/${slug}.json`)).json();
    await page.goto(`/articles/${slug}`);
    const kicker = page.locator('.article-header .kicker a');
    await expect(kicker).toHaveAttribute('href', `/sections/${doc.section_slug}`);
    await expect(kicker).toHaveText(doc.section);
    const more = (doc.more_in_section ?? []).map((t) => `/articles/${t.slug}`);
    const related = new Set(doc.related.map((t) => t.slug));
    expect((doc.more_in_section ?? []).some((t) => related.has(t.slug) || t.slug === slug), slug).toBe(false);
    expect((doc.more_in_section ?? []).every((t) => t.published < doc.published), slug).toBe(true);
    expect(await page.locator('.more-in-section .teaser-headline a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), slug).toEqual(more);
    if (more.length) await expect(page.locator('#more-in-section-heading')).toHaveText(`More in ${doc.section}`);
  }
});

test('a long section runs over pages, in the interface language, prerendered and live', async ({ page, request }) => {
  const errors = watchErrors(page);
  const first = await (await request.get(`${SR}/api/v1/sections/security.json`)).json();
  expect(first.section).toEqual({ slug: 'security', name: 'Security' });
  expect(first.pagination).toEqual({ archived: 1, articles: 4 });
  await page.goto(`${SR}/sections/security`);
  await expect(page.locator('.section-page .kicker')).toHaveText('Rubrika · 4 članka');
  // The archive's page counts from the oldest, and says no count: it keeps its bytes as the section grows.
  await page.goto(`${SR}/sections/security/page/1`);
  await expect(page).toHaveTitle('Security: najnoviji članci, strana 1 · Balkanski pregled');
  await expect(page.locator('.section-page .kicker')).toHaveText('Rubrika');
  await expect(page.getByRole('navigation', { name: 'Rubrike' })).toBeVisible();
  await goLive(page);
  await page.locator('.pager a[rel=prev]').click();
  await expect(page).toHaveURL(`${SR}/sections/security`);
  await expect(page.locator('.section-page .teaser')).toHaveCount(2);
  await expect(page).toHaveTitle('Security: najnoviji članci · Balkanski pregled');
  expect(errors).toEqual([]);
});

test('on a phone the sections stay one row, reachable by keyboard, and Enter follows one', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/');
  await goLive(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const rows = await nav.locator('li').evaluateAll((items) => new Set(items.map((li) => li.getBoundingClientRect().top)).size);
  expect(rows).toBe(1);
  // Tab from the search button reaches the first section.
  await page.getByRole('button', { name: 'Search' }).focus();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Security' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('Security');
  await expect(nav.getByRole('link', { name: 'Security' })).toHaveAttribute('aria-current', 'page');
});

test('a WordPress site: categories are sections, users are authors with their description, linked from the byline', async ({ page, request }) => {
  const errors = watchErrors(page);
  const ana = await (await request.get(`${WP}/api/v1/authors/ana-dordevic.json`)).json();
  expect(ana.author).toEqual({ slug: 'ana-dordevic', name: 'Ana Đorđević', about: 'Ana Đorđević is a fictional reporter of this test site, writing on security.' });
  expect(ana.articles.map((a) => a.slug)).toEqual([
    'kfors-troop-levels-1999-to-2023', 'misija-kfor-a-na-kosovu', 'kfor-removes-the-last-barricades-in-northern-kosovo', 'kfor-answers-serbias-request',
    'hostile-markup-saved-by-an-author',
  ]);
  const politics = await (await request.get(`${WP}/api/v1/sections/politics.json`)).json();
  expect(politics.articles.map((a) => a.slug)).toEqual(['misija-kfor-a-na-kosovu', 'kfor-answers-serbias-request']);
  await page.goto(`${WP}/articles/kfors-troop-levels-1999-to-2023`);
  for (const state of ['prerendered', 'live']) {
    if (state === 'live') await goLive(page);
    await expect(page.locator('.byline a'), state).toHaveAttribute('href', '/authors/ana-dordevic');
    await expect(page.locator('.article-header .kicker a'), state).toHaveAttribute('href', '/sections/security');
  }
  await page.locator('.byline a').click();
  await expect(page.locator('main h1')).toHaveText('Ana Đorđević');
  await expect(page).toHaveTitle(/^Articles by Ana Đorđević · /);
  await expect(page.locator('.author-page .about')).toHaveText(ana.author.about);
  await expect(page.locator('.author-page .teaser')).toHaveCount(5);
  // Prerendered, with the profile's structured data and no third party's picture.
  await page.goto(`${WP}/authors/ana-dordevic`);
  const ld = await structured(page, 'ProfilePage');
  expect(ld.mainEntity).toMatchObject({ '@type': 'Person', name: 'Ana Đorđević', description: ana.author.about });
  expect(await page.locator('img[src*="gravatar"], img[src^="http"]').count()).toBe(0);
  // The sitemap lists the new pages.
  const sitemap = await (await request.get(`${WP}/sitemap.xml`)).text();
  for (const path of ['/authors/ana-dordevic', '/sections/politics', '/sections/security']) expect(sitemap).toContain(`${path}</loc>`);
  expect(errors).toEqual([]);
});

for (const scheme of ['light', 'dark']) {
  for (const width of [375, 1280]) {
    test(`axe finds nothing on section and author pages: ${scheme}, ${width} px`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      for (const url of [`${SR}/sections/security/page/1`, `${WP}/authors/ana-dordevic`, `${WP}/sections/politics`]) {
        await page.goto(url);
        await goLive(page);
        const results = await axeResults(page, AXE_TAGS);
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), url).toEqual([]);
      }
    });
  }
}
