// The newsroom loop, measured (BENCHMARKS.md, "Publish to screen"): a real
// WordPress on 4187, `scripts/publish --watch` keeping a copy of
// target/dist-wordpress current, served by the production nginx on 4186
// (tests/e2e/nginx.mjs, started here: ports 4173-4186 must be free), and
// Chromium with the front page open. Five times for each setting, a post is
// inserted at a random moment and the time until the open page shows
// "1 new story" is taken; then what an open page costs per hour when
// nothing changes. Prints figures; asserts nothing.
//   node scripts/bench-live.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { launchChromium } from './lib/site.mjs';

const WP = 'http://127.0.0.1:4187';
const SITE = 'http://127.0.0.1:4186';
const RUNS = 5;
// The defaults (WordPress asked every 10 s, pages check every 20 s), and a
// newsroom that wants breaking news faster.
const SETTINGS = [{ every: 10, poll: 20 }, { every: 2, poll: 5 }];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const nginx = spawn('node', ['tests/e2e/nginx.mjs', '4173', '4174'], { stdio: 'ignore' });
const wordpress = execFileSync('tests/wordpress/start.sh', ['4187'], { encoding: 'utf8' }).trim();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-live-'));
const browser = await launchChromium();
try {
  const env = { ...process.env, WPT_DIR: wordpress, WPT_URL: WP };
  execFileSync('php', ['tests/wordpress/seed.php'], { env });
  console.log('WordPress seeded; the watcher starts for each setting');
  const config = path.join(scratch, 'wordpress.toml');
  fs.writeFileSync(config, fs.readFileSync('sites/wordpress.toml', 'utf8').replace(/^wordpress = .*$/m, `wordpress = "${WP}"`));
  for (const { every, poll } of SETTINGS) {
    const watcher = spawn('scripts/publish', ['--dist', path.resolve('target/nginx/wp-live-site'), '--watch', '--every', String(every)], {
      env: { ...process.env, GAZETTE_CONFIG: config, GAZETTE_REPORT: path.join(scratch, 'report.json') },
    });
    let log = '';
    watcher.stdout.on('data', (d) => { log += d; });
    watcher.stderr.on('data', (d) => { log += d; });
    while (!/watching /.test(log)) {
      if (watcher.exitCode !== null) throw new Error(`the watcher stopped: ${log}`);
      await sleep(200);
    }
    const page = await browser.newPage();
    // The page is told this setting (an open page reads it from its HTML).
    await page.route(`${SITE}/`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/data-poll="\d+"/, `data-poll="${poll}"`);
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    });
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${SITE}/`);
      await page.evaluate(() => document.querySelector('a[href]').dispatchEvent(new PointerEvent('pointerover', { bubbles: true })));
      await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
      // A moment at random in both cycles, as an editor would press Publish.
      await sleep(Math.random() * Math.max(every, poll) * 1000);
      const started = Date.now();
      execFileSync('php', ['tests/wordpress/seed.php', 'new', `Bench story ${every}-${poll}-${run}`], { env });
      await page.locator('.live-notice button').waitFor({ timeout: 120_000 });
      times.push((Date.now() - started) / 1000);
    }
    console.log(`--every ${every}, poll_seconds ${poll}: wp_insert_post → notice, median ${median(times).toFixed(1)} s, worst ${Math.max(...times).toFixed(1)} s (${times.map((t) => t.toFixed(1)).join(', ')})`);

    // What an open page costs while nothing changes: its checks for a while.
    const checks = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname !== '/api/v1/index.json') return;
      const sizes = await response.request().sizes().catch(() => null);
      if (sizes) checks.push({ status: response.status(), down: sizes.responseHeadersSize + sizes.responseBodySize, up: sizes.requestHeadersSize });
    });
    await page.goto(`${SITE}/`);
    await page.evaluate(() => document.querySelector('a[href]').dispatchEvent(new PointerEvent('pointerover', { bubbles: true })));
    const until = Date.now() + (5 * poll + 30) * 1000;
    while (checks.length < 4 && Date.now() < until) await sleep(500);
    if (checks.length < 2) throw new Error(`an open page made ${checks.length} checks in ${5 * poll + 30} s`);
    const notModified = checks.filter((c) => c.status === 304);
    const perHour = 3600 / poll;
    const down = median(notModified.map((c) => c.down));
    const up = median(notModified.map((c) => c.up));
    console.log(`  an open page, nothing new: ${perHour} checks an hour; a 304 is ${down} bytes down and ${up} up; the first check reads the listing (${checks[0].down} bytes): ${((checks[0].down + (perHour - 1) * down) / 1024).toFixed(1)} KB down an hour; 10,000 readers: ${(perHour * 10_000).toLocaleString('en')} requests and ${((checks[0].down + (perHour - 1) * down) * 10_000 / 1024 / 1024).toFixed(0)} MB down an hour`);
    await page.close();
    watcher.kill('SIGTERM');
    await new Promise((r) => watcher.on('exit', r));
  }
} finally {
  await browser.close();
  execFileSync('tests/wordpress/stop.sh', [wordpress]);
  nginx.kill('SIGTERM');
  fs.rmSync(scratch, { recursive: true, force: true });
}
