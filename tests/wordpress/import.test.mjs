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

/** What Trunk leaves for the site step, rebuilt from a built site: its
 * files (the manifest's assets) and the template its pages were made from. */
const trunkOutput = (built, dir) => {
  fs.rmSync(dir, { recursive: true, force: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(built, '.gazette/manifest.json'), 'utf8'));
  for (const [file, entry] of Object.entries(manifest.files)) {
    if (!entry.asset) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(built, file), path.join(dir, file));
  }
  fs.copyFileSync(path.join(built, '.gazette/template.html'), path.join(dir, 'index.html'));
};

/** Every file under `dir` (the build's state included) with its bytes' hash. */
const tree = (dir) => {
  const files = {};
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else files[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return files;
};

test('a publish brings in edited, new, unpublished and deleted posts, and writes what a full build writes', async () => {
  const file = config(site);
  const env = {
    ...process.env, PATH, GAZETTE_CONFIG: file, GAZETTE_REPORT: `${file}.report.json`,
    TRUNK_PROFILE: 'release', TRUNK_PUBLIC_URL: '/',
  };
  const xtask = (...args) => {
    const run = spawnSync('cargo', ['run', '--quiet', '--package', 'xtask', '--', ...args], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    return `${run.stdout}${run.stderr}`;
  };
  const idOf = async (words) => {
    const found = await (await fetch(`${site}/wp-json/wp/v2/posts?search=${encodeURIComponent(words)}&_fields=id`)).json();
    assert.equal(found.length, 1, `one post found for ${words}`);
    return String(found[0].id);
  };
  const scratch = path.resolve(`target/wordpress-publish-${crypto.randomUUID()}`);
  const [published, full] = [path.join(scratch, 'published'), path.join(scratch, 'full')];
  try {
    trunkOutput('target/dist-wordpress', published);
    xtask('site', published);
    assert.match(xtask('publish', published), /0 files written, 0 removed/, 'nothing changed, nothing written');

    php('edit', await idOf('KFOR answers Serbia’s request'), 'KFOR answers Serbia’s request, edited');
    php('unpublish', await idOf('Мисија КФОР-а на Косову'));
    php('delete', await idOf('Hostile markup (saved by an administrator)'));
    php('new', 'A post published after the build');
    const output = xtask('publish', published);
    for (const line of [
      'written articles/a-post-published-after-the-build.html',
      'written articles/kfor-answers-serbias-request.html',
      'written api/v1/articles/kfor-answers-serbias-request.json',
      'removed articles/misija-kfor-a-na-kosovu.html',
      'removed articles/hostile-markup-saved-by-an-administrator.html',
      'written feed.xml',
    ]) assert.ok(output.includes(line), `${line} in:\n${output}`);
    const page = fs.readFileSync(path.join(published, 'articles/kfor-answers-serbias-request.html'), 'utf8');
    assert.ok(page.includes('KFOR answers Serbia’s request, edited'));
    assert.ok(!fs.existsSync(path.join(published, 'articles/misija-kfor-a-na-kosovu.html.br')));

    // The same WordPress, built whole: the same bytes, file for file.
    trunkOutput('target/dist-wordpress', full);
    xtask('site', full);
    const [a, b] = [tree(published), tree(full)];
    const differ = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => a[f] !== b[f]);
    assert.deepEqual(differ, [], 'files that differ from a full build');
    assert.ok(Object.keys(a).length > 100);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.report.json`, { force: true });
  }
});
