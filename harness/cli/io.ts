/** The I/O a CLI command may use, injected so commands are testable without a process. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
}

export type Command = (argv: string[], io: CommandIo) => Promise<number>;

/**
 * A reader that stops early (`run … | head`) closes the pipe: the next write fails with EPIPE,
 * which Node raises as an uncaught error with a stack trace. Output nobody reads is dropped
 * instead, and the command finishes (evidence written, exit code its own).
 */
let stdoutClosed = false;
let guarded = false;
function writeStdout(text: string): void {
  if (!guarded) {
    guarded = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stdoutClosed = true;
    });
  }
  if (!stdoutClosed) process.stdout.write(text);
}

export const processIo: CommandIo = {
  stdout: (text) => writeStdout(text.endsWith('\n') ? text : text + '\n'),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  readStdin: async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  },
};
