// The core journeys (tests/e2e/journeys.mjs) in the engines Playwright
// cannot drive here: Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver
// and MiniBrowser, under Xvfb), over W3C WebDriver. Starts the same servers
// as the Playwright suite (tests/e2e/servers.mjs), prints each engine's
// results separately, writes screenshots to target/screenshots/engines/, and
// exits non-zero if any journey fails in any engine.
// Usage: node tests/engines/run.mjs [firefox] [webkit]   (WebKit: run under xvfb-run -a)
// Drivers: $GECKODRIVER (else ~/.cargo/bin/geckodriver) and /usr/bin/WebKitWebDriver.
// A driver path is always given, so selenium never tries to download one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';
import { webdriverAdapter } from '../e2e/adapters.mjs';
import { JOURNEYS, screenshots } from '../e2e/journeys.mjs';
import { SERVERS } from '../e2e/servers.mjs';

const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['firefox', 'webkit'];
const GECKODRIVER = process.env.GECKODRIVER || path.join(os.homedir(), '.cargo/bin/geckodriver');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const SHOTS = 'target/screenshots/engines';

async function startServers() {
  const children = SERVERS.map((s) => spawn('sh', ['-c', `exec ${s.command}`], { stdio: ['ignore', 'ignore', 'inherit'] }));
  for (const s of SERVERS) {
    const end = Date.now() + 30_000;
    for (;;) {
      const up = await fetch(s.url).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > end) throw new Error(`server did not start: ${s.command}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return () => children.forEach((c) => c.kill('SIGTERM'));
}

async function open(engine) {
  if (engine === 'firefox') {
    if (!fs.existsSync(GECKODRIVER)) throw new Error(`no geckodriver at ${GECKODRIVER} (cargo install geckodriver --locked)`);
    const options = new firefox.Options()
      .setBinary('/usr/bin/firefox-esr')
      .addArguments('-headless')
      .windowSize({ width: 1280, height: 900 })
      .enableBidi();
    const service = new firefox.ServiceBuilder(GECKODRIVER);
    const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    return { driver, stop: () => {} };
  }
  if (engine === 'webkit') {
    if (!process.env.DISPLAY) throw new Error('WebKit needs a display: run under xvfb-run -a');
    const port = 4444 + Math.floor(Math.random() * 1000);
    const service = new remote.DriverService('/usr/bin/WebKitWebDriver', { port, loopback: true, args: [`--port=${port}`] });
    const driver = await new Builder()
      .usingServer(await service.start())
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    await driver.manage().window().setRect({ width: 1280, height: 900 });
    return { driver, stop: () => service.kill() };
  }
  throw new Error(`unknown engine ${engine}`);
}

const stopServers = await startServers();
fs.mkdirSync(SHOTS, { recursive: true });
const summary = [];
try {
  for (const engine of engines) {
    const { driver, stop } = await open(engine);
    const caps = await driver.getCapabilities();
    console.log(`\n${engine}: ${caps.get('browserName')} ${caps.get('browserVersion')}`);
    let passed = 0;
    let failed = 0;
    try {
      const b = await webdriverAdapter(driver, engine);
      for (const [name, journey] of Object.entries(JOURNEYS)) {
        const t0 = Date.now();
        try {
          await journey(b);
          passed += 1;
          console.log(`  ok    ${name} (${Date.now() - t0} ms)`);
        } catch (error) {
          failed += 1;
          console.log(`  FAIL  ${name} (${Date.now() - t0} ms)\n        ${String(error.message).split('\n').join('\n        ')}`);
          await b.screenshot(`${SHOTS}/${engine}-failed-${name}.png`).catch(() => {});
        }
      }
      try {
        await screenshots(b, SHOTS);
        console.log(`  ok    screenshots in ${SHOTS}/`);
        passed += 1;
      } catch (error) {
        failed += 1;
        console.log(`  FAIL  screenshots\n        ${error.message}`);
      }
    } finally {
      await driver.quit().catch(() => {});
      await stop();
    }
    console.log(`${engine}: ${passed} passed, ${failed} failed`);
    summary.push({ engine, passed, failed });
  }
} finally {
  stopServers();
}
const failed = summary.reduce((n, s) => n + s.failed, 0);
const passed = summary.reduce((n, s) => n + s.passed, 0);
console.log(`\nengines (${summary.map((s) => s.engine).join(', ')}): ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || summary.length !== engines.length ? 1 : 0);
