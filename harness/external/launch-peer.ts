/**
 * Starting an OCapN peer as another OS process and learning where it listens: the process prints
 * its locator (`ocapn://<designator>.tcp-testing-only?host=…&port=…`) as the FIRST line of stdout,
 * as `ocapn-conformance serve` does. For tests today, and for scenarios whose nodes are external
 * processes (`command:`) later.
 * Guarantees: `launchPeer` resolves only with a parsed, valid locator; a process that exits first,
 * prints something else, or stays silent past the timeout is killed and the promise rejects with
 * what it printed on stderr; `stop()` always ends the process (SIGINT, then SIGKILL after a grace).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseTcpLocator } from '../ocapn/netlayer/tcp-locator.js';
import type { PeerLocation } from '../ocapn/world.js';

export interface LaunchOptions {
  cwd?: string;
  /** How long to wait for the locator line (default 15 000 ms). */
  timeoutMs?: number;
  /** How long `stop()` waits after SIGINT before SIGKILL (default 5 000 ms). */
  graceMs?: number;
  /** The process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Keep stdin open for commands and hand every stdout line after the locator to `onLine`
   * (a steered peer, e.g. a Goblins node: harness/case/goblins-peers.ts). */
  onLine?: (line: string) => void;
}

export interface LaunchedPeer {
  locator: string;
  location: PeerLocation;
  pid: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGINT, then SIGKILL after the grace period; resolves with the exit code (null if killed). */
  stop(): Promise<number | null>;
  /** Writes to the process's stdin (only with `onLine`; a no-op once it exited). */
  send(text: string): void;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export function launchPeer(command: readonly string[], options: LaunchOptions = {}): Promise<LaunchedPeer> {
  const [program, ...args] = command;
  if (!program) return Promise.reject(new Error('launchPeer: empty command'));
  const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: [options.onLine ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  // A steered process that exits closes its stdin: a late write must not throw (EPIPE).
  child.stdin?.on('error', () => {});
  const send = (text: string) => {
    if (child.exitCode === null && child.signalCode === null && child.stdin?.writable) child.stdin.write(text);
  };
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = exitOf(child);
  const name = command.join(' ');
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      void stop();
      reject(new Error(`${name}: ${why}${err.trim() ? `; its stderr:\n${err.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`printed no locator within ${options.timeoutMs ?? 15_000} ms`), options.timeoutMs ?? 15_000);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    const early = (code: number | null, signal: string | null) => fail(`exited (${signal ?? code}) before printing its locator`);
    child.once('exit', early);
    lines.once('line', (line) => {
      let location: PeerLocation;
      try {
        location = parseTcpLocator(line.trim());
      } catch (error) {
        fail(`its first stdout line is not a locator: ${(error as Error).message}`);
        return;
      }
      clearTimeout(timer);
      child.off('exit', early);
      const onLine = options.onLine;
      if (onLine) lines.on('line', (next) => onLine(next));
      resolve({ locator: line.trim(), location, pid: child.pid!, stderr: () => err, stop, send });
    });
  });
}
