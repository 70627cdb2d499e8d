// Serves the release build the way production does (nginx with deploy/nginx/,
// through tests/e2e/nginx.mjs) for the scripts that measure it.
import net from 'node:net';
import { spawn } from 'node:child_process';

export const ROOT_PORT = 4173;
export const origin = `http://127.0.0.1:${ROOT_PORT}`;

const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/// Starts nginx on ROOT_PORT (dist/ at /) and returns a function that stops it.
export async function serveDist() {
  if (await listening(ROOT_PORT)) throw new Error(`port ${ROOT_PORT} is taken: stop the server on it first`);
  const server = spawn('node', ['tests/e2e/nginx.mjs', String(ROOT_PORT), String(ROOT_PORT + 1)], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100 && !(await listening(ROOT_PORT)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await listening(ROOT_PORT))) throw new Error('nginx did not start');
  return () =>
    new Promise((resolve) => {
      server.on('exit', resolve);
      server.kill('SIGTERM');
    });
}

/// The headless Chromium flags that work on these machines.
export const chromiumFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const chromiumPath = '/usr/bin/chromium';
