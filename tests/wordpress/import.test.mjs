// What a newsroom sees when its WordPress cannot be read: each failure
// names the site (and the post, when one post is at fault) and says what
// was wrong, and a failed build leaves the previous output untouched.
// Runs against a real WordPress of its own (tests/wordpress/start.sh, port
// 4191), after scripts/test has built target/dist-wordpress.
// Usage: node --test tests/wordpress/import.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const kit = path.resolve('tests/wordpress');
const port = 4191;
const site = `http://127.0.0.1:${port}`;
let instance;
// The tools where scripts/setup puts them (cargo and trunk in ~/.cargo/bin, wasm-opt from npm).
const PATH = [path.resolve('node_modules/.bin'), path.join(process.env.HOME ?? '', '.cargo/bin'), process.env.PATH].join(':');

const config = (wordpress) => {
  const file = path.resolve(`target/wordpress-test-${crypto.randomUUID()}.toml`);
  const base = fs.readFileSync('sites/wordpress.toml', 'utf8');
  fs.writeFileSync(file, base.replace(/^wordpress = .*$/m, `wordpress = "${wordpress}"`));
  return file;
};

/** `xtask check` against `wordpress`: its exit status and what it printed. */
const check = (wordpress) => {
  const file = config(wordpress);
  // The build tool as Trunk's hook runs it.
  const run = spawnSync('cargo', ['run', '--quiet', '--package', 'xtask', '--', 'check'], {
    // The report goes elsewhere: target/wordpress-report.json is the built site's.
    env: { ...process.env, PATH, GAZETTE_CONFIG: file, GAZETTE_REPORT: `${file}.report.json` }, encoding: 'utf8',
  });
  fs.rmSync(file);
  fs.rmSync(`${file}.report.json`, { force: true });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

const php = (...args) => execFileSync('php', [path.join(kit, 'seed.php'), ...args], {
  env: { ...process.env, WPT_DIR: instance, WPT_URL: site }, encoding: 'utf8',
}).trim();

/** Restarts the instance's PHP server with `env` (WPT_REST_OFF, WPT_NOTICE). */
const serve = (env = {}) => execFileSync(path.join(kit, 'serve.sh'), [instance], { env: { ...process.env, ...env } });

before(() => {
  instance = execFileSync(path.join(kit, 'start.sh'), [String(port)], { encoding: 'utf8' }).trim();
  php();
});

after(() => {
  if (instance) execFileSync(path.join(kit, 'stop.sh'), [instance]);
});

test('the seeded site is read without a problem', () => {
  const { status, output } = check(site);
  assert.equal(status, 0, output);
  assert.match(output, /6 articles/);
});

test('an unreachable WordPress is named and said to be unreachable', () => {
  for (const address of ['http://127.0.0.1:1', 'http://127.0.0.1:9']) {
    const { status, output } = check(address);
    assert.notEqual(status, 0);
    assert.match(output, new RegExp(`${address}: WordPress could not be reached`), output);
  }
});

test('a REST API that refuses or is missing says which, and what to look at', () => {
  try {
    for (const [code, says] of [
      ['401', /the REST API refused to answer \(401: The REST API is disabled on this site\.\); is it disabled or limited to logged-in users/],
      ['403', /the REST API refused to answer \(403/],
      ['404', /no REST API found \(404/],
      ['500', /the REST API answered 500/],
    ]) {
      serve({ WPT_REST_OFF: code });
      const { status, output } = check(site);
      assert.notEqual(status, 0, code);
      assert.match(output, new RegExp(`${site}: `), output);
      assert.match(output, says, output);
    }
  } finally {
    serve();
  }
});

test('an answer that is not WordPress JSON is said to be broken, with how it begins', () => {
  try {
    serve({ WPT_NOTICE: '1' });
    const { status, output } = check(site);
    assert.notEqual(status, 0);
    assert.match(output, /the REST API's answer is not the JSON WordPress sends .*it begins "<br \/>\\n<b>Notice<\/b>/, output);
  } finally {
    serve();
  }
});

test('a post that cannot be converted is named by id and slug, with what is wrong', () => {
  const id = php('untitled');
  try {
    const { status, output } = check(site);
    assert.notEqual(status, 0);
    assert.match(output, new RegExp(`${site}: post ${id} \\(no-title-here\\): it has no title`), output);
  } finally {
    php('delete', id);
  }
  assert.equal(check(site).status, 0, 'the site reads again once the post is gone');
});

test('a failed build leaves the previous output untouched', () => {
  const dist = path.resolve('target/dist-wordpress');
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'scripts/test built target/dist-wordpress first');
  const snapshot = () => {
    const files = fs.readdirSync(dist, { recursive: true }).map(String).sort();
    return files.map((f) => {
      const full = path.join(dist, f);
      return fs.statSync(full).isFile() ? `${f} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}` : `${f}/`;
    }).join('\n');
  };
  // A stage left by an earlier failure of another kind (Trunk keeps it) is not ours to judge.
  fs.rmSync(path.join(dist, '.stage'), { recursive: true, force: true });
  const before = snapshot();
  const file = config('http://127.0.0.1:1');
  const build = spawnSync('trunk', ['build', '--release', '--offline', '--dist', dist], {
    env: { ...process.env, PATH, GAZETTE_CONFIG: file, GAZETTE_REPORT: `${file}.report.json` }, encoding: 'utf8',
  });
  fs.rmSync(file);
  assert.notEqual(build.status, 0, 'the build fails');
  assert.match(`${build.stdout}${build.stderr}`, /http:\/\/127\.0\.0\.1:1: WordPress could not be reached/);
  assert.equal(snapshot(), before, 'not one file added, removed or changed');
});

test('a site whose server does not rewrite /wp-json/ is read through ?rest_route=', () => {
  // As Apache without WordPress's .htaccess rules: /wp-json/… is a 404.
  serve({ WPT_NO_REWRITE: '1' });
  try {
    const wpJson = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `${site}/wp-json/wp/v2/posts`], { encoding: 'utf8' });
    assert.equal(wpJson.stdout, '404');
    const { status, output } = check(site);
    assert.equal(status, 0, output);
    assert.match(output, /6 articles/);
  } finally {
    serve();
  }
});

test('every page of posts is read (100 to a page)', () => {
  php('bulk', '205');
  const { status, output } = check(site);
  assert.equal(status, 0, output);
  assert.match(output, /211 articles/, 'the 6 fixtures and 205 more, over three pages');
});
