/**
 * The playground's HTTP server on 127.0.0.1: the built page as static files (with COOP/COEP, as
 * the harness page is served, so the page is cross-origin isolated like every other run) and a
 * small JSON API the page calls for what needs Node — the session it opens with, the loader
 * (`POST /api/plan`) and saving (`POST /api/save`).
 * Guarantees: only files inside the build folder are served; a body over 4 MB or that is not
 * JSON is refused with 400; the API never throws to the socket (errors come back as JSON).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { ScenarioService } from './scenario-service.js';

export interface SessionStart {
  doc: Record<string, unknown>;
  script: unknown[];
  seed: number;
  /** The driver every node runs (a mutant shows its violations live). */
  driver: string;
  /** Where "save" suggests writing (relative to the working folder). */
  saveAs: string;
  /** The file the session opened, when it opened one. */
  opened?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const BODY_MAX = 4 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_MAX) reject(new Error('request body over 4 MB'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', ...ISOLATION });
  res.end(JSON.stringify(value));
}

function serveFile(root: string, url: string, res: ServerResponse): void {
  const rel = decodeURIComponent(url.split(/[?#]/)[0]).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, rel);
  if (path.relative(root, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...ISOLATION });
  res.end(readFileSync(file));
}

export function playgroundServer(root: string, start: SessionStart, service: ScenarioService): Server {
  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/api/session') return json(res, 200, start);
    if (req.method === 'POST' && (url === '/api/plan' || url === '/api/save')) {
      readBody(req).then(
        (body) => {
          const b = body as { doc?: object; file?: string; overwrite?: boolean };
          if (!b || typeof b.doc !== 'object') return json(res, 400, { errors: ['the request names no scenario document'] });
          if (url === '/api/plan') return json(res, 200, service.plan(b.doc));
          json(res, 200, service.save(b.doc, String(b.file ?? ''), b.overwrite === true));
        },
        (error: Error) => json(res, 400, { errors: [error.message] }),
      );
      return;
    }
    if (req.method !== 'GET') return json(res, 405, { errors: [`${req.method} ${url} is not part of the playground's API`] });
    serveFile(root, url, res);
  });
}
