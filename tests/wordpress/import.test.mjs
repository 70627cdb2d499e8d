// What a newsroom sees when its WordPress cannot be read: each failure
// names the site (and the post, when one post is at fault) and says what
// was wrong, and a failed build leaves the previous output untouched.
// Runs against a real WordPress of its own (tests/wordpress/start.sh, port
// 4191), after scripts/test has built target/dist-wordpress.
// Usage: node --test tests/wordpress/import.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
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

/** The build tool's environment for the configuration in `file` (its
 * report beside it: target/wordpress-report.json is the built site's);
 * `site: true` adds what Trunk gives the site step of a release build. */
const envFor = (file, { site = false } = {}) => ({
  ...process.env, PATH, GAZETTE_CONFIG: file, GAZETTE_REPORT: `${file}.report.json`,
  ...(site ? { TRUNK_PROFILE: 'release', TRUNK_PUBLIC_URL: '/' } : {}),
});

/** `gazette-ingest check` against `wordpress` (the import a build makes,
 * without the renderer): its exit status and what it printed. */
const check = (wordpress) => {
  const file = config(wordpress);
  const run = spawnSync('cargo', ['run', '--quiet', '--package', 'gazette-ingest', '--', 'check'], {
    env: envFor(file), encoding: 'utf8',
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

test('a post that cannot be converted is left out, named by id and slug with what is wrong, and the rest is read', () => {
  const id = php('untitled');
  try {
    const { status, output } = check(site);
    assert.equal(status, 0, output);
    assert.match(output, new RegExp(`${site}: post ${id} \\(no-title-here\\): LEFT OUT, not published: it has no title`), output);
    assert.match(output, /6 articles/, 'the others are read');
  } finally {
    php('delete', id);
  }
  const after = check(site);
  assert.equal(after.status, 0, after.output);
  assert.doesNotMatch(after.output, new RegExp(`post ${id} `), 'said no more once the post is gone');
  assert.match(after.output, /LEFT OUT, not published: password-protected/, 'the protected post is still said to be left out');
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
    env: envFor(file), encoding: 'utf8',
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
  const env = envFor(file, { site: true });
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
    // Published by the cron, its modified date unchanged: only the site's
    // count of published posts tells (two gone, two more).
    php('went-out', 'A scheduled post that went out');
    const output = xtask('publish', published);
    for (const line of [
      'written articles/a-post-published-after-the-build.html',
      'written articles/a-scheduled-post-that-went-out.html',
      'written articles/kfor-answers-serbias-request.html',
      'written api/v1/articles/kfor-answers-serbias-request.json',
      'removed articles/misija-kfor-a-na-kosovu.html',
      'removed articles/hostile-markup-saved-by-an-administrator.html',
      'written feed.xml',
    ]) assert.ok(output.includes(line), `${line} in:\n${output}`);
    const page = fs.readFileSync(path.join(published, 'articles/kfor-answers-serbias-request.html'), 'utf8');
    assert.ok(page.includes('KFOR answers Serbia’s request, edited'));
    assert.ok(!fs.existsSync(path.join(published, 'articles/misija-kfor-a-na-kosovu.html.br')));

    // One post unpublished alone: the count finds which, listing only its group.
    php('unpublish', await idOf('A post published after the build'));
    assert.match(xtask('publish', published), /removed articles\/a-post-published-after-the-build\.html/);

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

/** `cargo run -p <tool> -- ...args` without blocking this process, whose
 * servers (a lying proxy, a host that must never be asked) answer meanwhile. */
const runAsync = (tool, args, env) => new Promise((resolve) => {
  const child = spawn('cargo', ['run', '--quiet', '--package', tool, '--', ...args], { env });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  child.on('close', (status) => resolve({ status, output }));
});

const listen = (handler) => new Promise((resolve) => {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1', () => resolve(server));
});

test('a host that lies about its size fails promptly, naming the host and the limit', async () => {
  for (const pages of ['1000000000000', '5000000']) {
    // A proxy in front of the real WordPress that claims more pages than there are.
    const proxy = await listen(async (req, res) => {
      const answer = await fetch(`${site}${req.url}`, { redirect: 'manual' });
      const headers = {};
      for (const [k, v] of answer.headers) if (!['content-encoding', 'content-length', 'transfer-encoding'].includes(k)) headers[k] = v;
      if (headers['x-wp-totalpages']) headers['x-wp-totalpages'] = pages;
      res.writeHead(answer.status, headers);
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    const address = `http://127.0.0.1:${proxy.address().port}`;
    const file = config(address);
    try {
      const started = Date.now();
      const { status, output } = await runAsync('gazette-ingest', ['check'], envFor(file));
      assert.notEqual(status, 0, output);
      assert.match(output, new RegExp(`${address}: .*claims ${pages} pages of 100 \\(X-WP-TotalPages\\); at most 10000 are read`), output);
      assert.ok(Date.now() - started < 60_000, `failed within a minute (${Date.now() - started} ms)`);
    } finally {
      proxy.close();
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}.report.json`, { force: true });
    }
  }
});

test('hostile uploads, redirects off the host, deep nesting and routine edits never stop the site, and only images are published', async () => {
  // A server standing for an intranet or metadata address: never to be asked.
  let asked = 0;
  const secret = await listen((req, res) => { asked += 1; res.end('SECRET-METADATA'); });
  const ids = JSON.parse(php('hostile-media', `http://127.0.0.1:${secret.address().port}/latest/meta-data/`));
  const file = config(site);
  const report = `${file}.report.json`;
  const env = envFor(file, { site: true });
  const scratch = path.resolve(`target/wordpress-hostile-${crypto.randomUUID()}`);
  const out = path.join(scratch, 'out');
  try {
    trunkOutput('target/dist-wordpress', out);
    const { status, output } = await runAsync('xtask', ['site', out], env);
    assert.equal(status, 0, output);
    assert.equal(asked, 0, 'the host an upload redirected to was never asked');
    assert.doesNotMatch(output, /SECRET|EVIL/);
    assert.ok(!output.split('\n').some((line) => /[\u0000-\u0008\u000b-\u001f]/.test(line)), 'no control characters printed');

    const media = fs.readdirSync(path.join(out, 'media'), { recursive: true }).map(String)
      .filter((f) => fs.statSync(path.join(out, 'media', f)).isFile());
    for (const f of media) assert.match(f, /\.(png|jpe?g|gif|webp|avif)(\.gz|\.br)?$/i, `only raster images under media/: ${f}`);
    for (const name of ['evil.html', 'evil.svg', 'evil.js', '.htaccess', 'fake.png', 'moved.png', 'deleted.png']) {
      assert.ok(!media.some((f) => path.basename(f) === name), `${name} not published`);
    }
    assert.ok(media.some((f) => path.basename(f) === ids.logo_file), `${ids.logo_file} published: ${media}`);
    for (const f of fs.readdirSync(out, { recursive: true }).map(String)) {
      if (fs.statSync(path.join(out, f)).isFile() && !/\.(br|gz|wasm|png)$/.test(f)) {
        assert.doesNotMatch(fs.readFileSync(path.join(out, f), 'utf8'), /EVIL|SECRET/, f);
      }
    }

    const page = (slug) => fs.readFileSync(path.join(out, `articles/${slug}.html`), 'utf8');
    assert.match(page('uploads-that-are-not-images'), /The text of a post with hostile uploads\./);
    assert.match(page('nested-two-hundred-thousand-deep'), /Text at the bottom of the nest\./);
    assert.match(page('a-post-whose-featured-image-file-is-gone'), /The image was deleted on disk\./);
    assert.match(page('a-post-with-a-retina-featured-image'), new RegExp(ids.logo_file.replace('.', '\\.')));
    assert.match(page('video-only'), /youtube\.com\/watch\?v=M7lc1UVf-VE/);

    const posts = JSON.parse(fs.readFileSync(report, 'utf8'));
    const dropped = (id) => Object.keys(posts.dropped.find((p) => p.id === Number(id))?.dropped ?? {}).join('\n');
    assert.deepEqual(posts.left_out.filter((p) => Object.values(ids).includes(p.id)), [], 'no post left out');
    assert.match(dropped(ids.uploads), /image refused.*×|image refused/);
    assert.match(dropped(ids.uploads), /fake\.png: served as "text\/html"/);
    assert.match(dropped(ids.uploads), /deleted\.png: not in the media library \(404\)/);
    assert.match(dropped(ids.uploads), /moved\.png: redirected off the site/);
    assert.match(dropped(ids.gone_featured), /404/);
    assert.match(dropped(ids.video), /no excerpt/);
    assert.match(dropped(ids.nested), /nested more than 512 deep/);
    assert.match(output, /LEFT OUT|dropped/);
  } finally {
    secret.close();
    for (const [key, id] of Object.entries(ids)) if (key !== 'logo_file') php('delete', String(id));
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
    fs.rmSync(report, { force: true });
  }
});
