/**
 * `view <transcript.json | evidence dir> [--out FILE] [--port N]`: the replay viewer for one
 * case. Given an evidence folder (a matrix cell's `reports/evidence/<scenario>/<driver>-seed-<n>/`
 * or `run`'s `seed-<n>/`) it reads transcript.json and, when present, verdicts.json (violated
 * checks' witnesses are highlighted). With --out it writes the self-contained viewer page and
 * exits; otherwise it serves it on 127.0.0.1 (any free port unless --port) until interrupted.
 * The viewer script is built on first use (dist/viewer/viewer.js).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { CheckReport } from '../../checks/index.js';
import type { ViewerData } from '../../report/viewer/model.js';
import { readViewerBundle, renderViewerHtml } from '../../report/viewer/page.js';
import type { Transcript } from '../../transcript/types.js';
import { parseOptions, UsageError } from '../cli-args.js';
import type { CommandIo } from '../io.js';

const USAGE = 'usage: ocapn-conformance view <transcript.json | evidence dir> [--out FILE] [--port N]';

/** The transcript (and verdicts beside it) named by a file or an evidence folder. */
export function loadViewerData(target: string): ViewerData {
  if (!existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const dir = statSync(target).isDirectory() ? target : path.dirname(target);
  const file = statSync(target).isDirectory() ? path.join(target, 'transcript.json') : target;
  if (!existsSync(file)) throw new UsageError(`${target} has no transcript.json (give a transcript file or an evidence folder)`);
  let transcript: Transcript;
  try {
    transcript = JSON.parse(readFileSync(file, 'utf8')) as Transcript;
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!transcript?.header || !Array.isArray(transcript.events) || !Array.isArray(transcript.nodes)) {
    throw new UsageError(`${file} is not a transcript (no header, nodes and events)`);
  }
  const verdictsFile = path.join(dir, 'verdicts.json');
  const verdicts = existsSync(verdictsFile) ? (JSON.parse(readFileSync(verdictsFile, 'utf8')) as CheckReport) : undefined;
  return { transcript, ...(verdicts ? { verdicts } : {}), source: file };
}

/** The viewer script, built now when missing. */
function viewerBundle(io: CommandIo): string {
  const ready = readViewerBundle();
  if (ready !== undefined) return ready;
  io.stderr('view: building the viewer (npm run build:viewer)…');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'harness/report/viewer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  const built = readViewerBundle();
  if (r.status !== 0 || built === undefined) throw new Error('building the viewer failed (npm run build:viewer)');
  return built;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  let data: ViewerData;
  let out: string | undefined;
  let port = 0;
  try {
    const { positionals, options } = parseOptions(argv, ['out', 'port']);
    if (positionals.length !== 1) throw new UsageError('give one transcript.json or evidence folder');
    data = loadViewerData(positionals[0]);
    out = options.get('out');
    if (options.has('port')) {
      port = Number(options.get('port'));
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${options.get('port')} is not a port number`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`view: ${error.message}\n${USAGE}`);
    return 2;
  }
  const html = renderViewerHtml(data, viewerBundle(io));
  if (out !== undefined) {
    writeFileSync(out, html);
    io.stdout(`view: wrote ${out} (open it in a browser; it needs no server)`);
    return 0;
  }
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/' || req.url?.startsWith('/#') ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' ? html : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  io.stdout(`http://127.0.0.1:${actual}/`);
  io.stderr('view: serving the replay viewer; Ctrl-C stops it');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
