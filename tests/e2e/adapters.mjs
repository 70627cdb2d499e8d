// One small browser interface for the journeys every engine runs
// (tests/e2e/journeys.mjs): Playwright's page for Chromium, and
// selenium-webdriver for Firefox ESR and WebKitGTK, which Playwright cannot
// drive here (its own browser builds cannot be downloaded). Each method does
// what a reader does (a real pointer click, a real key press) or reads the
// page; the journeys hold the assertions.
import fs from 'node:fs';
import { animationsFinished } from './navigate.mjs';

const AXE_SOURCE = () => fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

// Collects page errors from inside the page: uncaught errors, rejections and
// console.error. Installed after each navigation (WebDriver has no event
// stream in WebKit), so errors raised while the page loads are seen through
// BiDi in Firefox and the 'pageerror' event in Chromium.
const ERROR_TRAP = () => {
  if (window.__gazetteErrors) return;
  window.__gazetteErrors = [];
  addEventListener('error', (e) => window.__gazetteErrors.push(`error: ${e.message || e.target?.src || e.target?.href}`), true);
  addEventListener('unhandledrejection', (e) => window.__gazetteErrors.push(`rejection: ${e.reason}`));
  const original = console.error.bind(console);
  console.error = (...args) => { window.__gazetteErrors.push(`console.error: ${args.join(' ')}`); original(...args); };
};

/** Playwright (Chromium). */
export function playwrightAdapter(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  return {
    engine: 'chromium',
    async goto(url) { await page.goto(url); await page.evaluate(ERROR_TRAP); },
    eval: (fn, arg) => page.evaluate(fn, arg),
    frameEval: (index, fn, arg) => page.frames()[index + 1].evaluate(fn, arg),
    async click(selector) { await page.locator(selector).first().click(); },
    async key(name) { await page.keyboard.press(name); },
    /** Types into a field, key by key, after what it holds. */
    async type(selector, text) { await page.locator(selector).first().pressSequentially(text); },
    /** Empties a field, then types into it. */
    async fill(selector, text) { await page.locator(selector).first().clear(); await page.locator(selector).first().pressSequentially(text); },
    async back() { await page.goBack(); },
    async forward() { await page.goForward(); },
    async reload() { await page.reload(); await page.evaluate(ERROR_TRAP); },
    url: async () => page.url(),
    async viewport(width, height) { await page.setViewportSize({ width, height }); },
    async screenshot(file) { await page.screenshot({ path: file }); },
    async screenshotOf(selector, file) { await page.locator(selector).first().screenshot({ path: file }); },
    async axe(tags) {
      await page.evaluate(animationsFinished);
      await page.evaluate(AXE_SOURCE());
      return page.evaluate((t) => window.axe.run(document, { runOnly: { type: 'tag', values: t } })
        .then((r) => r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)), tags);
    },
    async errors() {
      const inPage = await page.evaluate(() => window.__gazetteErrors ?? []).catch(() => []);
      return [...errors, ...inPage];
    },
  };
}

/** selenium-webdriver (Firefox ESR, WebKitGTK's MiniBrowser). */
export async function webdriverAdapter(driver, engine) {
  const { By, Key } = await import('selenium-webdriver');
  const errors = [];
  if ((await driver.getCapabilities()).get('webSocketUrl')) {
    const { default: LogInspector } = await import('selenium-webdriver/bidi/logInspector.js');
    const inspector = await LogInspector(driver);
    await inspector.onJavascriptException((e) => errors.push(`exception: ${e.text}`));
    await inspector.onConsoleEntry((e) => { if (e.level === 'error') errors.push(`console.error: ${e.text}`); });
  }
  const run = (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg);
  const keys = { Tab: Key.TAB, Enter: Key.ENTER, ArrowRight: Key.ARROW_RIGHT, Escape: Key.ESCAPE };
  return {
    engine,
    async goto(url) { await driver.get(url); await run(ERROR_TRAP); },
    eval: run,
    async frameEval(index, fn, arg) {
      await driver.switchTo().frame(index);
      try { return await run(fn, arg); } finally { await driver.switchTo().defaultContent(); }
    },
    async click(selector) {
      // Looked up afresh each time: the app re-renders the page it takes over.
      // Element Click scrolls the element into view only if it is not
      // (as a reader would, and as Playwright does): the scroll position is
      // part of what some journeys check.
      await driver.findElement(By.css(selector)).click();
    },
    async key(name) { await driver.actions().sendKeys(keys[name] ?? name).perform(); },
    async type(selector, text) { await driver.findElement(By.css(selector)).sendKeys(text); },
    async fill(selector, text) {
      const field = await driver.findElement(By.css(selector));
      await field.clear();
      await field.sendKeys(text);
    },
    async back() { await driver.navigate().back(); },
    async forward() { await driver.navigate().forward(); },
    async reload() { await driver.navigate().refresh(); await run(ERROR_TRAP); },
    url: () => driver.getCurrentUrl(),
    async viewport(width, height) {
      // The window's outer size; the page's inner width is what matters.
      // (Firefox's window is at least 500 px wide, MiniBrowser's about 450:
      // phone widths are shown in a frame, see journeys.screenshots.)
      await driver.manage().window().setRect({ width, height });
      const inner = await run(() => window.innerWidth);
      if (inner !== width) await driver.manage().window().setRect({ width: width + (width - inner), height });
    },
    async screenshot(file) { fs.writeFileSync(file, await driver.takeScreenshot(), 'base64'); },
    async screenshotOf(selector, file) {
      // The window's screenshot, cropped in the page: WebKitWebDriver's
      // element screenshots come out partly black under Xvfb.
      const shot = await driver.takeScreenshot();
      const cropped = await driver.executeScript(`
        const [selector, png] = arguments;
        const r = document.querySelector(selector).getBoundingClientRect();
        const image = new Image();
        image.src = 'data:image/png;base64,' + png;
        return image.decode().then(() => {
          const scale = image.naturalWidth / window.innerWidth;
          const canvas = Object.assign(document.createElement('canvas'), { width: Math.round(r.width * scale), height: Math.round(r.height * scale) });
          canvas.getContext('2d').drawImage(image, r.left * scale, r.top * scale, canvas.width, canvas.height, 0, 0, canvas.width, canvas.height);
          return canvas.toDataURL('image/png').split(',')[1];
        });`, selector, shot);
      fs.writeFileSync(file, cropped, 'base64');
    },
    async axe(tags) {
      // Run as the driver's own script, not through eval: the page's CSP
      // allows no eval, and WebDriver scripts are not subject to it.
      await driver.executeScript(`${AXE_SOURCE()}; window.axe = axe;`);
      // A returned promise is awaited (WebDriver's execute script).
      await driver.executeScript(`return (${animationsFinished})().then(() => true);`);
      return driver.executeScript(
        `return window.axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
           .then((r) => r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')));`,
        tags,
      );
    },
    async errors() {
      const inPage = await run(() => window.__gazetteErrors ?? []).catch(() => []);
      return [...errors, ...inPage];
    },
  };
}
