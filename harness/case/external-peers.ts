/**
 * The Node (Playwright) half of the bridge to external nodes: starts the processes a plan names
 * with `command:` (their locator is their first stdout line), opens one TCP connection to the
 * process for every connection the page network opens to that node, and carries frames both
 * ways — page → socket through the exposed `ocapnBridgeOut`, socket → page through
 * `ocapnHarness.bridgeIn` — framed on the socket as the node declares (`none` or `length`).
 * The page half is harness/page/external-bridge.ts.
 * Guarantees: messages to the page keep their order per bridge; every socket is destroyed and
 * every started process stopped (SIGINT, then SIGKILL) by `stop()`, whatever happened before.
 */
import { connect, type Socket } from 'node:net';
import { StreamConnection } from '../ocapn/netlayer/stream-connection.js';
import { parseTcpLocator, tcpAddressOf } from '../ocapn/netlayer/tcp-locator.js';
import type { Plan, PlanNode } from '../scenario/plan.js';
import { launchPeer, type LaunchedPeer } from './launch-peer.js';

/** The page functions the bridge needs (a Playwright Page has them). */
export interface BridgePage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  // Playwright types the callback as Function.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  exposeFunction(name: string, fn: Function): Promise<unknown>;
}

interface OutMessage {
  type: 'open' | 'write' | 'close';
  node: string;
  conn: string;
  bytes?: number[];
}

interface Link {
  socket: Socket;
  stream: StreamConnection;
}

/** Pages whose `ocapnBridgeOut` is installed, and the bridge it currently serves. */
const installed = new WeakMap<object, { current: ExternalPeers | undefined }>();

export function externalNodesOf(plan: Plan): PlanNode[] {
  return plan.topology.nodes.filter((n) => n.external);
}

export class ExternalPeers {
  /** node → its locator, once started. */
  readonly locators: Record<string, string> = {};
  private readonly launched: LaunchedPeer[] = [];
  private readonly links = new Map<string, Link>();
  private toPage: Promise<unknown> = Promise.resolve();
  /** Why a connection failed, for the report (the page sees only its end). */
  readonly problems: string[] = [];

  constructor(
    private readonly plan: Plan,
    private readonly page: BridgePage,
  ) {}

  /** Starts the `command:` nodes and installs the page's outbound channel. */
  async start(): Promise<void> {
    for (const node of externalNodesOf(this.plan)) {
      const external = node.external!;
      if (external.locator) this.locators[node.name] = external.locator;
      else {
        const peer = await launchPeer(external.command!);
        this.launched.push(peer);
        this.locators[node.name] = peer.locator;
      }
    }
    let slot = installed.get(this.page);
    if (!slot) {
      slot = { current: undefined };
      installed.set(this.page, slot);
      const holder = slot;
      await this.page.exposeFunction('ocapnBridgeOut', (message: OutMessage) => holder.current?.fromPage(message));
    }
    slot.current = this;
  }

  private fromPage(message: OutMessage): void {
    const key = `${message.node}/${message.conn}`;
    if (message.type === 'open') return this.open(key, message.node, message.conn);
    const link = this.links.get(key);
    if (!link) return;
    if (message.type === 'write') link.stream.write(Uint8Array.from(message.bytes ?? []));
    else link.stream.close();
  }

  private open(key: string, node: string, conn: string): void {
    const spec = this.plan.topology.nodes.find((n) => n.name === node)?.external;
    const locator = this.locators[node];
    if (!spec || !locator) return;
    const location = parseTcpLocator(locator);
    const { host, port } = tcpAddressOf(location);
    const socket = connect({ host, port });
    const stream = new StreamConnection(
      conn,
      true,
      location,
      { write: (bytes) => void socket.write(bytes), end: () => void socket.end(), destroy: () => void socket.destroy() },
      { framing: spec.framing, dialect: spec.dialect ?? this.plan.options.dialect },
    );
    socket.on('data', (chunk: Buffer) => stream.data(new Uint8Array(chunk)));
    socket.on('end', () => stream.peerEnded());
    socket.on('error', (error) => {
      this.problems.push(`${node} ${conn}: ${error.message}`);
      stream.broken(error.message);
    });
    socket.on('close', () => stream.broken('socket closed'));
    stream.onMessage((bytes) => this.send({ type: 'message', node, conn, bytes: [...bytes] }));
    stream.onClose((end) => {
      this.links.delete(key);
      this.send({ type: 'end', node, conn, reason: end.kind === 'reset' ? end.reason : end.kind });
    });
    this.links.set(key, { socket, stream });
  }

  private send(message: { type: 'message' | 'end'; node: string; conn: string; bytes?: number[]; reason?: string }): void {
    this.toPage = this.toPage
      .then(() =>
        this.page.evaluate((m) => {
          (window as unknown as { ocapnHarness: { bridgeIn(m: unknown): void } }).ocapnHarness.bridgeIn(m);
        }, message),
      )
      .catch((error: unknown) => this.problems.push(`to the page: ${(error as Error).message.split('\n')[0]}`));
  }

  /** Ends every socket and stops every started process. */
  async stop(): Promise<void> {
    const slot = installed.get(this.page);
    if (slot?.current === this) slot.current = undefined;
    for (const link of this.links.values()) link.socket.destroy();
    this.links.clear();
    await Promise.all(this.launched.map((p) => p.stop()));
  }
}
