/**
 * A `Connection` over a byte stream (a TCP socket, or anything with write/end/destroy): turns
 * the stream into whole OCapN messages and back, in one of the two framings of the TCP testing
 * netlayer.
 * Spec: Netlayers.md (the OCapN drafts, https://github.com/ocapn/ocapn; harness/ocapn/README.md): `length` = each message as `<len>:<payload>`
 * (a Syrup bytestring, no trailing comma; endo's default, the 2026-04-14 consensus); `none` =
 * messages back to back, the reader parses Syrup from the stream (the Python suite).
 * View: the netlayer's. The platform binding (netlayer/tcp.ts) feeds bytes and stream events in;
 * this module decides what they mean, so it runs and is tested without sockets.
 * Guarantees: a stream the reader cannot frame (garbage, a declared length over the maximum, a
 * value over the maximum, a half frame at end of stream) never reaches the session: the peer is
 * sent `op:abort` naming the rule, the stream is ended, and the session hears a `reset` whose
 * reason says the same. Messages that arrive before `onMessage` is set are kept, not lost.
 */
import { FrameError, FrameReader, SyrupDecodeError, UnframedReader, encodeFrame, type Dialect } from '../syrup/index.js';
import { encodeOp } from '../wire/index.js';
import type { Connection, ConnectionEnd, PeerLocation } from '../world.js';

export type Framing = 'none' | 'length';
export const FRAMINGS: readonly Framing[] = ['none', 'length'];

/** What the binding offers: bytes out, graceful end, abrupt end. */
export interface ByteStream {
  write(bytes: Uint8Array): void;
  end(): void;
  destroy(): void;
}

export interface StreamConnectionOptions {
  framing: Framing;
  dialect: Dialect;
  /** Largest message accepted, framed or not (default: the frame reader's 999 999 999). */
  maxMessageLength?: number;
}

interface Reader {
  push(chunk: Uint8Array): Uint8Array[];
  end(): void;
  readonly partial: boolean;
}

function makeReader(options: StreamConnectionOptions): Reader {
  if (options.framing === 'length') {
    const frames = new FrameReader({ maxMessageLength: options.maxMessageLength });
    return {
      push: (chunk) => frames.push(chunk),
      end: () => frames.end(),
      get partial() {
        return !frames.idle;
      },
    };
  }
  const values = new UnframedReader({ dialect: options.dialect, maxMessageLength: options.maxMessageLength });
  return {
    push: (chunk) => values.push(chunk).map((v) => v.bytes),
    end: () => values.end(),
    get partial() {
      return !values.idle;
    },
  };
}

/** The op:abort reason for a stream that cannot be read (short, names the rule). */
function streamFault(error: unknown): string {
  if (error instanceof FrameError) return `netlayer: ${error.message}`;
  if (error instanceof SyrupDecodeError) return `netlayer: unreadable stream: ${error.message}`;
  return `netlayer: ${error instanceof Error ? error.message : String(error)}`;
}

export class StreamConnection implements Connection {
  private messageHandler: ((m: Uint8Array) => void) | undefined;
  private closeHandler: ((end: ConnectionEnd) => void) | undefined;
  private readonly early: Uint8Array[] = [];
  private earlyEnd: ConnectionEnd | undefined;
  private readonly reader: Reader;
  /** Set once: no more bytes are read or written. */
  private finished = false;
  /** Set by our own close(): the stream's end is then `local`. */
  private closedByUs = false;
  /** Why the stream was refused, if it was (for tests and logs). */
  fault: string | undefined;

  constructor(
    readonly id: string,
    readonly outgoing: boolean,
    readonly remote: PeerLocation | undefined,
    private readonly stream: ByteStream,
    private readonly options: StreamConnectionOptions,
  ) {
    this.reader = makeReader(options);
  }

  /** True while a message has been started but not finished (for idle timeouts). */
  get partial(): boolean {
    return this.reader.partial;
  }

  get ended(): boolean {
    return this.finished;
  }

  write(message: Uint8Array): void {
    if (this.finished || this.closedByUs) return;
    this.stream.write(this.options.framing === 'length' ? encodeFrame(message) : message);
  }

  close(): void {
    if (this.finished || this.closedByUs) return;
    this.closedByUs = true;
    this.stream.end();
  }

  onMessage(handler: (message: Uint8Array) => void): void {
    this.messageHandler = handler;
    for (const message of this.early.splice(0)) handler(message);
  }

  onClose(handler: (end: ConnectionEnd) => void): void {
    this.closeHandler = handler;
    if (this.earlyEnd) handler(this.earlyEnd);
  }

  // ---- fed by the binding ----

  /** Bytes from the peer. */
  data(chunk: Uint8Array): void {
    if (this.finished || this.closedByUs) return;
    let messages: Uint8Array[];
    try {
      messages = this.reader.push(chunk);
    } catch (error) {
      this.refuse(streamFault(error));
      return;
    }
    for (const message of messages) {
      if (this.finished) return;
      this.deliver(message);
    }
  }

  /** The peer ended its side (FIN). A half-read message is a fault. */
  peerEnded(): void {
    if (this.finished) return;
    if (!this.closedByUs) {
      try {
        this.reader.end();
      } catch (error) {
        this.finish({ kind: 'reset', reason: streamFault(error) });
        this.stream.end();
        return;
      }
    }
    this.finish(this.closedByUs ? { kind: 'local' } : { kind: 'closed' });
    this.stream.end();
  }

  /** The stream broke (error, reset) or closed without a FIN we saw; `unreachable`: it never connected. */
  broken(reason: string, unreachable = false): void {
    this.finish(this.closedByUs ? { kind: 'local' } : { kind: 'reset', reason, ...(unreachable ? { unreachable } : {}) });
  }

  /**
   * Our netlayer refuses the stream: tell the peer why in `op:abort`, end the stream, and let
   * the session end with the same reason.
   */
  refuse(reason: string): void {
    if (this.finished) return;
    this.fault = reason;
    try {
      const abort = encodeOp({ type: 'op:abort', reason }, this.options.dialect);
      this.stream.write(this.options.framing === 'length' ? encodeFrame(abort) : abort);
    } catch {
      // The reason is ours and always encodable; the stream ends regardless.
    }
    this.stream.end();
    this.finish({ kind: 'reset', reason });
  }

  private deliver(message: Uint8Array): void {
    if (this.messageHandler) this.messageHandler(message);
    else this.early.push(message);
  }

  private finish(end: ConnectionEnd): void {
    if (this.finished) return;
    this.finished = true;
    if (this.closeHandler) this.closeHandler(end);
    else this.earlyEnd = end;
  }
}
