// A fault-injecting server for the end-to-end tests (loopback only). It
// serves the build like static-server.mjs, but article documents whose slug
// starts with "fault-" misbehave in the way the slug says:
//   fault-500, fault-503 (with Retry-After: 1), fault-hang, fault-drip,
//   fault-reset, fault-truncated, fault-type (text/plain), fault-html (an
//   HTML error page with 200), fault-huge (a 50 MB body), fault-endless (a
//   body without Content-Length that does not end), fault-flaky (503
//   three times, then the real article).
// Documents whose slug starts with "hostile-" are the hostile corpus of
// fixtures.mjs. A prerendered page asked for with ?in-steps arrives as a slow
// network delivers it: its head at once, then its body one tag at a time,
// STEP_MS apart, so the browser paints the page at every point of its parse.
// GET /__attempts/<slug> answers how many requests that document has had.
// Usage: node tests/e2e/fault-server.mjs <dist-dir> <port>
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { hostileDocuments } from './fixtures.mjs';

const [root = 'dist', port = '4178'] = process.argv.slice(2);
const attempts = new Map();
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
};
const real = () => fs.readFileSync(path.join(root, 'api/v1/articles/kfor-clears-last-barricades.json'));
// The hostile corpus (fixtures.mjs), for engines whose tests cannot route requests.
let hostile = null;

const STEP_MS = 25;

// A prerendered page (clean URL, as nginx resolves it) in steps: see above.
async function serveInSteps(res, file, status) {
  const html = fs.readFileSync(file, 'utf8');
  res.writeHead(status, { 'content-type': types['.html'] });
  let at = html.indexOf('<body');
  if (at < 0) at = html.length;
  res.write(html.slice(0, at));
  while (at < html.length && !res.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, STEP_MS));
    const end = html.indexOf('>', at);
    const next = end < 0 ? html.length : end + 1;
    res.write(html.slice(at, next));
    at = next;
  }
  res.end();
}

function serveFile(res, file) {
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

function fault(mode, req, res) {
  const n = (attempts.get(mode) ?? 0) + 1;
  attempts.set(mode, n);
  const json = { 'content-type': 'application/json' };
  switch (mode) {
    case 'fault-500': return res.writeHead(500, json).end('{"error":"boom"}');
    case 'fault-503': return res.writeHead(503, { ...json, 'retry-after': '1' }).end('{}');
    case 'fault-hang': return; // never answers; the client gives up
    case 'fault-drip': {
      res.writeHead(200, json);
      const body = real();
      let i = 0;
      const timer = setInterval(() => {
        if (i >= body.length || res.destroyed) { clearInterval(timer); res.end(); return; }
        res.write(body.subarray(i, i + 1));
        i += 1;
      }, 200);
      req.on('close', () => clearInterval(timer));
      return;
    }
    case 'fault-reset': return req.socket.destroy();
    case 'fault-truncated': {
      const body = real();
      return res.writeHead(200, json).end(body.subarray(0, Math.floor(body.length / 2)));
    }
    case 'fault-type': return res.writeHead(200, { 'content-type': 'text/plain' }).end(real());
    case 'fault-html':
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>502 Bad Gateway</h1>');
    case 'fault-huge': {
      const size = 50 * 1024 * 1024;
      res.writeHead(200, { ...json, 'content-length': String(size) });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      req.on('close', () => { sent = size; });
      return pump();
    }
    case 'fault-endless': {
      // No Content-Length, and no end in sight (stops at 1 GB or when the
      // client hangs up): only counting while reading stops it.
      res.writeHead(200, json);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const limit = 1024 * 1024 * 1024;
      const pump = () => {
        while (sent < limit && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      req.on('close', () => { sent = limit; });
      return pump();
    }
    case 'fault-flaky':
      if (n <= 3) return res.writeHead(503, json).end('{}');
      return res.writeHead(200, json).end(real().toString().replace('"kfor-clears-last-barricades"', '"fault-flaky"'));
    default: return res.writeHead(404, json).end('{}');
  }
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const p = decodeURIComponent(url.pathname);
  const counter = p.match(/^\/__attempts\/([a-z0-9-]+)$/);
  if (counter) return res.writeHead(200, { 'content-type': 'text/plain' }).end(String(attempts.get(counter[1]) ?? 0));
  const faulty = p.match(/^\/api\/v1\/articles\/(fault-[a-z0-9-]+)\.json$/);
  if (faulty) return fault(faulty[1], req, res);
  const bad = p.match(/^\/api\/v1\/articles\/(hostile-[a-z0-9-]+)\.json$/);
  if (bad) {
    hostile ??= hostileDocuments(JSON.parse(real()));
    const doc = hostile[bad[1]];
    if (!doc) return res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    return res.writeHead(200, { 'content-type': 'application/json' }).end(doc.body);
  }
  const file = path.join(root, path.normalize(p));
  if (url.searchParams.has('in-steps')) {
    const page = [`${file}.html`, path.join(file, 'index.html')].find((f) => fs.existsSync(f));
    return page ? serveInSteps(res, page, 200) : serveInSteps(res, path.join(root, '404.html'), 404);
  }
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return serveFile(res, file);
  if (path.extname(p)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  serveFile(res, path.join(root, 'index.html'));
}).listen(Number(port), '127.0.0.1', () => console.log(`fault server on http://127.0.0.1:${port}/`));
