/**
 * The page's half of the bridge to external nodes (other OS processes reached over TCP): each
 * external node gets a HostPort that, instead of a worker, hands what the network delivers to it
 * (accept, message, end) to Node through `window.ocapnBridgeOut` (exposed by the Playwright side,
 * which owns the sockets); what the process writes comes back through `incoming`/`ended` and
 * enters the page network as that node's writes, so it is recorded, decoded and checked like any
 * other node's frames. A process that dials another external node does so through a relay the
 * Node side owns (`dial`): in the page network it is one more connection between two nodes, so
 * link faults (partition, stall, reset) act on it as on any other; a reset reaches the socket
 * as an RST. Free-run only: the process runs in real time.
 * Quiescence: the page cannot see inside the process, so the bridge counts as busy until
 * `quietMs` of real time passed with no frame either way, and while a process has not yet
 * written on a connection since the page last wrote to it (a bounded wait: not every frame gets
 * a reply); then the run may call itself quiet.
 * Owns real time on purpose (that silence window).
 */
import type { HostCommand, HostEvent, HostReply } from '../sim/protocol.js';
import type { FreeRun } from '../sim/page-side/free-run.js';
import type { HostPort } from '../sim/page-side/runner.js';
import type { NetOutput } from '../sim/node-io.js';

/** Page → Node: what the network asks of an external node's connection (reset: the network
 * broke it — a reset or partition fault — so the socket is destroyed with an RST, not closed). */
export interface BridgeOut {
  type: 'open' | 'write' | 'close' | 'reset' | 'control';
  node: string;
  conn: string;
  bytes?: number[];
  /** For `control`: a host command for a steered process (a Goblins node), or `kill`: end its
   * process now (a kill or stop step). */
  command?: HostCommand | { type: 'kill' };
}

/** What the Node side answers a `control` message with. */
interface ControlReply {
  events?: HostEvent[];
  error?: { message: string };
}

/** Node → page: what the process wrote on a connection, that the connection ended, or (dial)
 * that the process connected to its relay for external node `target`: it dials `target`. */
export interface BridgeIn {
  /** events: app and node events a steered process reported on its own. */
  type: 'message' | 'end' | 'dial' | 'events';
  node: string;
  conn: string;
  bytes?: number[];
  reason?: string;
  target?: string;
  events?: HostEvent[];
}

type Out = (message: BridgeOut) => Promise<unknown>;

function outChannel(): Out {
  const out = (window as unknown as { ocapnBridgeOut?: Out }).ocapnBridgeOut;
  if (!out) throw new Error('external nodes need the Playwright side of the bridge (window.ocapnBridgeOut is missing); run the case through runInPage');
  return out;
}

export class PageBridge {
  private free: FreeRun | undefined;
  private lastActivity = performance.now();
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly out: Out = outChannel();
  /** Connections a process has not written on since they were opened, or since the page last
   * wrote to it → when, and how long that may keep the bridge busy. */
  private readonly owed = new Map<string, { since: number; forMs: number }>();
  private owedTimer: ReturnType<typeof setTimeout> | undefined;
  /** External nodes the harness steers (Goblins processes): they take kickoffs and report events. */
  private steered = new Set<string>();
  /** Steered nodes whose process has had its first start: a later `init` is a restart. */
  private started = new Set<string>();

  /**
   * @param quietMs silence that counts as quiet.
   * @param firstReplyMs how long a connection just opened to a process keeps the bridge busy
   *   while the process has not answered on it: its op:start-session needs key generation and a
   *   signature, which on a loaded machine can take longer than `quietMs`.
   * @param replyMs how long a frame written to a process keeps the bridge busy until the process
   *   writes again on that connection: under load an answer can take longer than `quietMs`
   *   (seen: a release sent before the fetch it releases had been answered). Bounded, because
   *   some frames (op:gc-exports, a one-way delivery) get no reply at all.
   */
  constructor(
    private readonly quietMs = 300,
    private readonly firstReplyMs = 5000,
    private readonly replyMs = 2000,
  ) {}

  attach(free: FreeRun): void {
    this.free = free;
  }

  /** Marks `nodes` as steered processes: their host commands go to the Node side as `control`. */
  steer(nodes: readonly string[]): void {
    this.steered = new Set(nodes);
  }

  /** A host command for a steered process. Kickoffs keep the bridge busy until the process
   * writes or reports (its first dial can take longer than `quietMs`). */
  private async control(node: string, command: HostCommand): Promise<HostReply> {
    // The first start is the process the Node side launched before the run; a later one is a
    // restart (a node fault), which the Node side does by starting a new process.
    if (command.type === 'init' && !this.started.has(node)) {
      this.started.add(node);
      return { id: 0, outputs: [], events: [] };
    }
    if (command.type === 'tables') return { id: 0, outputs: [], events: [], result: null };
    if (command.type === 'kickoff') this.owe(`${node}/control`, this.firstReplyMs);
    const reply = (await this.out({ type: 'control', node, conn: '', command })) as ControlReply | undefined;
    return { id: 0, outputs: [], events: reply?.events ?? [], ...(reply?.error ? { error: reply.error } : {}) };
  }

  /** True while frames crossed the bridge within the last `quietMs`, or a process owes a frame
   * on a connection (see `owed`) within its bound. */
  busy(): boolean {
    const now = performance.now();
    if (now - this.lastActivity < this.quietMs) return true;
    for (const { since, forMs } of this.owed.values()) if (now - since < forMs) return true;
    return false;
  }

  /** What keeps the bridge busy now, in words (undefined: nothing), for a wall-deadline note. */
  busyWhy(): string | undefined {
    const now = performance.now();
    const why: string[] = [];
    if (now - this.lastActivity < this.quietMs) why.push(`a frame crossed the bridge ${Math.round(now - this.lastActivity)} ms ago`);
    for (const [key, { since, forMs }] of this.owed) if (now - since < forMs) why.push(`${key} owes a reply since ${Math.round(now - since)} ms`);
    return why.length > 0 ? `external: ${why.join(', ')}` : undefined;
  }

  private touch(): void {
    this.lastActivity = performance.now();
    clearTimeout(this.quietTimer);
    // When the silence window ends, waiters must look again (they may now be quiescent).
    this.quietTimer = setTimeout(() => this.free?.pump(), this.quietMs + 1);
  }

  private owe(key: string, forMs: number): void {
    this.owed.set(key, { since: performance.now(), forMs });
    this.rearm();
  }

  /** One timer, at the latest end of the bounds still owed: when it fires the bridge can be quiet,
   * so waiters must look again. (It used to be re-set at each owe to that owe's own bound, so a
   * short bound set after a longer one dropped the longer one's wake-up: nothing re-checked the
   * waits once the longer bound ended, and a quiet run sat out its wall deadline.) */
  private rearm(): void {
    clearTimeout(this.owedTimer);
    const now = performance.now();
    let last = 0;
    for (const { since, forMs } of this.owed.values()) last = Math.max(last, since + forMs - now);
    if (last > 0) this.owedTimer = setTimeout(() => this.free?.pump(), last + 1);
  }

  port(node: string): HostPort {
    return {
      request: async (command: HostCommand): Promise<HostReply> => {
        this.touch();
        if (this.steered.has(node) && command.type !== 'net') return this.control(node, command);
        if (command.type === 'net') {
          const input = command.input;
          if (input.type === 'accept') {
            this.owe(`${node}/${input.conn}`, this.firstReplyMs);
            await this.out({ type: 'open', node, conn: input.conn });
          } else if (input.type === 'message') {
            // A connection still owing its first frame keeps that (longer) bound.
            if (!this.owed.has(`${node}/${input.conn}`)) this.owe(`${node}/${input.conn}`, this.replyMs);
            await this.out({ type: 'write', node, conn: input.conn, bytes: [...input.bytes] });
          }
          else if (input.type === 'end') {
            this.owed.delete(`${node}/${input.conn}`);
            this.rearm();
            await this.out({ type: input.end.kind === 'reset' ? 'reset' : 'close', node, conn: input.conn });
          }
        }
        // Nothing else reaches an external node (the scenario layer refuses kickoffs, flushes,
        // node faults and tables on it; link faults act in the page network, before this port);
        // a table request gets null: this node's tables cannot be listed (no snapshot is recorded).
        return { id: 0, outputs: [], events: [], ...(command.type === 'tables' ? { result: null } : {}) };
      },
      terminate: () => {
        clearTimeout(this.quietTimer);
        clearTimeout(this.owedTimer);
        // A kill or stop step during the run: a steered process is ended for real (SIGKILL).
        if (this.free && this.steered.has(node)) void this.out({ type: 'control', node, conn: '', command: { type: 'kill' } }).catch(() => undefined);
      },
    };
  }

  /** From Node: bytes the process wrote, or the end of its connection. */
  incoming(message: BridgeIn): void {
    const free = this.free;
    if (!free) return;
    this.touch();
    this.owed.delete(`${message.node}/${message.conn}`);
    this.owed.delete(`${message.node}/control`);
    this.rearm();
    if (message.type === 'events') {
      free.run.absorb(message.node, { id: 0, outputs: [], events: message.events ?? [] });
      free.pump();
      return;
    }
    const output: NetOutput =
      message.type === 'message'
        ? { type: 'write', conn: message.conn, bytes: new Uint8Array(message.bytes ?? []) }
        : message.type === 'dial'
          ? { type: 'connect', conn: message.conn, target: message.target ?? '' }
          : { type: 'close', conn: message.conn };
    try {
      free.run.net.apply(message.node, [output]);
    } catch {
      // The page already ended that connection (the peer closed it first): nothing to carry.
      return;
    }
    free.pump();
  }

  stop(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.owedTimer);
    this.free = undefined;
  }
}
