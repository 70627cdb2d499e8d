// The site a newsroom gets from its WordPress: scripts/test starts a real
// WordPress (tests/wordpress/), seeds it with every supported block, an
// author and tags with diacritics, a featured image, a table marked as a
// chart, an embed, hostile HTML and posts the public must not see, and
// builds sites/wordpress.toml into target/dist-wordpress, served here by
// nginx with the production configuration on 4182.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { clientNavigate, goLive, watchErrors, axeResults } from './navigate.mjs';
import { AXE_TAGS } from './journeys.mjs';

const WP = 'http://127.0.0.1:4182';
const CHART_POST = '/articles/kfors-troop-levels-1999-to-2023';
const PUBLISHED = {
  'kfors-troop-levels-1999-to-2023': 'KFOR’s troop levels, 1999 to 2023',
  'kfor-removes-the-last-barricades-in-northern-kosovo': 'KFOR removes the last barricades in northern Kosovo',
  'kfor-answers-serbias-request': 'KFOR answers Serbia’s request',
  'misija-kfor-a-na-kosovu': 'Мисија КФОР-а на Косову',
  'hostile-markup-saved-by-an-administrator': 'Hostile markup (saved by an administrator)',
  'hostile-markup-saved-by-an-author': 'Hostile markup (saved by an author)',
};
const HIDDEN = ['Password-protected', 'Draft', 'Private', 'Scheduled', 'Secret text', 'must not appear'];

test('every published post is on the site, prerendered and live, and nothing the public may not read is', async ({ page, request }) => {
  const problems = watchErrors(page);
  const index = await (await request.get(`${WP}/api/v1/index.json`)).json();
  expect(Object.fromEntries(index.articles.map((a) => [a.slug, a.headline]))).toEqual(PUBLISHED);
  for (const [slug, headline] of Object.entries(PUBLISHED)) {
    const document = await request.get(`${WP}/api/v1/articles/${slug}.json`);
    expect(document.status()).toBe(200);
    const text = await document.text();
    // The site's time zone (Europe/Belgrade) is kept as the offset.
    expect(JSON.parse(text).published, slug).toMatch(/\+01:00$/);
    for (const hidden of HIDDEN) expect(text, `${slug} mentions ${hidden}`).not.toContain(hidden);
    await page.goto(`${WP}/articles/${slug}`);
    await expect(page.locator('main h1')).toHaveText(headline);
  }
  await goLive(page);
  await expect(page.locator('main h1')).toHaveText(PUBLISHED['hostile-markup-saved-by-an-author']);
  await page.goto(WP);
  for (const hidden of HIDDEN) await expect(page.locator('main')).not.toContainText(hidden);
  for (const slug of ['password-protected-must-not-appear', 'draft-must-not-appear', 'private-must-not-appear', 'scheduled-must-not-appear']) {
    expect((await request.get(`${WP}/articles/${slug}`)).status(), slug).toBe(404);
    expect((await request.get(`${WP}/api/v1/articles/${slug}.json`)).status(), slug).toBe(404);
  }
  expect(problems).toEqual([]);
});

test('a post is rendered block by block: author and tags with diacritics, headings, quotes, lists, a table, an embed as a link', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto(`${WP}${CHART_POST}`);
  for (const state of ['prerendered', 'live']) {
    if (state === 'live') await goLive(page);
    const article = page.locator('article.article');
    await expect(article.locator('.byline'), state).toContainText('Ana Đorđević');
    await expect(article.locator('.kicker'), state).toHaveText('Security');
    await expect(article.locator('.tags a'), state).toHaveText(['KFOR', 'Oružane snage Srbije', 'Priština']);
    await expect(article.locator('.article-body h2'), state).toHaveText(['How the force shrank', 'What the mission does']);
    await expect(article.locator('.article-body strong').first(), state).toHaveText('24 years');
    await expect(article.locator('.article-body a[href="https://europeanwesternbalkans.com/"]'), state).toHaveText('European Western Balkans');
    await expect(article.locator('.quote blockquote'), state).toHaveCount(2);
    await expect(article.locator('.quote figcaption').first(), state).toHaveText('— KFOR officials');
    await expect(article.locator('ul.list li'), state).toHaveCount(2);
    await expect(article.locator('ol.list li'), state).toHaveCount(2);
    // The table: a caption, a header row, two rows, in a region a keyboard can scroll.
    const table = article.getByRole('region', { name: 'Removing the barricades' });
    await expect(table, state).toHaveAttribute('tabindex', '0');
    await expect(table.locator('th'), state).toHaveText(['Date', 'Event']);
    await expect(table.locator('tbody tr'), state).toHaveCount(2);
    await expect(table.locator('tbody tr').first().locator('td'), state).toHaveText(['28 December 2022', 'Decision to remove the barricades in northern Kosovo']);
    // The embed: a link to the video's page, and nothing of YouTube's on ours.
    const card = article.locator('.embed-card a');
    await expect(card, state).toHaveAttribute('href', 'https://www.youtube.com/watch?v=M7lc1UVf-VE');
    await expect(card, state).toContainText('YouTube video');
    await expect(card, state).toContainText('YouTube · www.youtube.com');
    await expect(page.locator('iframe, script[src*="youtube"], script[src*="twitter"]'), state).toHaveCount(0);
  }
  expect(problems).toEqual([]);
});

test('images come from the media library with alt text, dimensions and sizes, copied into the site', async ({ page, request }) => {
  const problems = watchErrors(page);
  await page.goto(`${WP}${CHART_POST}`);
  const images = page.locator('article.article img');
  await expect(images).toHaveCount(2);
  for (const img of await images.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect(img).toHaveAttribute('alt', 'Five bars, each lower than the one before.');
    await expect(img).toHaveAttribute('width', '1024');
    await expect(img).toHaveAttribute('height', '683');
    const src = await img.getAttribute('src');
    expect(src, 'served by the site itself, not the CMS').toMatch(/^\/media\/\d{4}\/\d{2}\/troop-levels-1024x683\.png$/);
    expect(await img.getAttribute('srcset')).toMatch(/-300x200\.png 300w.*-768x512\.png 768w.*troop-levels\.png 1200w/);
    await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth), 'it loads').toBeGreaterThan(0);
  }
  // The featured image's caption, and its credit from the media item's description.
  await expect(page.locator('.lead-image figcaption')).toHaveText('Troop levels from 1999 to 2023, as bars. Illustration: Gazette');
  // A post without a featured image has no lead image, and no empty frame.
  await page.goto(`${WP}/articles/kfor-removes-the-last-barricades-in-northern-kosovo`);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('.lead-image')).toHaveCount(0);
  // Link previews are in the prerendered page: a small card, with no image.
  const html = await (await request.get(`${WP}/articles/kfor-removes-the-last-barricades-in-northern-kosovo`)).text();
  expect(html).toContain('<meta name="twitter:card" content="summary"');
  expect(html).not.toContain('og:image');
  expect(problems).toEqual([]);
});

test('the chart is drawn from the table an editor marked gazette-chart', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto(`${WP}${CHART_POST}`);
  await goLive(page);
  const chart = page.locator('.chart');
  await expect(chart.locator('.chart-title')).toHaveText('KFOR troop levels, 1999–2023');
  await expect(chart.locator('.point')).toHaveCount(5);
  await expect(chart.locator('.point.estimate')).toHaveCount(3);
  await expect(chart).toContainText('Source: KFOR officials, statement to European Western Balkans');
  await chart.getByRole('button', { name: 'Show data' }).click();
  const rows = chart.locator('.chart-table tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('50,000');
  await expect(rows.last()).toContainText('3,800');
  expect(problems).toEqual([]);
});

test('hostile HTML in a post never reaches the page: no script, frame, form, handler or unsafe link', async ({ page }) => {
  const problems = watchErrors(page);
  for (const slug of ['hostile-markup-saved-by-an-administrator', 'hostile-markup-saved-by-an-author']) {
    await page.goto(`${WP}/articles/${slug}`);
    for (const state of ['prerendered', 'live']) {
      if (state === 'live') await goLive(page);
      const body = page.locator('.article-body');
      await expect(body, state).toContainText('Styled text stays, its style and handler go.');
      await expect(body.locator('script, style, iframe, form, input, button, svg, object, marquee, [style], [onclick], [onerror], [onload]'), state).toHaveCount(0);
      await expect(page.locator('a[href^="javascript:" i], a[href^="data:" i], img[src^="javascript:" i]'), state).toHaveCount(0);
      await expect(page.locator('iframe')).toHaveCount(0);
      expect(await page.evaluate(() => document.body.style.display), state).not.toBe('none');
    }
  }
  // Nothing ran: no alert() dialog, no error.
  expect(problems).toEqual([]);
});

test('the build report lists what was dropped from each post, and what was left out', async () => {
  const report = JSON.parse(fs.readFileSync('target/wordpress-report.json', 'utf8'));
  expect(report.site).toBe('http://127.0.0.1:4190');
  const dropped = Object.fromEntries(report.dropped.map((p) => [p.slug, p.dropped]));
  expect(Object.keys(dropped).sort()).toEqual(['hostile-markup-saved-by-an-administrator', 'hostile-markup-saved-by-an-author']);
  const admin = dropped['hostile-markup-saved-by-an-administrator'];
  for (const what of ['<script>', '<iframe>', '<form>', '<style>', 'event attribute onclick', 'event attribute onerror', 'style attribute', 'unsafe link address (text kept)']) {
    expect(admin[what], what).toBeGreaterThan(0);
  }
  expect(report.left_out).toEqual([{ id: expect.any(Number), slug: 'password-protected-must-not-appear', reason: 'password-protected' }]);
});

test('tags lead to their pages, and related posts navigate client-side', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto(`${WP}${CHART_POST}`);
  await goLive(page);
  await page.evaluate(() => { window.stayedInApp = true; });
  await page.locator('.tags a', { hasText: 'Priština' }).click();
  await expect(page).toHaveURL(`${WP}/tags/pristina`);
  await expect(page.locator('main h1')).toContainText('Priština');
  await expect(page.locator('main .teaser-headline')).toHaveText([PUBLISHED['kfors-troop-levels-1999-to-2023'], PUBLISHED['kfor-removes-the-last-barricades-in-northern-kosovo']]);
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText(PUBLISHED['kfors-troop-levels-1999-to-2023']);
  // Related: shared tags first (two tags in common), then the section, newest first.
  const related = page.locator('.related .teaser-headline');
  await expect(related).toHaveText([
    PUBLISHED['kfor-removes-the-last-barricades-in-northern-kosovo'],
    PUBLISHED['kfor-answers-serbias-request'],
    PUBLISHED['misija-kfor-a-na-kosovu'],
  ]);
  await related.last().getByRole('link').click();
  await expect(page).toHaveURL(`${WP}/articles/misija-kfor-a-na-kosovu`);
  await expect(page.locator('main h1')).toHaveText(PUBLISHED['misija-kfor-a-na-kosovu']);
  expect(await page.evaluate(() => window.stayedInApp), 'no page load').toBe(true);
  await clientNavigate(page, '/no-such-post');
  await expect(page.locator('main h1')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a WordPress article has no axe violation, light and dark, phone and desktop', async ({ page }) => {
  for (const [scheme, width] of [['light', 375], ['dark', 1280]]) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${WP}${CHART_POST}`);
    await goLive(page);
    const { violations } = await axeResults(page, AXE_TAGS);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), `${scheme} ${width}`).toEqual([]);
    await page.screenshot({ path: `target/screenshots/wordpress/article-${width}-${scheme}.png`, fullPage: true });
  }
});

test('search finds WordPress posts in either script, and nothing the public may not read', async ({ page }) => {
  const problems = watchErrors(page);
  // What one query finds: the status once it names the query, and the headlines.
  const results = async (query) => {
    await page.goto(`${WP}/search?q=${encodeURIComponent(query)}`);
    await expect(page.locator('.search-status')).toContainText(`“${query}”`);
    await expect(page.locator('[aria-busy]')).toHaveCount(0);
    return {
      status: await page.locator('.search-status').textContent(),
      heads: (await page.locator('.search-result h2').allTextContents()).sort(),
    };
  };
  const kosovo = [PUBLISHED['misija-kfor-a-na-kosovu'], PUBLISHED['kfor-removes-the-last-barricades-in-northern-kosovo']];
  // Cyrillic finds the Latin posts (Kosovo) and the Cyrillic one (Косову, another case).
  for (const query of ['Косово', 'kosovo', 'KOSOVU']) {
    const found = await results(query);
    for (const headline of kosovo) expect(found.heads, query).toContain(headline);
    for (const headline of found.heads) expect(Object.values(PUBLISHED), query).toContain(headline);
  }
  // A tag with diacritics, typed in either script or without them.
  for (const query of ['Vučić', 'vucic', 'Вучић']) {
    expect((await results(query)).heads, query).toContain(PUBLISHED['kfor-answers-serbias-request']);
  }
  // The Cyrillic post's own words, typed in Latin.
  expect((await results('misija')).heads).toEqual([PUBLISHED['misija-kfor-a-na-kosovu']]);
  // Drafts, private, scheduled and protected posts are not in the index.
  for (const query of ['appear', 'secret', 'draft', 'private', 'scheduled', 'password']) {
    expect(await results(query), query).toEqual({ status: `No articles match “${query}”. Check the spelling, or try fewer or other words.`, heads: [] });
  }
  expect(problems).toEqual([]);
});
