/**
 * The Node (Playwright) half of the bridge to external nodes: starts the processes a plan names
 * with `command:` (their locator is their first stdout line), opens one TCP connection to the
 * process for every connection the page network opens to that node, and carries frames both
 * ways — page → socket through the exposed `ocapnBridgeOut`, socket → page through
 * `ocapnHarness.bridgeIn` — framed on the socket as the node declares (`none` or `length`).
 * A command may name another external node's locator as `{locator:carol}`: the process gets the
 * locator of a relay the bridge listens on, so what it sends carol crosses the page network as
 * a connection from it to carol (recorded, decoded, checked, faultable); processes start in the
 * order those names need. A connection the network resets (reset or partition fault) is
 * destroyed with an RST. The page half is harness/page/external-bridge.ts.
 * Guarantees: messages to the page keep their order per bridge; every socket is destroyed and
 * every started process stopped (SIGINT, then SIGKILL) and every relay closed by `stop()`,
 * whatever happened before.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { StreamConnection } from '../ocapn/netlayer/stream-connection.js';
import { formatTcpLocator, parseTcpLocator, tcpAddressOf, tcpLocation } from '../ocapn/netlayer/tcp-locator.js';
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
  /** reset: the network broke the connection (a reset or partition fault): an RST, not a FIN.
   * control: a host command for a steered process (a Goblins node), answered by `controller`. */
  type: 'open' | 'write' | 'close' | 'reset' | 'control';
  node: string;
  conn: string;
  bytes?: number[];
  command?: unknown;
}

/** Answers the host commands the page sends a steered process (harness/case/goblins-peers.ts). */
export type Controller = (node: string, command: unknown) => Promise<unknown>;

interface Link {
  socket: Socket;
  stream: StreamConnection;
}

/** Pages whose `ocapnBridgeOut` is installed, and the bridge it currently serves. */
const installed = new WeakMap<object, { current: ExternalPeers | undefined }>();

export function externalNodesOf(plan: Plan): PlanNode[] {
  return plan.topology.nodes.filter((n) => n.external);
}

/** `{locator:carol}` in a command: the locator of external node carol, as this process reaches it. */
export const LOCATOR_PLACEHOLDER = /\{locator:([^}]*)\}/g;

/** The nodes a command names through placeholders, in order of appearance. */
export function placeholdersIn(command: readonly string[]): string[] {
  return command.flatMap((arg) => [...arg.matchAll(LOCATOR_PLACEHOLDER)].map((m) => m[1]));
}

/**
 * The order to start external nodes in: a node whose command names another's locator starts
 * after it (plan order otherwise). Throws on a name that is not an external node, or a cycle
 * (the scenario layer refuses both at load time; this is the last line).
 */
export function launchOrder(plan: Plan): PlanNode[] {
  const externals = externalNodesOf(plan);
  const byName = new Map(externals.map((n) => [n.name, n]));
  const order: PlanNode[] = [];
  const visiting = new Set<string>();
  const visit = (node: PlanNode): void => {
    if (order.includes(node)) return;
    if (visiting.has(node.name)) throw new Error(`external nodes name each other's locators in a cycle (through ${node.name}): one of them must start first`);
    visiting.add(node.name);
    for (const name of placeholdersIn(node.external!.command ?? [])) {
      const other = byName.get(name);
      if (!other) throw new Error(`${node.name}'s command names {locator:${name}}, but ${name} is not an external node`);
      visit(other);
    }
    visiting.delete(node.name);
    order.push(node);
  };
  externals.forEach(visit);
  return order;
}

export class ExternalPeers {
  /** node → its locator, once started. */
  readonly locators: Record<string, string> = {};
  private readonly launched: LaunchedPeer[] = [];
  private readonly links = new Map<string, Link>();
  /** Relays: `from>to` → a listening socket that stands for `to` as `from`'s process sees it. */
  private readonly relays = new Map<string, { server: Server; locator: string }>();
  private relayConns = 0;
  private toPage: Promise<unknown> = Promise.resolve();
  /** Why a connection failed, for the report (the page sees only its end). */
  readonly problems: string[] = [];
  /** Set by the owner of steered processes (Goblins nodes). */
  controller: Controller | undefined;

  constructor(
    private readonly plan: Plan,
    private readonly page: BridgePage,
  ) {}

  /** Starts the `command:` nodes and installs the page's outbound channel. */
  async start(): Promise<void> {
    for (const node of launchOrder(this.plan)) {
      const external = node.external!;
      if (external.locator) this.locators[node.name] = external.locator;
      else {
        const command: string[] = [];
        for (const arg of external.command!) command.push(await this.withLocators(node.name, arg));
        const peer = await launchPeer(command);
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

  /**
   * `arg` with every `{locator:to}` replaced by the locator of a relay: a socket the bridge
   * listens on for `from`'s process, which carries what that process dials there into the page
   * network as `from` dialling `to` (so the link is recorded, decoded, checked and can be
   * faulted like any other). The relay's locator keeps `to`'s designator; only the address is
   * the bridge's.
   */
  private async withLocators(from: string, arg: string): Promise<string> {
    let out = arg;
    for (const to of [...new Set([...arg.matchAll(LOCATOR_PLACEHOLDER)].map((m) => m[1]))]) {
      out = out.split(`{locator:${to}}`).join(await this.relay(from, to));
    }
    return out;
  }

  /**
   * The relay `from`'s process dials to reach `to`. `to` may be a worker node too (for steered
   * processes that call workers): its relay keeps the worker's simulated designator, its name.
   */
  async relay(from: string, to: string): Promise<string> {
    const key = `${from}>${to}`;
    const existing = this.relays.get(key);
    if (existing) return existing.locator;
    const worker = this.plan.topology.nodes.some((n) => n.name === to && !n.external);
    const target = this.locators[to] ?? (worker ? formatTcpLocator(tcpLocation(to, { host: '127.0.0.1', port: 1 })) : undefined);
    if (!target) throw new Error(`${from}'s command names {locator:${to}}, but ${to} has no locator yet`);
    const server = createServer((socket) => this.dialled(from, to, socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.on('error', (error) => this.problems.push(`relay ${from}→${to}: ${error.message}`));
    const { port } = server.address() as { port: number };
    const locator = formatTcpLocator(tcpLocation(parseTcpLocator(target).designator, { host: '127.0.0.1', port }));
    this.relays.set(key, { server, locator });
    return locator;
  }

  /** `from`'s process connected to its relay for `to`: in the page network, `from` dials `to`. */
  private dialled(from: string, to: string, socket: Socket): void {
    const conn = `relay-${++this.relayConns}`;
    this.send({ type: 'dial', node: from, conn, target: to });
    this.attach(from, conn, socket, false, this.locators[to] ? parseTcpLocator(this.locators[to]) : tcpLocation(to, { host: '127.0.0.1', port: 1 }));
  }

  /** App and node events a steered process reported, into the page after what came before. */
  events(node: string, events: unknown[]): void {
    this.send({ type: 'events', node, conn: '', events });
  }

  private fromPage(message: OutMessage): unknown {
    if (message.type === 'control') return this.controller?.(message.node, message.command) ?? Promise.reject(new Error(`${message.node} is not a steered process`));
    const key = `${message.node}/${message.conn}`;
    if (message.type === 'open') return this.open(message.node, message.conn);
    const link = this.links.get(key);
    if (!link) return;
    if (message.type === 'write') link.stream.write(Uint8Array.from(message.bytes ?? []));
    else if (message.type === 'reset') {
      // An RST, so the process sees its connection broken (ECONNRESET), not closed.
      this.links.delete(key);
      link.stream.broken('reset by the network');
      link.socket.resetAndDestroy();
    } else link.stream.close();
  }

  private open(node: string, conn: string): void {
    const locator = this.locators[node];
    if (!locator) return;
    const location = parseTcpLocator(locator);
    const { host, port } = tcpAddressOf(location);
    this.attach(node, conn, connect({ host, port }), true, location);
  }

  /** Carries one socket of `node`'s process to and from the page as connection `conn`. */
  private attach(node: string, conn: string, socket: Socket, outgoing: boolean, location: ReturnType<typeof parseTcpLocator>): void {
    const spec = this.plan.topology.nodes.find((n) => n.name === node)?.external;
    if (!spec) return;
    const key = `${node}/${conn}`;
    const stream = new StreamConnection(
      conn,
      outgoing,
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
      // Ended by the page (a reset fault): the page already knows.
      if (this.links.get(key)?.stream !== stream) return;
      this.links.delete(key);
      this.send({ type: 'end', node, conn, reason: end.kind === 'reset' ? end.reason : end.kind });
    });
    this.links.set(key, { socket, stream });
  }

  private send(message: { type: 'message' | 'end' | 'dial' | 'events'; node: string; conn: string; bytes?: number[]; reason?: string; target?: string; events?: unknown[] }): void {
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
    for (const { server } of this.relays.values()) server.close();
    this.relays.clear();
    await Promise.all(this.launched.map((p) => p.stop()));
  }
}
