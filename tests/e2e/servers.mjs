// The servers every browser test runs against, for Playwright's webServer
// (playwright.config.mjs) and the WebDriver runner (tests/engines/run.mjs).
export const SERVERS = [
  {
    // dist/ at / on 4173, target/dist-news under /news/ on 4174, with the
    // production nginx configuration (and a CMS deployment on 4176/4177).
    command: 'node tests/e2e/nginx.mjs 4173 4174',
    url: 'http://127.0.0.1:4173/',
  },
  {
    // The same build behind a server that misbehaves on request (network
    // faults), and serves the hostile corpus (fixtures.mjs).
    command: 'node tests/e2e/fault-server.mjs dist 4178',
    url: 'http://127.0.0.1:4178/',
  },
  {
    // Another origin, standing in for a portal that embeds Gazette.
    command: 'node tests/e2e/static-server.mjs tests/e2e/portal 4175',
    url: 'http://127.0.0.1:4175/',
  },
];
