// Serves the release builds with Debian's nginx and deploy/nginx/, the way
// production does: dist/ at / on one port, and the build made with
// `--public-url /news/` (target/dist-news) under /news/ on another.
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
  include ${here}/deploy/nginx/gazette-http.conf;
  server {
    listen 127.0.0.1:${rootPort};
    root ${here}/dist;
    set $gazette_base "";
    include ${here}/deploy/nginx/gazette-site.conf;
  }
  server {
    listen 127.0.0.1:${subPort};
    root ${subRoot};
    set $gazette_base "/news";
    include ${here}/deploy/nginx/gazette-site.conf;
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
