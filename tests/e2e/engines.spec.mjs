// The core journeys that every engine runs (journeys.mjs), here in
// Chromium through Playwright; tests/engines/run.mjs runs the same ones in
// Firefox ESR and WebKitGTK over WebDriver.
import { test } from '@playwright/test';
import { playwrightAdapter } from './adapters.mjs';
import { JOURNEYS, screenshots } from './journeys.mjs';

for (const [name, journey] of Object.entries(JOURNEYS)) {
  test(`every engine's journey: ${name}`, async ({ page }) => {
    test.setTimeout(120_000);
    await journey(playwrightAdapter(page));
  });
}

test("every engine's screenshots: front page and article, phone and desktop", async ({ page }) => {
  test.setTimeout(60_000);
  const dir = 'target/screenshots/engines';
  (await import('node:fs')).mkdirSync(dir, { recursive: true });
  await screenshots(playwrightAdapter(page), dir);
});
