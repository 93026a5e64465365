/**
 * The `tcp-testing-only` netlayer on Node sockets: a reference node reachable from other
 * processes (the official Python suite, endo, Goblins, another `serve`).
 * Spec: Netlayers.md (the OCapN drafts, https://github.com/ocapn/ocapn; harness/ocapn/README.md). INSECURE: plain TCP, no authentication, no
 * encryption; tests only.
 * View: one node's. `listenTcp` opens the listening socket first, because the locator carries the
 * port; dialling and accepting both yield `StreamConnection`s (netlayer/stream-connection.ts),
 * which own framing and stream faults.
 * Guarantees: loopback only unless `allowNonLoopback` (no dial to, no accept from, no listen on
 * another address); a socket fault or an unreadable stream ends that one connection, never the
 * process; above `maxConnections` open connections a new one is refused with `op:abort`; a
 * message started but not finished for `partialTimeoutMs` is aborted (a peer cannot park a
 * connection half-way through a frame forever); a peer that lets more than `maxUnsentBytes` of our
 * writes pile up is dropped (it cannot make us buffer without bound).
 * Elsewhere: the only module in harness/ocapn/ that touches Node APIs (eslint.config.js); the
 * browser simulation never imports it.
 */
import { createServer, connect as dial, type Server, type Socket } from 'node:net';
import type { Dialect } from '../syrup/index.js';
import type { Connection, Netlayer, PeerLocation } from '../world.js';
import { StreamConnection, type Framing } from './stream-connection.js';
import { isLoopback, tcpAddressOf, tcpLocation } from './tcp-locator.js';

export interface TcpNetlayerOptions {
  designator: string;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Listen port (default 0: the system picks one; read it from `location`). */
  port?: number;
  framing?: Framing;
  dialect?: Dialect;
  /** Off by default: this netlayer is for tests on one machine. */
  allowNonLoopback?: boolean;
  maxMessageLength?: number;
  /** Open connections (both directions) above which new incoming ones are refused (default 512). */
  maxConnections?: number;
  /** A partly read message idle this long aborts its connection (default 30 000 ms; 0 = never). */
  partialTimeoutMs?: number;
  /** Bytes written but not yet taken by the peer above which its connection is dropped (default 64 MiB). */
  maxUnsentBytes?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 512;
export const DEFAULT_PARTIAL_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_UNSENT_BYTES = 64 * 1024 * 1024;

export class TcpNetlayer implements Netlayer {
  readonly location: PeerLocation;
  private acceptHandler: ((connection: Connection) => void) | undefined;
  private readonly open = new Set<{ connection: StreamConnection; socket: Socket }>();
  private nextId = 1;
  private stopped = false;
  /** Connections refused for being over `maxConnections`, for tests and logs. */
  refused = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: Required<Omit<TcpNetlayerOptions, 'host' | 'port'>>,
    host: string,
    port: number,
  ) {
    this.location = tcpLocation(options.designator, { host, port });
    server.on('connection', (socket) => this.incoming(socket));
  }

  static listen(options: TcpNetlayerOptions): Promise<TcpNetlayer> {
    const host = options.host ?? '127.0.0.1';
    const allowNonLoopback = options.allowNonLoopback ?? false;
    if (!allowNonLoopback && !isLoopback(host)) {
      return Promise.reject(new Error(`tcp-testing-only is insecure: refusing to listen on ${host} (loopback only unless allowed: serve --allow-non-loopback, option allowNonLoopback)`));
    }
    const full = {
      designator: options.designator,
      framing: options.framing ?? 'length',
      dialect: options.dialect ?? 'spec',
      allowNonLoopback,
      maxMessageLength: options.maxMessageLength ?? 999_999_999,
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      partialTimeoutMs: options.partialTimeoutMs ?? DEFAULT_PARTIAL_TIMEOUT_MS,
      maxUnsentBytes: options.maxUnsentBytes ?? DEFAULT_MAX_UNSENT_BYTES,
    };
    const server = createServer({ noDelay: true });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        // A later server error (e.g. EMFILE on accept) must not crash the process.
        server.on('error', () => {});
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
        resolve(new TcpNetlayer(server, full, host, port));
      });
    });
  }

  get port(): number {
    return Number((this.location.hints as Record<string, string>).port);
  }

  /** Open connections, both directions. */
  get connectionCount(): number {
    return this.open.size;
  }

  onAccept(handler: (connection: Connection) => void): void {
    this.acceptHandler = handler;
  }

  connect(location: PeerLocation): Connection {
    const id = `tcp${this.nextId++}`;
    let address: { host: string; port: number } | undefined;
    let refusal: string | undefined;
    try {
      address = tcpAddressOf(location);
      if (!this.options.allowNonLoopback && !isLoopback(address.host)) refusal = `tcp-testing-only: refusing to dial ${address.host} (loopback only)`;
    } catch (error) {
      refusal = (error as Error).message;
    }
    if (this.stopped) refusal = 'tcp-testing-only: netlayer is shut down';
    if (refusal !== undefined || !address) {
      const reason = refusal ?? 'no address';
      const connection = new StreamConnection(id, true, location, { write() {}, end() {}, destroy() {} }, this.options);
      // Reported after the caller has set its handlers, like a failed dial.
      queueMicrotask(() => connection.broken(reason, true));
      return connection;
    }
    const socket = dial({ host: address.host, port: address.port, noDelay: true });
    return this.wire(socket, id, true, location);
  }

  private incoming(socket: Socket): void {
    const remote = socket.remoteAddress ?? '';
    if (this.stopped || (!this.options.allowNonLoopback && !isLoopback(remote))) {
      socket.destroy();
      return;
    }
    const connection = this.wire(socket, `tcp${this.nextId++}`, false, undefined);
    if (this.open.size > this.options.maxConnections) {
      this.refused += 1;
      connection.refuse(`netlayer: too many connections (limit ${this.options.maxConnections})`);
      return;
    }
    if (this.acceptHandler) this.acceptHandler(connection);
    else connection.refuse('netlayer: this node accepts no connections');
  }

  private wire(socket: Socket, id: string, outgoing: boolean, remote: PeerLocation | undefined): StreamConnection {
    let dropping = false;
    const connection = new StreamConnection(
      id,
      outgoing,
      remote,
      {
        write: (bytes) => {
          if (dropping || socket.destroyed || !socket.writable) return;
          if (socket.writableLength + bytes.length > this.options.maxUnsentBytes) {
            // A peer that asks but never reads would make us buffer without bound. It is not
            // reading, so an op:abort would not reach it either: drop the socket, say why locally.
            dropping = true;
            const reason = `netlayer: peer is not reading: ${socket.writableLength + bytes.length} bytes unsent (limit ${this.options.maxUnsentBytes})`;
            queueMicrotask(() => {
              socket.destroy();
              connection.broken(reason);
            });
            return;
          }
          socket.write(bytes);
        },
        end: () => {
          if (!socket.destroyed) socket.end();
        },
        destroy: () => socket.destroy(),
      },
      this.options,
    );
    const record = { connection, socket };
    this.open.add(record);
    let lastError: string | undefined;
    // A dial whose socket closes before it connected reached no peer (break category `unreachable`).
    let connected = !outgoing;
    socket.once('connect', () => (connected = true));
    socket.on('data', (chunk: Buffer) => {
      connection.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (this.options.partialTimeoutMs > 0) socket.setTimeout(connection.partial ? this.options.partialTimeoutMs : 0);
    });
    socket.on('timeout', () => {
      if (connection.partial) connection.refuse(`netlayer: message incomplete after ${this.options.partialTimeoutMs} ms of silence`);
      socket.setTimeout(0);
    });
    socket.on('end', () => connection.peerEnded());
    socket.on('error', (error: Error) => {
      lastError = error.message;
    });
    socket.on('close', () => {
      this.open.delete(record);
      connection.broken(lastError ?? 'connection closed', !connected);
    });
    return connection;
  }

  /** Closes every connection gracefully and stops listening. */
  shutdown(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const { connection } of this.open) connection.close();
    this.server.close(() => {});
  }

  /** `shutdown`, then waits until the listening socket is closed and every connection is gone. */
  async close(): Promise<void> {
    const closed = this.server.listening ? new Promise<void>((resolve) => this.server.once('close', () => resolve())) : Promise.resolve();
    this.shutdown();
    // A peer that never answers our FIN must not hold the process open.
    for (const { socket } of this.open) socket.destroySoon();
    await closed;
  }
}

export function listenTcp(options: TcpNetlayerOptions): Promise<TcpNetlayer> {
  return TcpNetlayer.listen(options);
}
