// Publishing into a site while it is served (README, "Publishing"): nginx
// serves target/nginx/publish-site (a copy of dist/) with the production
// configuration on 4183; scripts/publish brings in an article added to a
// copy of the content, then its deletion. What changed revalidates, the
// app's files stay immutable and untouched, and a reader whose app is
// already running sees the new article without reloading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { clientNavigate, goLive, watchErrors } from './navigate.mjs';

const SITE = 'http://127.0.0.1:4183';
const served = path.resolve('target/nginx/publish-site');
const SLUG = 'kfor-troop-levels-republished';

/** A copy of the sample content, and a configuration that reads it. */
function scratchContent() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-publish-'));
  const articles = path.join(dir, 'articles');
  fs.cpSync('content/articles', articles, { recursive: true });
  const config = path.join(dir, 'gazette.toml');
  fs.writeFileSync(config, fs.readFileSync('gazette.toml', 'utf8').replace(/^articles = .*$/m, `articles = "${articles}"`));
  return { dir, articles, config };
}

const publish = (config) => execFileSync('scripts/publish', ['--dist', served], {
  env: { ...process.env, GAZETTE_CONFIG: config }, encoding: 'utf8',
});

const headers = async (request, url, etag) => {
  const response = await request.get(`${SITE}${url}`, { headers: etag ? { 'If-None-Match': etag } : {} });
  return { status: response.status(), etag: response.headers().etag, cache: response.headers()['cache-control'] };
};

test('a published article reaches readers without a reload, and only what changed is revalidated', async ({ page, request }) => {
  const errors = watchErrors(page);
  const { dir, articles, config } = scratchContent();
  try {
    const wasm = fs.readdirSync(served).find((f) => f.endsWith('_bg.wasm'));
    const before = {
      front: await headers(request, '/api/v1/index.json'),
      frontBody: await (await request.get(`${SITE}/api/v1/index.json`)).text(),
      frontPage: await headers(request, '/'),
      other: await headers(request, '/api/v1/articles/kfor-clears-last-barricades.json'),
      wasm: await headers(request, `/${wasm}`),
    };
    expect(before.front.cache).toBe('no-cache');
    expect(before.frontPage.cache).toBe('no-cache');
    expect(before.wasm.cache).toBe('public, max-age=31536000, immutable');
    // The build's own state is not served.
    expect((await request.get(`${SITE}/.gazette/manifest.json`)).status()).toBe(404);
    expect((await request.get(`${SITE}/.gazette/template.html`)).status()).toBe(404);

    // A reader is on the site, the app running.
    await page.goto(`${SITE}/articles/kfor-clears-last-barricades`);
    await goLive(page);
    await page.evaluate(() => { window.stayed = true; });

    // The newsroom publishes an article (the samples' troop figures again, under a new name and date).
    const sample = JSON.parse(fs.readFileSync(path.join(articles, 'kfor-troop-levels-since-1999.json'), 'utf8'));
    const headline = 'KFOR’s troop levels since 1999, republished';
    fs.writeFileSync(path.join(articles, `${SLUG}.json`), JSON.stringify({
      ...sample, slug: SLUG, headline, published: '2030-01-01T09:00:00Z', updated: undefined,
      related: ['kfor-clears-last-barricades'],
    }));
    const added = publish(config);
    expect(added).toMatch(/\d+ files written, \d+ removed, \d+ unchanged, in [\d.]+ s/);
    // A new article removes nothing a reader reads but the search shards
    // its words changed: each is named after its bytes, so a changed shard
    // is a new file (decision 0021).
    const removedFiles = added.split('\n').filter((l) => l.trim().startsWith('removed ')).map((l) => l.trim().slice('removed '.length));
    for (const file of removedFiles) expect(file, 'only superseded search shards are removed').toMatch(/^api\/v1\/search\/shards\/[a-z0-9-]+\.json$/);
    expect(added).toContain('written api/v1/search/index.json');
    for (const file of [`articles/${SLUG}.html`, `api/v1/articles/${SLUG}.json`, 'api/v1/index.json', 'index.html', 'feed.xml', 'sitemap.xml']) {
      expect(added).toContain(`written ${file}`);
    }
    expect(added).not.toContain(`written ${wasm}`);

    // The changed documents revalidate to new bytes; the others answer 304; the app's files are as they were.
    expect((await headers(request, '/api/v1/index.json', before.front.etag)).status).toBe(200);
    expect((await headers(request, '/api/v1/articles/kfor-clears-last-barricades.json', before.other.etag)).status).toBe(304);
    const wasmAfter = await headers(request, `/${wasm}`, before.wasm.etag);
    expect([wasmAfter.status, wasmAfter.cache]).toEqual([304, 'public, max-age=31536000, immutable']);
    // The new page: precompressed, and revalidated like every page and document.
    const brotli = await request.get(`${SITE}/articles/${SLUG}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(brotli.status()).toBe(200);
    expect(brotli.headers()['content-encoding']).toBe('br');
    expect(brotli.headers()['cache-control']).toBe('no-cache');
    expect((await headers(request, '/', before.frontPage.etag)).status).toBe(200);

    // The reader, still in the same page, goes to the front page: the new article is there.
    await clientNavigate(page, '/');
    await expect(page.getByRole('link', { name: headline })).toBeVisible();
    await page.getByRole('link', { name: headline }).click();
    await expect(page.locator('main h1')).toHaveText(headline);
    expect(await page.evaluate(() => window.stayed)).toBe(true);

    // Taken down again: its files go, the listings no longer show it.
    fs.rmSync(path.join(articles, `${SLUG}.json`));
    const removed = publish(config);
    expect(removed).toContain(`removed articles/${SLUG}.html`);
    expect((await request.get(`${SITE}/articles/${SLUG}`)).status()).toBe(404);
    expect((await request.get(`${SITE}/api/v1/articles/${SLUG}.json`)).status()).toBe(404);
    await clientNavigate(page, '/tags/kfor');
    await clientNavigate(page, '/');
    await expect(page.locator('.teaser-headline').first()).toBeVisible();
    await expect(page.getByRole('link', { name: headline })).toHaveCount(0);
    expect(await page.evaluate(() => window.stayed)).toBe(true);
    // The same bytes as before the article came and went (a new ETag: nginx's is the file's time and size).
    expect(await (await request.get(`${SITE}/api/v1/index.json`)).text()).toBe(before.frontBody);
    expect(errors).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
