// A newsroom's own site from gazette.toml alone: the second sample site
// (sites/sr-latn.toml, built into target/dist-sr, served on 4179) has another
// name, tagline, footer, language, logo and theme than the sample (dist/, 4173),
// from the same code. Prerendered and live pages agree, and axe finds nothing.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { clientNavigate, goLive } from './navigate.mjs';

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

const SITES = [
  {
    name: 'the sample site (gazette.toml)', origin: 'http://127.0.0.1:4173', title: 'Gazette', lang: 'en',
    tagline: 'News and analysis', logo: null,
    light: { background: '#fbfaf7', text: '#1b1b1b', accent: '#8a1c1c', link: '#0b5394' },
    dark: { background: '#16181c', text: '#e9e6df', accent: '#ff8a80', link: '#8cc4ff' },
    heading: /Charter/, body: /Charter/,
  },
  {
    name: 'the Serbian (Latin) site (sites/sr-latn.toml)', origin: SR, title: 'Balkanski pregled', lang: 'sr-Latn',
    tagline: 'Vesti i analize', logo: 'Balkanski pregled',
    light: { background: '#ffffff', text: '#202124', accent: '#0f5c4a', link: '#5a2d82' },
    dark: { background: '#121417', text: '#f1f1f1', accent: '#7fd1b9', link: '#d0b3ff' },
    heading: /^Georgia/, body: /^system-ui/,
  },
];

for (const site of SITES) {
  test(`${site.name}: its name, language, logo and theme, prerendered and live, with no axe violation`, async ({ page }) => {
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
        const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), `${scheme} ${state}`).toEqual([]);
      }
    }
    // Client-side navigation keeps the site's name in every title.
    await clientNavigate(page, '/tags/kfor');
    await expect(page.locator('main h1')).toHaveText('KFOR');
    await expect(page).toHaveTitle(`KFOR: articles · ${site.title}`);
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
