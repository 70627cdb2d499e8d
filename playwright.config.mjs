// End-to-end tests: the release builds in Debian's Chromium, served by nginx
// with the production configuration (deploy/nginx/).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/lib/site.mjs';

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
  webServer: [
    {
      // dist/ at / on 4173, target/dist-news under /news/ on 4174.
      command: `node tests/e2e/nginx.mjs ${port} 4174`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
    },
    {
      // The same build behind a server that misbehaves on request (network tests).
      command: 'node tests/e2e/fault-server.mjs dist 4178',
      url: 'http://127.0.0.1:4178/',
      reuseExistingServer: false,
    },
    {
      // Another origin, standing in for a portal that embeds Gazette.
      command: 'node tests/e2e/static-server.mjs tests/e2e/portal 4175',
      url: 'http://127.0.0.1:4175/',
      reuseExistingServer: false,
    },
  ],
});
