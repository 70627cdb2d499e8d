// Serves the release builds with Debian's nginx and deploy/nginx/, the way
// production does: dist/ at / on one port, and the build made with
// `--public-url /news/` (target/dist-news) under /news/ on another.
// Also a deployment pointed at a CMS on another origin without rebuilding
// (dist/ copied, <meta name="gazette-api"> edited) on 4176, and that CMS,
// serving the same JSON with CORS, on 4177. And the other sample sites
// (sites/*.toml: other names, languages and themes; target/dist-<language>):
// sr-latn on 4179, sr-cyrl on 4180, sq on 4181; the site read from the
// test WordPress (sites/wordpress.toml, target/dist-wordpress) on 4182; a
// copy of dist/ that tests publish into (scripts/publish) on 4183; a copy
// of target/dist-sr-latn that the live spec's watcher keeps current on 4184, and a copy of
// target/dist-wordpress that its WordPress watcher keeps current on 4186.
// Usage: node tests/e2e/nginx.mjs <root-port> <sub-path-port>
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

const [rootPort = '4173', subPort = '4174'] = process.argv.slice(2);
const here = path.resolve('.');
const prefix = path.join(here, 'target', 'nginx');
const subRoot = path.join(prefix, 'sub');
fs.mkdirSync(subRoot, { recursive: true });
fs.rmSync(path.join(subRoot, 'news'), { force: true, recursive: true });
fs.symlinkSync(path.join(here, 'target', 'dist-news'), path.join(subRoot, 'news'));

// The deploy-time switch, as an operator would make it: edit the HTML files.
const cmsSite = path.join(prefix, 'cms-site');
fs.rmSync(cmsSite, { force: true, recursive: true });
fs.cpSync(path.join(here, 'dist'), cmsSite, { recursive: true });
for (const file of fs.readdirSync(cmsSite, { recursive: true })) {
  if (!String(file).endsWith('.html')) continue;
  const full = path.join(cmsSite, String(file));
  fs.rmSync(`${full}.gz`, { force: true });
  fs.rmSync(`${full}.br`, { force: true });
  fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace('<meta name=gazette-api>', '<meta name=gazette-api content=http://127.0.0.1:4177/gazette/v1>'));
}

// A deployment that tests publish into while it is served.
const publishSite = path.join(prefix, 'publish-site');
fs.rmSync(publishSite, { force: true, recursive: true });
fs.cpSync(path.join(here, 'dist'), publishSite, { recursive: true });

// The live spec's (tests/e2e/live.spec.mjs) sites, kept current by watchers.
const liveSites = [['live-site', 'target/dist-sr-latn', 4184], ['wp-live-site', 'target/dist-wordpress', 4186]].map(([name, from, port]) => {
  const root = path.join(prefix, name);
  fs.rmSync(root, { force: true, recursive: true });
  if (fs.existsSync(path.join(here, from))) fs.cpSync(path.join(here, from), root, { recursive: true });
  else fs.mkdirSync(root, { recursive: true });
  return [root, port];
});

// The http block's part is the build's own (.gazette/nginx-http.conf), the
// same from every build of this version: included once, from dist/.
const httpConfPath = path.join(here, 'dist', '.gazette', 'nginx-http.conf');
const httpConf = fs.readFileSync(httpConfPath, 'utf8');
for (const other of ['target/dist-news', 'target/dist-sr-latn', 'target/dist-sr-cyrl', 'target/dist-sq', 'target/dist-wordpress']) {
  const file = path.join(here, other, '.gazette', 'nginx-http.conf');
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') !== httpConf) throw new Error(`${file} differs from ${httpConfPath}`);
}

// The production policy, with the CMS added to connect-src (as the README says to).
const pageCsp = httpConf.match(/map "\$gazette_embed\$gazette_data" \$gazette_csp \{\s*default "([^"]+)"/)[1];
const cmsCsp = pageCsp.replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:4177");
if (cmsCsp === pageCsp) throw new Error(`${httpConfPath}: no connect-src to extend`);

const brotli = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const conf = `
${fs.existsSync(brotli) ? `load_module ${brotli};` : ''}
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${httpConfPath};
  server {
    listen 127.0.0.1:${rootPort};
    root ${here}/dist;
    error_page 400 404 /404.html;
    set $gazette_base "";
    include ${here}/deploy/nginx/gazette-site.conf;
  }
  server {
    listen 127.0.0.1:${subPort};
    root ${subRoot};
    error_page 400 404 /news/404.html;
    set $gazette_base /news;
    include ${here}/deploy/nginx/gazette-site.conf;
  }
${[['sr-latn', 4179], ['sr-cyrl', 4180], ['sq', 4181], ['wordpress', 4182]].map(([site, port]) => `
  server {
    listen 127.0.0.1:${port};
    root ${here}/target/dist-${site};
    error_page 400 404 /404.html;
    set $gazette_base "";
    include ${here}/deploy/nginx/gazette-site.conf;
  }`).join('')}
  server {
    listen 127.0.0.1:4183;
    root ${publishSite};
    error_page 400 404 /404.html;
    set $gazette_base "";
    include ${here}/deploy/nginx/gazette-site.conf;
  }
${liveSites.map(([root, port]) => `
  server {
    listen 127.0.0.1:${port};
    root ${root};
    error_page 400 404 /404.html;
    set $gazette_base "";
    include ${here}/deploy/nginx/gazette-site.conf;
  }`).join('')}
  server {
    listen 127.0.0.1:4176;
    root ${cmsSite};
    error_page 404 /404.html;
    location / { try_files $uri $uri.html $uri/index.html =404; }
    # This deployment's CSP lets the app reach the CMS (see README).
    add_header Content-Security-Policy "${cmsCsp}" always;
  }
  server {
    listen 127.0.0.1:4177;
    location /gazette/v1/ {
      alias ${here}/dist/api/v1/;
      add_header Access-Control-Allow-Origin "*" always;
    }
  }
}
`;
fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
const nginx = spawn('nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
console.log(`nginx: dist at http://127.0.0.1:${rootPort}/, target/dist-news at http://127.0.0.1:${subPort}/news/`);
const stop = () => nginx.kill('SIGQUIT');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
nginx.on('exit', (code) => process.exit(code ?? 0));
