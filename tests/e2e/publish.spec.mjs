// Publishing into a site while it is served (README, "Publishing"): nginx
// serves target/nginx/publish-site (a copy of dist/) with the production
// configuration on 4183; scripts/publish brings in an article added to a
// copy of the content, then its deletion. What changed revalidates, the
// app's files stay immutable and untouched, and a reader whose app is
// already running sees the new article without reloading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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

/** Lines a child process prints, as they come; `until(pattern)` waits for one. */
function lines(child) {
  const seen = [];
  let waiting = [];
  const take = (chunk) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      seen.push(line);
      waiting = waiting.filter(([pattern, resolve]) => !(pattern.test(line) && (resolve(line), true)));
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return {
    seen,
    until: (pattern, ms = 20_000) => new Promise((resolve, reject) => {
      const found = seen.find((l) => pattern.test(l));
      if (found) return resolve(found);
      waiting.push([pattern, resolve]);
      setTimeout(() => reject(new Error(`no line ${pattern} within ${ms} ms; saw:\n${seen.join('\n')}`)), ms);
    }),
  };
}

test('publish --watch keeps the served site current by itself, survives bad content, refuses a second watcher and stops on SIGTERM', async ({ request }) => {
  test.setTimeout(120_000);
  const { dir, articles, config } = scratchContent();
  const env = { ...process.env, GAZETTE_CONFIG: config };
  const watcher = spawn('scripts/publish', ['--dist', served, '--watch'], { env });
  const log = lines(watcher);
  const exited = new Promise((resolve) => watcher.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    await log.until(/watching .* for changes in /);
    // A new article file: on the site within seconds, nobody at a shell.
    const sample = JSON.parse(fs.readFileSync(path.join(articles, 'kfor-troop-levels-since-1999.json'), 'utf8'));
    const slug = 'kfor-troop-levels-watched';
    const written = Date.now();
    fs.writeFileSync(path.join(articles, `${slug}.json`), JSON.stringify({
      ...sample, slug, headline: 'KFOR’s troop levels, watched', published: '2030-02-01T09:00:00Z', updated: undefined, related: [],
    }));
    await expect.poll(async () => (await request.get(`${SITE}/api/v1/articles/${slug}.json`)).status(), { timeout: 15_000 }).toBe(200);
    const seconds = (Date.now() - written) / 1000;
    console.log(`publish --watch: a new article file served after ${seconds.toFixed(1)} s`);
    expect(await log.until(/published in [\d.]+ s: \d+ files written, \d+ removed \(articles .*kfor-troop-levels-watched/)).toBeTruthy();

    // A broken file is left out and said, and holds back nothing: an
    // article written beside it is published.
    fs.writeFileSync(path.join(articles, 'broken.json'), '{"version": 1, "slug": ');
    await log.until(/broken\.json: LEFT OUT, not published: EOF while parsing/);
    const beside = 'kfor-troop-levels-beside-a-broken-file';
    fs.writeFileSync(path.join(articles, `${beside}.json`), JSON.stringify({
      ...sample, slug: beside, headline: 'KFOR’s troop levels, beside a broken file', published: '2030-02-02T09:00:00Z', updated: undefined, related: [],
    }));
    await expect.poll(async () => (await request.get(`${SITE}/api/v1/articles/${beside}.json`)).status(), { timeout: 15_000 }).toBe(200);
    expect((await request.get(`${SITE}/api/v1/articles/${slug}.json`)).status()).toBe(200);
    // Said again with every cycle while it is there.
    expect(log.seen.filter((l) => l.includes('broken.json: LEFT OUT')).length).toBeGreaterThanOrEqual(2);
    expect(log.seen.join('\n')).not.toMatch(/publish failed/);
    fs.rmSync(path.join(articles, 'broken.json'));
    fs.rmSync(path.join(articles, `${beside}.json`));
    fs.rmSync(path.join(articles, `${slug}.json`));
    await expect.poll(async () => (await request.get(`${SITE}/api/v1/articles/${slug}.json`)).status(), { timeout: 20_000 }).toBe(404);

    // A second watcher on the same site is refused, and says why.
    const second = spawnSync('scripts/publish', ['--dist', served, '--watch'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain('another publish --watch is already keeping this folder current');

    // SIGTERM: it stops within seconds, cleanly.
    const asked = Date.now();
    watcher.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(log.seen.join('\n')).toMatch(/publish: stopped: \d+ cycles, \d+ with changes/);
  } finally {
    watcher.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
