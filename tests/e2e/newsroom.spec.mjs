// The newsroom loop, whole (README, "Run it for a newsroom"): a real
// WordPress on 4187 (tests/wordpress/, seeded like the one the suite built
// target/dist-wordpress from), `scripts/publish --watch --every 2` keeping
// target/nginx/wp-live-site (a copy of that build, whose sites/wordpress.toml
// says `[live] poll_seconds = 5`) current, the production nginx serving it
// on 4186, and Chromium with pages open. An editor publishes, edits and
// unpublishes; WordPress goes down and comes back; the watcher is stopped
// with SIGTERM.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync, spawn } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { goLive, watchErrors, axeResults } from './navigate.mjs';
import { AXE_TAGS } from './journeys.mjs';

const WP_PORT = 4187;
const WP = `http://127.0.0.1:${WP_PORT}`;
const SITE = 'http://127.0.0.1:4186';
const served = path.resolve('target/nginx/wp-live-site');
const NOTICE_WITHIN = 20_000; // --every 2 + a publish + poll_seconds 5, with room

let wordpress; // its temp dir
let scratch;
let watcher; // { process, log, exit }

const wp = (...args) => execFileSync('php', ['tests/wordpress/seed.php', ...args], {
  env: { ...process.env, WPT_DIR: wordpress, WPT_URL: WP }, encoding: 'utf8',
}).trim();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-newsroom-'));
  wordpress = execFileSync('tests/wordpress/start.sh', [String(WP_PORT)], { encoding: 'utf8' }).trim();
  wp();
  const config = path.join(scratch, 'wordpress.toml');
  fs.writeFileSync(config, fs.readFileSync('sites/wordpress.toml', 'utf8').replace(/^wordpress = .*$/m, `wordpress = "${WP}"`));
  const child = spawn('scripts/publish', ['--dist', served, '--watch', '--every', '2'], {
    env: { ...process.env, GAZETTE_CONFIG: config, GAZETTE_REPORT: path.join(scratch, 'report.json') },
  });
  watcher = { process: child, log: '', exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  child.stdout.on('data', (d) => { watcher.log += d; });
  child.stderr.on('data', (d) => { watcher.log += d; });
  await expect.poll(() => watcher.log, { timeout: 230_000 }).toMatch(/watching .* for WordPress every 2 s/);
});

test.afterAll(async () => {
  if (watcher?.process.exitCode === null) watcher.process.kill('SIGKILL');
  if (wordpress) execFileSync('tests/wordpress/stop.sh', [wordpress]);
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test('an editor publishes, edits and unpublishes in WordPress; readers\' open pages say so within seconds', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto(`${SITE}/`);
  await goLive(page);
  const notice = page.locator('.live-notice');

  // Published in WordPress: announced on the open front page.
  const title = 'KFOR says its presence depends on conditions on the ground';
  let started = Date.now();
  const id = wp('new', title);
  await expect(notice.getByRole('button')).toHaveText('1 new story', { timeout: NOTICE_WITHIN });
  console.log(`newsroom: wp_insert_post → notice on the open front page in ${((Date.now() - started) / 1000).toFixed(1)} s (--every 2, poll_seconds 5)`);
  expect(await axeResults(page, AXE_TAGS).then((r) => r.violations.map((v) => v.id))).toEqual([]);
  await notice.getByRole('button').click();
  await expect(page.locator('.teaser-headline').first()).toHaveText(title);
  await page.locator('.teaser-headline a').first().click();
  await expect(page.locator('main h1')).toHaveText(title);

  // Edited: the open article offers the new version.
  started = Date.now();
  wp('edit', id, `${title}, corrected`);
  await expect(notice.getByRole('button')).toHaveText(/^Updated at \d\d:\d\d — show the latest version$/, { timeout: NOTICE_WITHIN });
  console.log(`newsroom: wp_update_post → "Updated" on the open article in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await notice.getByRole('button').click();
  await expect(page.locator('main h1')).toHaveText(`${title}, corrected`);

  // Unpublished: said, the text kept.
  wp('unpublish', id);
  await expect(notice).toHaveText('This article is no longer available. Its text stays here until you leave the page.', { timeout: NOTICE_WITHIN });
  await expect(page.locator('main h1')).toHaveText(`${title}, corrected`);
  expect((await page.request.get(`${SITE}/api/v1/index.json`).then((r) => r.text()))).not.toContain(title);
  expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('WordPress down: the site stays as it was, the watcher says so and retries; back up, publishing resumes by itself', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${SITE}/`);
  await goLive(page);
  const before = await page.request.get(`${SITE}/api/v1/index.json`).then((r) => r.text());
  // The CMS's web server stops (its database stays).
  const php = fs.readFileSync(path.join(wordpress, 'php.pid'), 'utf8').trim();
  execFileSync('sh', ['-c', `pkill -TERM -P ${php}; kill ${php}`]);
  await expect.poll(() => watcher.log, { timeout: 20_000 }).toMatch(/publish failed \(2 in a row\), the site is as it was; trying again in \d+ s/);
  expect(await page.request.get(`${SITE}/api/v1/index.json`).then((r) => r.text())).toBe(before);
  await expect(page.locator('.live-notice')).toBeEmpty();
  // Back, with a post published meanwhile (straight into the database).
  const title = 'KFOR remains ready to act under its UN mandate';
  wp('new', title);
  execFileSync('tests/wordpress/serve.sh', [wordpress]);
  await expect(page.locator('.live-notice').getByRole('button')).toHaveText('1 new story', { timeout: 90_000 });
  expect(watcher.log).toMatch(/published in [\d.]+ s: \d+ files written/);
});

test('SIGTERM stops the watcher within seconds, with status 0', async () => {
  const asked = Date.now();
  watcher.process.kill('SIGTERM');
  expect(await watcher.exit).toEqual({ code: 0, signal: null });
  expect(Date.now() - asked).toBeLessThan(5_000);
  expect(watcher.log).toMatch(/publish: stopped: \d+ cycles, \d+ with changes/);
});
