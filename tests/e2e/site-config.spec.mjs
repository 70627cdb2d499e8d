// A newsroom's own site from gazette.toml alone: the second sample site
// (sites/sr-latn.toml, built into target/dist-sr, served on 4179) has another
// name, tagline, footer, language, logo and theme than the sample (dist/, 4173),
// from the same code. Prerendered and live pages agree, and axe finds nothing.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { clientNavigate, goLive, axeResults, recordShifts } from './navigate.mjs';

const SR = 'http://127.0.0.1:4179';
const ARTICLE = '/articles/kfor-troop-levels-since-1999';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Computed colours as the browser reports them.
const rgb = (hex) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};
const styles = (page) => page.evaluate(() => {
  const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
  return {
    background: css('body', 'backgroundColor'),
    text: css('body', 'color'),
    accent: css('.site-name', 'color'),
    link: css('.tags a, .article-body a, a.tag', 'color'),
    heading: css('h1', 'fontFamily'),
    body: css('.article-body p', 'fontFamily'),
  };
});

const SAMPLE_THEME = {
  light: { background: '#fbfaf7', text: '#1b1b1b', accent: '#8a1c1c', link: '#0b5394' },
  dark: { background: '#16181c', text: '#e9e6df', accent: '#ff8a80', link: '#8cc4ff' },
  heading: /Charter/, body: /Charter/,
};
const PREGLED_THEME = {
  light: { background: '#ffffff', text: '#202124', accent: '#0f5c4a', link: '#5a2d82' },
  dark: { background: '#121417', text: '#f1f1f1', accent: '#7fd1b9', link: '#d0b3ff' },
  heading: /^Georgia/, body: /^system-ui/,
};
// CLDR's integer rules, written out again here: English and Albanian
// one/other; Serbian one/few/other.
const oneOther = (n) => (n === 1 ? 0 : 2);
const serbian = (n) => (n % 10 === 1 && n % 100 !== 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14) ? 1 : 2);

const SITES = [
  {
    name: 'the sample site (gazette.toml)', origin: 'http://127.0.0.1:4173', title: 'Gazette', lang: 'en',
    tagline: 'News and analysis', logo: null, ...SAMPLE_THEME,
    ui: { skip: 'Skip to content', related: 'Related posts', published: 'Published 21 January 2023', show: 'Show data', tick: '50,000',
      tagTitle: 'KFOR: articles', topic: 'Topic', articles: ['article', 'articles', 'articles'], plural: oneOther },
  },
  {
    name: 'the Serbian (Latin) site (sites/sr-latn.toml)', origin: SR, title: 'Balkanski pregled', lang: 'sr-Latn',
    tagline: 'Vesti i analize', logo: 'Balkanski pregled', ...PREGLED_THEME,
    ui: { skip: 'Pređi na sadržaj', related: 'Povezani članci', published: 'Objavljeno 21. januar 2023.', show: 'Prikaži podatke', tick: '50.000',
      tagTitle: 'KFOR: članci', topic: 'Tema', articles: ['članak', 'članka', 'članaka'], plural: serbian },
  },
  {
    name: 'the Serbian (Cyrillic) site (sites/sr-cyrl.toml)', origin: 'http://127.0.0.1:4180', title: 'Балкански преглед', lang: 'sr-Cyrl',
    tagline: 'Вести и анализе', logo: null, ...PREGLED_THEME,
    ui: { skip: 'Пређи на садржај', related: 'Повезани чланци', published: 'Објављено 21. јануар 2023.', show: 'Прикажи податке', tick: '50.000',
      tagTitle: 'KFOR: чланци', topic: 'Тема', articles: ['чланак', 'чланка', 'чланака'], plural: serbian },
  },
  {
    name: 'the Albanian site (sites/sq.toml)', origin: 'http://127.0.0.1:4181', title: 'Gazeta', lang: 'sq',
    tagline: 'Lajme dhe analiza', logo: null, ...SAMPLE_THEME,
    ui: { skip: 'Kalo te përmbajtja', related: 'Artikuj të ngjashëm', published: 'Publikuar 21 janar 2023', show: 'Shfaq të dhënat', tick: '50\u00a0000',
      tagTitle: 'KFOR: artikuj', topic: 'Tema', articles: ['artikull', 'artikuj', 'artikuj'], plural: oneOther },
  },
];

for (const site of SITES) {
  test(`${site.name}: its name, language, words, logo and theme, prerendered and live, with no axe violation`, async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${site.origin}${ARTICLE}`);
      for (const state of ['prerendered', 'live']) {
        if (state === 'live') await goLive(page);
        await expect(page.locator('html'), state).toHaveAttribute('lang', site.lang);
        await expect(page.getByRole('banner').getByRole('link', { name: site.title, exact: true }), state).toHaveAttribute('href', '/');
        await expect(page.locator('.site-tagline'), state).toHaveText(site.tagline);
        await expect(page).toHaveTitle(new RegExp(` · ${site.title}$`));
        if (site.logo) {
          await expect(page.locator('.site-logo'), state).toHaveAttribute('alt', site.logo);
          await expect.poll(() => page.locator('.site-logo').evaluate((img) => img.naturalWidth), 'the logo loads').toBeGreaterThan(0);
          // Its dark-scheme version in the dark scheme.
          expect(await page.locator('.site-logo').evaluate((img) => img.currentSrc)).toMatch(scheme === 'dark' ? /logo-pregled-dark\.svg$/ : /logo-pregled\.svg$/);
        } else {
          await expect(page.locator('.site-logo')).toHaveCount(0);
        }
        // The interface speaks the site's language, the same before and after the app.
        await expect(page.locator('.skip-link'), state).toHaveText(site.ui.skip);
        await expect(page.locator('#related-heading'), state).toHaveText(site.ui.related);
        await expect(page.locator('.dateline'), state).toContainText(site.ui.published);
        await expect(page.locator('.chart-actions button').first(), state).toHaveText(site.ui.show);
        await expect(page.locator('.chart .tick-label').filter({ hasText: site.ui.tick }), state).toHaveCount(1);
        // The article's own language stays on its content.
        await expect(page.locator('article.article')).toHaveAttribute('lang', 'en');
        const colours = site[scheme];
        const got = await styles(page);
        expect(got.background, `${scheme} ${state} background`).toBe(rgb(colours.background));
        expect(got.text, `${scheme} ${state} text`).toBe(rgb(colours.text));
        expect(got.accent, `${scheme} ${state} accent`).toBe(rgb(colours.accent));
        expect(got.link, `${scheme} ${state} link`).toBe(rgb(colours.link));
        expect(got.heading).toMatch(site.heading);
        expect(got.body).toMatch(site.body);
        const { violations } = await axeResults(page, TAGS);
        expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), `${scheme} ${state}`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 375, height: 800 });
    fs.mkdirSync('target/screenshots/languages', { recursive: true });
    await page.screenshot({ path: `target/screenshots/languages/article-${site.lang}-375.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `target/screenshots/languages/article-${site.lang}-1280.png` });
    // Client-side navigation keeps the site's name in every title; a count
    // takes the language's plural form.
    const listing = await (await page.request.get(`${site.origin}/api/v1/tags/kfor.json`)).json();
    const tagged = listing.pagination?.articles ?? listing.articles.length;
    await clientNavigate(page, '/tags/kfor');
    await expect(page.locator('main h1')).toHaveText('KFOR');
    await expect(page).toHaveTitle(`${site.ui.tagTitle} · ${site.title}`);
    const countText = `${site.ui.topic} · ${tagged} ${site.ui.articles[site.ui.plural(tagged)]}`;
    await expect(page.locator('.tag-page .kicker')).toHaveText(countText);
    // The prerendered tag page says the same.
    const prerendered = await (await page.request.get(`${site.origin}/tags/kfor`)).text();
    expect(prerendered.replace(/<[^>]*>/g, '')).toContain(countText);
    // Print keeps black on white whatever the theme.
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(errors).toEqual([]);
  });
}

test('the second site\'s feed and link previews carry its own name', async ({ request }) => {
  const feed = await (await request.get(`${SR}/feed.xml`)).text();
  expect(feed).toContain('<title>Balkanski pregled</title>');
  const html = await (await request.get(`${SR}${ARTICLE}`)).text();
  expect(html).toContain('<meta property="og:site_name" content="Balkanski pregled"');
  expect(html).toContain('"publisher":{"@type":"Organization","name":"Balkanski pregled"}');
});

// A logo arriving late moves nothing: the header keeps its room from the
// size the configuration gives, and that size is the file's own shape.
for (const scheme of ['light', 'dark']) {
  test(`a logo that arrives a second late moves nothing beside it (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.addInitScript(recordShifts);
    await page.route('**/images/logo-pregled*.svg', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.goto(`${SR}/`);
    const logo = page.locator('.site-logo');
    await expect.poll(() => logo.evaluate((img) => img.naturalWidth), 'the logo loads').toBeGreaterThan(0);
    await goLive(page);
    // A frame after it arrived, so a shift it caused is reported.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.evaluate(() => window.shifts)).toEqual([]);
    const { declared, natural } = await logo.evaluate((img) => ({
      declared: img.getAttribute('width') / img.getAttribute('height'),
      natural: img.naturalWidth / img.naturalHeight,
    }));
    expect(declared).toBeCloseTo(natural, 3);
  });
}
