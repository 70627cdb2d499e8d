// What the measuring scripts share: serving a build (nginx with
// deploy/nginx/, or the plain static server), writing a page into it as the
// build would, and starting Debian's Chromium with the flags that work on
// these machines.
import fs from 'node:fs';
import net from 'node:net';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

export const ROOT_PORT = 4173;
export const origin = `http://127.0.0.1:${ROOT_PORT}`;

/// Chromium flags for these machines (Playwright adds its own headless flag;
/// chrome-launcher needs `--headless=new` in front).
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const chromiumPath = '/usr/bin/chromium';

/// Debian's Chromium, headless, through Playwright.
export const launchChromium = () => chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/// Runs a server script and waits until `port` answers; returns a function
/// that stops it.
async function serve(args, port) {
  if (await listening(port)) throw new Error(`port ${port} is taken: stop the server on it first`);
  const server = spawn('node', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // Stopped when this process ends, however it ends (a script that throws
  // after starting it, say when the browser does not launch, would leave
  // it holding the port).
  const orphan = () => server.kill('SIGTERM');
  process.on('exit', orphan);
  server.on('exit', () => process.off('exit', orphan));
  for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await listening(port))) {
    // Not left running behind the failure.
    server.kill('SIGTERM');
    throw new Error(`${args[0]} did not start on port ${port}`);
  }
  return () =>
    new Promise((resolve) => {
      server.on('exit', resolve);
      server.kill('SIGTERM');
    });
}

/// nginx on ROOT_PORT (dist/ at /), as in production.
export const serveDist = () => serve(['tests/e2e/nginx.mjs', String(ROOT_PORT), String(ROOT_PORT + 1)], ROOT_PORT);

/// A build on `port` behind tests/e2e/fault-server.mjs (network faults on request).
export const serveFaulty = (dir, port) => serve(['tests/e2e/fault-server.mjs', dir, String(port)], port);

/// A folder on `port`, served as tests/e2e/static-server.mjs does (clean URLs, SPA fallback).
export const serveStatic = (dir, port) => serve(['tests/e2e/static-server.mjs', dir, String(port)], port);

/// Compressed as the build compresses pages and documents (xtask's output:
/// gzip level 9, brotli 5; gzip here is zlib, not libdeflate, a few bytes apart).
export const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 });
export const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });

/// Writes `bytes` to `file` with the `.gz` and `.br` copies nginx serves
/// (gzip_static, brotli_static); returns the files written, to remove after.
export function writeWithCopies(file, bytes) {
  fs.writeFileSync(file, bytes);
  fs.writeFileSync(`${file}.gz`, gzip(bytes));
  fs.writeFileSync(`${file}.br`, brotli(bytes));
  return [file, `${file}.gz`, `${file}.br`];
}
