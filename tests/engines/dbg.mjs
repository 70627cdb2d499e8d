import { Builder } from 'selenium-webdriver';
import remote from 'selenium-webdriver/remote/index.js';
import { spawn } from 'node:child_process';
import { webdriverAdapter } from '../e2e/adapters.mjs';
import { openLive, waitFor } from '../e2e/journeys.mjs';
const srv = spawn('node', ['tests/e2e/nginx.mjs', '4173', '4174'], { stdio: 'ignore' });
const srv2 = spawn('node', ['tests/e2e/fault-server.mjs', 'dist', '4178'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const port = 5555;
const service = new remote.DriverService('/usr/bin/WebKitWebDriver', { port, loopback: true, args: [`--port=${port}`] });
const driver = await new Builder().usingServer(await service.start()).withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] } }).build();
const b = await webdriverAdapter(driver, 'webkit');
try {
  if (process.argv[2] === 'scroll') {
    await openLive(b, 'http://127.0.0.1:4173/articles/kfor-refrain-from-provocations');
    console.log('restoration', await b.eval(() => history.scrollRestoration));
    const y = await b.eval(() => { document.querySelector('.related').scrollIntoView(); return scrollY; });
    await new Promise((r) => setTimeout(r, 500));
    await b.click('.related a[href="/articles/kfor-clears-last-barricades"]');
    await waitFor(b, () => document.querySelector('main h1').textContent.includes('clears'), null, 'h1');
    console.log('y before', y, 'after click', await b.eval(() => scrollY));
    await b.eval(() => { window.__log = []; addEventListener('scroll', () => window.__log.push(['scroll', scrollY, location.pathname])); addEventListener('popstate', () => window.__log.push(['pop', scrollY, location.pathname])); });
    await b.back();
    for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 300)); console.log(i, await b.eval(() => [scrollY, location.pathname, document.querySelector('main h1')?.textContent.slice(0, 20), document.documentElement.scrollHeight])); }
    console.log(JSON.stringify(await b.eval(() => window.__log)));
  } else {
    await b.goto('http://127.0.0.1:4178/articles/fault-endless');
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      const t0 = Date.now();
      console.log(i, Date.now() - t0, JSON.stringify(await b.eval(() => [document.readyState, document.documentElement.dataset.app, document.querySelector('main')?.textContent.slice(0, 80), performance.getEntriesByType('resource').map((e) => `${e.name.split('/').pop()}:${e.initiatorType}:${Math.round(e.duration)}`).join(' ')])));
    }
  }
} finally { await driver.quit(); await service.kill(); srv.kill(); srv2.kill(); }
