/**
 * Goblins nodes as processes: for a case whose nodes run on the `goblins` driver, starts one
 * Guile process per such node (drivers/goblins/peer.scm, loading Goblins from
 * OCAPN_GOBLINS_PATH), turns each into an external node of the plan reached at its own locator,
 * and steers it: kickoffs the page schedules for it become commands on its stdin, and the app
 * events it reports (call-originated, call-dispatched, settled, …) enter the recording. Every
 * other node is reached through a relay of the external bridge, so every frame a Goblins node
 * writes or reads crosses the page network: recorded, decoded, checked and faultable.
 * Guarantees: `stop()` ends every process and removes the init files, whatever happened; a
 * command the process does not acknowledge within 10 s fails with its stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initSexpr, kickoffCommand, parsePeerLine, peersCommand, shutdownCommand, type Json } from '../drivers/goblins/commands.js';
import { findGoblins, guileEnv, peerProgram } from '../drivers/goblins/install.js';
import { GOBLINS_UNSET_REASON } from '../drivers/goblins/info.js';
import type { HostCommand, HostEvent } from '../sim/protocol.js';
import type { Plan } from '../scenario/plan.js';
import type { ExternalPeers } from '../external/external-peers.js';
import { goblinsNodesOf } from './goblins-skips.js';
import { launchPeer, type LaunchedPeer } from '../external/launch-peer.js';
import { fromTyped, typedArgs } from './goblins-passables.js';
import { passableNameOf } from '../sim/worker-side/apps/passables.js';

const ACK_MS = 10_000;

export class GoblinsPeers {
  private readonly launched = new Map<string, LaunchedPeer>();
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  private nextId = 1;
  private dir: string | undefined;
  private env: NodeJS.ProcessEnv = process.env;
  private bridge: ExternalPeers | undefined;
  /** Events reported before the bridge was attached (none in practice: no kickoff yet). */
  private readonly early: { node: string; event: HostEvent }[] = [];
  /** Kickoffs whose args hold library values: their settled values are named when they are one. */
  private readonly library = new Set<string>();
  readonly nodes: string[];

  constructor(
    private readonly plan: Plan,
    driver: string,
  ) {
    this.nodes = goblinsNodesOf(plan, driver);
  }

  /** Starts the processes; returns the plan with each Goblins node as an external node at its locator. */
  async start(): Promise<Plan> {
    if (this.nodes.length === 0) return this.plan;
    const install = findGoblins();
    if (!install) throw new Error(GOBLINS_UNSET_REASON);
    if (install.problem) throw new Error(install.problem);
    this.dir = mkdtempSync(path.join(tmpdir(), 'ocapn-goblins-'));
    const env = guileEnv(install);
    const locators: Record<string, string> = {};
    this.env = env;
    await Promise.all(
      this.nodes.map(async (name) => {
        const node = this.plan.topology.nodes.find((n) => n.name === name)!;
        writeFileSync(this.initFile(name), initSexpr({ name, designator: name, apps: node.apps, sturdyrefs: node.sturdyrefs }));
        locators[name] = await this.launch(name);
      }),
    );
    return {
      ...this.plan,
      topology: {
        ...this.plan.topology,
        nodes: this.plan.topology.nodes.map((n) => (n.name in locators ? { ...n, external: { locator: locators[n.name], command: null, framing: 'none' as const, dialect: null } } : n)),
      },
    };
  }

  private initFile(name: string): string {
    return path.join(this.dir!, `${name}.scm`);
  }

  /** Starts `name`'s process from its init file; its locator. */
  private async launch(name: string): Promise<string> {
    // A first start on a fresh cache compiles peer.scm; later starts take well under a second.
    const peer = await launchPeer(['guile', peerProgram(), this.initFile(name)], { env: this.env, timeoutMs: 120_000, onLine: (line) => this.line(name, line) });
    this.launched.set(name, peer);
    return peer.locator;
  }

  /** Tells `from`'s process where every node is: itself, and a relay for each other node. */
  private async introduce(from: string): Promise<void> {
    const bridge = this.bridge!;
    const peers: Record<string, string> = {};
    for (const n of this.plan.topology.nodes) peers[n.name] = n.name === from ? bridge.locators[from] : await bridge.relay(from, n.name);
    await this.command(from, (id) => peersCommand(id, peers));
  }

  /** A kill or stop step: the process ends at once (SIGKILL); its sockets die with it. */
  private async kill(node: string): Promise<void> {
    const peer = this.launched.get(node);
    if (!peer) return;
    this.launched.delete(node);
    try {
      process.kill(peer.pid, 'SIGKILL');
    } catch {
      // Already gone (a stop step's shutdown ended it).
    }
    await peer.stop();
  }

  /** A fresh restart: a new process from the same init file (the same apps under the same swiss
   * numbers, nothing else kept), found by the bridge at its new address. */
  private async restart(node: string): Promise<void> {
    await this.kill(node);
    this.bridge!.locators[node] = await this.launch(node);
    await this.introduce(node);
  }

  /** After the bridge started: tells each process where every other node is, and takes its commands. */
  async attach(bridge: ExternalPeers): Promise<void> {
    if (this.nodes.length === 0) return;
    this.bridge = bridge;
    bridge.controller = (node, command) => this.control(node, command as HostCommand | { type: 'kill' });
    for (const { node, event } of this.early.splice(0)) bridge.events(node, [event]);
    for (const from of this.nodes) await this.introduce(from);
  }

  private async control(node: string, command: HostCommand | { type: 'kill' }): Promise<{ events: HostEvent[]; error?: { message: string } }> {
    try {
      if (command.type === 'kill') await this.kill(node);
      else if (command.type === 'init') await this.restart(node);
      else if (command.type === 'kickoff') {
        const send = command.send;
        // Library values travel typed (goblins-passables.ts); other args as plain JSON.
        const library = JSON.stringify(send.args).includes('"$passable"');
        if (library) this.library.add(send.kickoff);
        const args = (library ? typedArgs(send.args) : send.args) as Json[];
        await this.command(node, (id) => kickoffCommand(id, { ...send, args }));
      } else if (command.type === 'shutdown') await this.command(node, (id) => shutdownCommand(id));
      else throw new Error(`goblins driver: a Goblins node cannot take "${command.type}" (driver gap)`);
      return { events: [] };
    } catch (error) {
      return { events: [], error: { message: (error as Error).message } };
    }
  }

  private command(node: string, write: (id: number) => string): Promise<void> {
    const peer = this.launched.get(node);
    if (!peer) return Promise.reject(new Error(`goblins driver: no process for node ${node}`));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`goblins node ${node} did not acknowledge command ${id} within ${ACK_MS} ms; its stderr:\n${tail(peer.stderr())}`));
      }, ACK_MS);
      this.waiting.set(id, { resolve, reject, timer });
      peer.send(write(id));
    });
  }

  private line(node: string, text: string): void {
    const line = parsePeerLine(text);
    if (line.t === 'ack') {
      const w = this.waiting.get(line.id);
      if (!w) return;
      clearTimeout(w.timer);
      this.waiting.delete(line.id);
      w.resolve();
    } else if (line.t === 'ev') {
      const event: HostEvent = { kind: 'app', event: this.libraryValue(line.ev) as HostEvent & { kind: 'app' } extends { event: infer E } ? E : never };
      if (this.bridge) this.bridge.events(node, [event]);
      else this.early.push({ node, event });
    } else if (line.t === 'mark') {
      // A harness app's traced path, as the worker host reports it (apps/app-context.ts mark).
      const event: HostEvent = { kind: 'node', event: { type: 'mark', name: line.name } };
      if (this.bridge) this.bridge.events(node, [event]);
      else this.early.push({ node, event });
    } else {
      // Not something the peer program writes: kept as a mark so the run shows it.
      const name = line.t === 'error' ? `goblins:error ${line.message}` : `goblins:unreadable ${line.line.slice(0, 200)}`;
      const event: HostEvent = { kind: 'node', event: { type: 'mark', name } };
      if (this.bridge) this.bridge.events(node, [event]);
    }
  }

  /** A settled event as the worker host reports one: a library kickoff's value that is exactly
   * a library value becomes `{ $passable: name }` (kickoffs.ts does the same in a worker). */
  private libraryValue(ev: Record<string, unknown>): Record<string, unknown> {
    const { typed, ...rest } = ev;
    if (typed === undefined || rest.event !== 'settled' || !this.library.has(String(rest.kickoff))) return rest;
    const name = passableNameOf(fromTyped(typed));
    return name === undefined ? rest : { ...rest, value: { $passable: name } };
  }

  async stop(): Promise<void> {
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
    await Promise.all([...this.launched.values()].map((p) => p.stop()));
    this.launched.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function tail(text: string): string {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith(';;;'))
    .slice(-12)
    .join('\n');
}
