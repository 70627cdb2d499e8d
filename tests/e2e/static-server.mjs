// Serves a build the way a CDN with an SPA fallback would: files as they
// are, a path's prerendered page (`/articles/x` -> `articles/x.html`, as
// deploy/nginx/ and most CDNs' clean URLs do), any other path without a file
// extension falls back to index.html, and a missing file with an extension
// (a JSON document, an image) is a real 404.
// Usage: node tests/e2e/static-server.mjs <dist-dir> <port> [base-path]
// With LATENCY_MS set, each answer waits that long first, as a network's
// round trip would (the search benchmark counts rounds of requests: on a
// loopback without it, a request that started a few milliseconds after
// another reads as a round later).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [root = 'dist', port = '4173', base = '/'] = process.argv.slice(2);
const prefix = base.endsWith('/') ? base : `${base}/`;
const latency = Number(process.env.LATENCY_MS ?? 0);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};

function send(res, status, file) {
  res.writeHead(status, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

http.createServer((req, res) => (latency ? setTimeout(answer, latency, req, res) : answer(req, res)))
  .listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`));

function answer(req, res) {
  const url = new URL(req.url, 'http://localhost');
  let pathname = decodeURIComponent(url.pathname);
  if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the base path');
    return;
  }
  pathname = pathname.slice(prefix.length - 1) || '/';
  const file = path.join(root, path.normalize(pathname));
  if (!file.startsWith(path.resolve(root)) && !file.startsWith(root)) {
    res.writeHead(400).end();
    return;
  }
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(res, 200, file);
  if (!path.extname(pathname) && fs.existsSync(`${file}.html`)) return send(res, 200, `${file}.html`);
  if (path.extname(pathname)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  send(res, 200, path.join(root, 'index.html'));
}
