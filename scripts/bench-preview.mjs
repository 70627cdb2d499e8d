// Preview for editors, measured (BENCHMARKS.md, "Preview"): a real WordPress
// with 10,000 published posts and a draft with a chart, the preview server on
// target/dist-wordpress, and Debian's Chromium opening a Preview link five
// times: how long until the draft's page is drawn (its headline visible), and
// until the app has taken it over. Prints figures; asserts nothing.
//   node scripts/bench-preview.mjs [posts]   (10000 by default)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { launchChromium } from './lib/site.mjs';

const posts = Number(process.argv[2] ?? 10000);
const WP_PORT = 4198;
const WP = `http://127.0.0.1:${WP_PORT}`;
const PREVIEW = 'http://127.0.0.1:4199';
const SECRET = crypto.randomBytes(32).toString('hex');
const RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const link = (post) => {
  const expires = Math.floor(Date.now() / 1000) + 600;
  const token = crypto.createHmac('sha256', SECRET).update(`${post}.${expires}`).digest('hex');
  return `${PREVIEW}/preview/${post}?expires=${expires}&token=${token}`;
};

const wordpress = execFileSync('tests/wordpress/start.sh', [String(WP_PORT)], { encoding: 'utf8' }).trim();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-preview-'));
let server;
try {
  fs.writeFileSync(path.join(wordpress, 'wp-content/mu-plugins/00-app-passwords.php'),
    "<?php add_filter('wp_is_application_passwords_available', '__return_true');\n");
  const env = { ...process.env, WPT_DIR: wordpress, WPT_URL: WP };
  let started = Date.now();
  execFileSync('php', ['tests/wordpress/seed.php', 'bulk', String(posts)], { env });
  console.log(`seeded ${posts} published posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const seeded = JSON.parse(execFileSync('php', ['tests/wordpress/preview-seed.php'], { env, encoding: 'utf8' }));
  const config = path.join(scratch, 'preview.toml');
  fs.writeFileSync(config, fs.readFileSync('sites/wordpress.toml', 'utf8').replace(/^wordpress = .*$/m, `wordpress = "${WP}"`));
  server = spawn('scripts/preview', ['--port', '4199', '--dist', 'target/dist-wordpress'], {
    env: { ...process.env, GAZETTE_CONFIG: config, GAZETTE_PREVIEW_SECRET: SECRET, GAZETTE_WP_USER: 'edna', GAZETTE_WP_APP_PASSWORD: seeded.password },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${PREVIEW}/health`)).ok) break; } catch { /* not yet */ }
    if (i > 600) throw new Error(`the preview server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await launchChromium();
  const drawn = [];
  const live = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    started = performance.now();
    await page.goto(link(seeded.draft));
    await page.locator('main h1').waitFor();
    drawn.push(performance.now() - started);
    await page.evaluate(() => document.querySelector('a[href]')?.dispatchEvent(new PointerEvent('pointerover', { bubbles: true })));
    await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
    live.push(performance.now() - started);
    await page.close();
  }
  await browser.close();
  const made = [...log.matchAll(/made in ([\d.]+) s/g)].map((m) => Number(m[1]) * 1000);
  const f = (xs) => `median ${median(xs).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms`;
  console.log(`WordPress with ${posts + 3} posts; ${RUNS} previews of a draft with a chart`);
  console.log(`  the server made the page (WordPress asked, converted, rendered): ${f(made)}`);
  console.log(`  link opened → the draft's page drawn:                         ${f(drawn)}`);
  console.log(`  link opened → the app live (chart interactive):               ${f(live)}`);
} finally {
  server?.kill('SIGTERM');
  execFileSync('tests/wordpress/stop.sh', [wordpress]);
  fs.rmSync(scratch, { recursive: true, force: true });
}
