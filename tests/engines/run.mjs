// The core journeys (tests/e2e/journeys.mjs) in the engines Playwright
// cannot drive here: Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver
// and MiniBrowser, under Xvfb), over W3C WebDriver. Starts the same servers
// as the Playwright suite (tests/e2e/servers.mjs), prints each engine's
// results separately, writes screenshots to target/screenshots/engines/, and
// exits non-zero if any journey fails in any engine.
// A browser lost mid-journey (its session gone: MiniBrowser ended once in a CI
// run, during the axe journey, and every later journey failed with it) is
// said, with the end of its driver's log (target/engines/<engine>-<n>.log,
// the browser's output included), and reopened; the journey then runs once
// more. A journey that fails with its browser alive, or loses it twice,
// fails.
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
const LOGS = 'target/engines';

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

// The browser's n-th opening in this run; its driver and the browser write to
// `log`. `close` ends the session and the driver once, however often called
// (after a lost browser, and again by the run's own cleanup if reopening it
// fails).
async function open(engine, n) {
  const log = `${LOGS}/${engine}-${n}.log`;
  const output = fs.openSync(log, 'w');
  let started;
  try {
    started = await start(engine, ['ignore', output, output]);
  } catch (error) {
    fs.closeSync(output);
    throw error;
  }
  let closed = false;
  return {
    driver: started.driver,
    log,
    close: async () => {
      if (closed) return;
      closed = true;
      await started.driver.quit().catch(() => {});
      await started.stop();
      fs.closeSync(output);
    },
  };
}

async function start(engine, stdio) {
  if (engine === 'firefox') {
    if (!fs.existsSync(GECKODRIVER)) throw new Error(`no geckodriver at ${GECKODRIVER} (cargo install geckodriver --locked)`);
    const options = new firefox.Options()
      .setBinary('/usr/bin/firefox-esr')
      .addArguments('-headless')
      .windowSize({ width: 1280, height: 900 })
      .enableBidi();
    const service = new firefox.ServiceBuilder(GECKODRIVER).setStdio(stdio);
    const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    return { driver, stop: () => {} };
  }
  if (engine === 'webkit') {
    if (!process.env.DISPLAY) throw new Error('WebKit needs a display: run under xvfb-run -a');
    const port = 4444 + Math.floor(Math.random() * 1000);
    const service = new remote.DriverService('/usr/bin/WebKitWebDriver', { port, loopback: true, args: [`--port=${port}`], stdio });
    const driver = await new Builder()
      .usingServer(await service.start())
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    await driver.manage().window().setRect({ width: 1280, height: 900 });
    return { driver, stop: () => service.kill() };
  }
  throw new Error(`unknown engine ${engine}`);
}

// Whether the browser still answers (a lost session throws; a hung one
// does not answer in 10 s).
const answers = (driver) =>
  Promise.race([driver.getTitle().then(() => true, () => false), new Promise((r) => setTimeout(r, 10_000, false))]);

const lastLines = (file, n) => {
  const text = fs.readFileSync(file, 'utf8').trimEnd();
  return text ? text.split('\n').slice(-n).join('\n') : '(empty: neither the driver nor the browser wrote anything)';
};

const stopServers = await startServers();
fs.mkdirSync(SHOTS, { recursive: true });
fs.mkdirSync(LOGS, { recursive: true });
const summary = [];
try {
  for (const engine of engines) {
    let opened = 1;
    let browser = await open(engine, opened);
    const caps = await browser.driver.getCapabilities();
    console.log(`\n${engine}: ${caps.get('browserName')} ${caps.get('browserVersion')}`);
    let passed = 0;
    let failed = 0;
    try {
      let b = await webdriverAdapter(browser.driver, engine);
      const steps = [...Object.entries(JOURNEYS), ['screenshots', (b) => screenshots(b, SHOTS)]];
      for (const [name, journey] of steps) {
        for (let attempt = 1; ; attempt++) {
          const t0 = Date.now();
          try {
            await journey(b);
            passed += 1;
            const again = attempt > 1 ? ', run again in a reopened browser' : '';
            console.log(`  ok    ${name === 'screenshots' ? `screenshots in ${SHOTS}/` : name} (${Date.now() - t0} ms${again})`);
            break;
          } catch (error) {
            const lost = !(await answers(browser.driver));
            const message = String(error.message || error.name || error).split('\n').join('\n        ');
            if (lost) {
              console.log(`  LOST  ${name} (${Date.now() - t0} ms): the browser stopped answering (${message}); the end of ${browser.log}:`);
              console.log(`        ${lastLines(browser.log, 15).split('\n').join('\n        ')}`);
              await browser.close();
              browser = await open(engine, ++opened);
              b = await webdriverAdapter(browser.driver, engine);
              if (attempt === 1) continue;
            } else {
              await b.screenshot(`${SHOTS}/${engine}-failed-${name}.png`).catch(() => {});
            }
            failed += 1;
            console.log(`  FAIL  ${name} (${Date.now() - t0} ms)\n        ${message}`);
            break;
          }
        }
      }
    } finally {
      await browser.close();
    }
    const lost = opened > 1 ? `; the browser was lost and reopened ${opened - 1} time(s)` : '';
    console.log(`${engine}: ${passed} passed, ${failed} failed${lost}`);
    summary.push({ engine, passed, failed });
  }
} finally {
  stopServers();
}
const failed = summary.reduce((n, s) => n + s.failed, 0);
const passed = summary.reduce((n, s) => n + s.passed, 0);
console.log(`\nengines (${summary.map((s) => s.engine).join(', ')}): ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || summary.length !== engines.length ? 1 : 0);
