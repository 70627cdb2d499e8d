// End-to-end tests: the release builds in Debian's Chromium, served by nginx
// with the production configuration (deploy/nginx/).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/lib/site.mjs';
import { SERVERS } from './tests/e2e/servers.mjs';

const port = 4173;
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A missing or changed accessibility snapshot fails; review and update by hand
  // with `npx playwright test --update-snapshots`.
  updateSnapshots: 'none',
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  webServer: SERVERS.map((server) => ({ ...server, reuseExistingServer: false })),
});
