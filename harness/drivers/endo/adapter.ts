/**
 * The `endo` driver: endo's own @endo/ocapn client behind the driver interface, on the same
 * World (page-owned network, virtual clock, seeded randomness) the reference node gets.
 * Bundled only into the endo worker (page/endo-worker.ts), whose build resolves every @endo/*
 * import — this module's, the harness apps' and endo's own — to the one checkout named by
 * OCAPN_ENDO_PATH, so a worker never holds two copies of pass-style.
 * How endo is wired:
 * - netlayer: endo's netlayer contract (`registerNetlayer((handlers) => netlayer)`) over World
 *   connections (one for the simulated transport, one for the `tcp-testing-only` locations of
 *   external processes); the World already carries whole messages, so no framing;
 * - sturdyrefs: `registerSturdyRef` fills endo's swissnum table; `enliven` goes through endo's
 *   `makeSturdyRef` + `enlivenSturdyRef` (so the fetch on the wire is endo's own);
 * - keys: endo draws Ed25519 keys from @noble's `crypto.getRandomValues`, which the bundle
 *   resolves to seeded-crypto.ts, fed from `world.random`: transcripts replay;
 * - events: `session-open`/`session-closed` from endo's session manager (debug mode);
 *   `export-added` read from each session's debug table as frames are written (endo numbers its
 *   exports from 1 in one sequence for objects and promises, and probing the next positions after
 *   every write sees each as the frame carrying it leaves); settle events and tables are not
 *   exposed (info.ts);
 * - presences: endo names an import `Remote Object N`, without its peer; `interfaceOf` gives the
 *   harness's `<peer> import N` from the session table that holds it, so results can be followed;
 * - op:flush: on the endo branch that speaks it, the importer's side is the session's debug
 *   `flushExport(importedPromise)`; `flush-sent`/`flush-done` events are reported around it;
 * - release by collection: endo drops an import only when its FinalizationRegistry sees the
 *   presence collected, so import collection is on only for a node the plan has release something
 *   (NodeOptions.releases; elsewhere an unasked-for collection would write op:gc-exports at the
 *   engine's whim). At a release step the host lets go of its holds (Driver.releaseByCollection),
 *   then `release` forces gc() in later turns until the presence is gone and endo's finalizer
 *   has written its op:gc-exports; a presence endo itself still holds (FINDINGS E9) is marked
 *   `endo:not-collected` and nothing is written, for the scenario's expectations to judge.
 * - logger: a quiet one (endo's default stamps lines with wall time); errors become `mark`
 *   events `endo:error` so a transcript shows what endo complained about.
 */
import { makeClient, swissnumFromBytes } from '@endo/ocapn';
import { getInterfaceOf } from '@endo/pass-style';
import type { Client, EndoConnection, EndoNetLayer, Logger, NetlayerHandlers, OcapnDebug, OcapnLocation } from '@endo/ocapn';
import type { Connection, ConnectionEnd, PeerLocation, World } from '../../ocapn/world.js';
import type { Driver, DriverNode, NodeConfig, NodeEvent, RemoteRef, SturdyRefLocator, TableSnapshot } from '../driver.js';
import { ENDO_DRIVER_NAME, ENDO_FEATURE_GAPS, ENDO_FEATURES, ENDO_TABLES_GAP } from './info.js';
import { useSeededRandom } from './seeded-crypto.js';

const encoder = new TextEncoder();
const TCP_TESTING = 'tcp-testing-only';

function toEndoLocation(location: PeerLocation): OcapnLocation {
  return { type: 'ocapn-peer', transport: location.transport, designator: location.designator, hints: location.hints };
}

function toPeerLocation(location: OcapnLocation): PeerLocation {
  return { transport: location.transport, designator: location.designator, hints: location.hints };
}

/** Locators.md URI form, which endo keys its sessions and netlayers by. */
function locationId(location: PeerLocation): string {
  let uri = `ocapn://${location.designator}.${location.transport}`;
  const hints = location.hints;
  if (hints) {
    const keys = Object.keys(hints).sort();
    if (keys.length > 0) uri += `?${keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(hints[k]))}`).join('&')}`;
  }
  return uri;
}

function hex(buffer: ArrayBufferLike): string {
  // endo's ids may be immutable ArrayBuffers (a shim): slice() gives an ordinary copy to view.
  const bytes = new Uint8Array((buffer as ArrayBuffer).slice(0));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function describe(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : '')).filter((s) => s !== '').join(' ');
}

function unsupported(what: string, gap: string): Error {
  return new Error(`endo driver: ${what} is not supported: ${gap}`);
}

/** Forced collections a release tries before it says the presence is still held. */
const GC_ROUNDS = 20;
/** Turns a collected import gets for endo's finalizer (a task of its own) to write its op:gc-*. */
const FINALIZE_TURNS = 20;

let turnChannel: MessageChannel | undefined;
const turnWaiting: (() => void)[] = [];

/** The next macrotask (a MessageChannel hop): a fresh job, so WeakRefs deref'd before no longer
 * keep their targets, and FinalizationRegistry callbacks queued by a gc() have run. */
function nextTurn(): Promise<void> {
  if (!turnChannel) {
    turnChannel = new MessageChannel();
    turnChannel.port1.onmessage = () => turnWaiting.shift()?.();
  }
  const channel = turnChannel;
  return new Promise((resolve) => {
    turnWaiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

function engineGc(): () => void {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') throw unsupported('release', 'this engine exposes no gc() (Chromium needs --js-flags=--expose-gc, harness/cli/chromium.ts)');
  return gc as () => void;
}

class EndoNode implements DriverNode {
  readonly name: string;
  readonly location: PeerLocation;
  private readonly client: Client;
  private readonly ready: Promise<unknown>;
  private handlers: NetlayerHandlers | undefined;
  private netlayer: EndoNetLayer | undefined;
  private readonly listeners: ((event: NodeEvent) => void)[] = [];
  /** Endo connections whose session we reported open → the peer it was with. */
  private readonly open = new Map<EndoConnection, string>();
  /** Per connection, the next export position not yet reported (endo's first is 1). */
  private readonly nextExport = new Map<EndoConnection, number>();
  /** Frames endo has written, on every connection (a release waits for its finalizer's). */
  private writes = 0;
  /** Whether endo collects imports here (only where the plan releases: NodeOptions.releases). */
  private readonly collects: boolean;

  constructor(
    config: NodeConfig,
    private readonly world: World,
  ) {
    this.name = config.name;
    this.location = world.netlayer.location;
    useSeededRandom(world.random.fork('endo:crypto'));
    this.collects = config.options.releases === true;
    const logger: Logger = {
      log: () => {},
      info: () => {},
      error: (...args: unknown[]) => this.emit({ type: 'mark', name: 'endo:error', detail: describe(args) }),
    };
    this.client = makeClient({
      debugLabel: config.name,
      swissnumTable: new Map(),
      giftTable: new Map(),
      enableImportCollection: this.collects,
      debugMode: true,
      logger,
    });
    // endo calls the factory synchronously inside registerNetlayer, so incoming connections
    // accepted from now on already have handlers.
    this.ready = this.client.registerNetlayer((handlers) => {
      this.handlers = handlers;
      this.netlayer = this.makeNetlayer();
      return this.netlayer;
    });
    world.netlayer.onAccept((connection) => this.attach(connection));
    // Sturdyrefs of external processes (a Goblins node, `serve`) name `tcp-testing-only`; the
    // World reaches those like any node (through the page network), so endo gets a netlayer for
    // that transport too, or its enliven breaks with "Netlayer not registered" (FINDINGS H1).
    if (this.location.transport !== TCP_TESTING) this.ready = Promise.all([this.ready, this.client.registerNetlayer(() => this.tcpNetlayer())]);
  }

  /** Dials `tcp-testing-only` locations through the World; its own location is this node's
   * under that transport (the World accepts every connection on the node's one listener). */
  private tcpNetlayer(): EndoNetLayer {
    const own: PeerLocation = { ...this.location, transport: TCP_TESTING };
    const netlayer: EndoNetLayer = {
      location: toEndoLocation(own),
      locationId: locationId(own),
      connect: (remote: OcapnLocation) => this.attach(this.world.netlayer.connect(toPeerLocation(remote)), netlayer),
      shutdown: () => {},
    };
    return netlayer;
  }

  private emit(event: NodeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private makeNetlayer(): EndoNetLayer {
    const location = toEndoLocation(this.world.netlayer.location);
    const netlayer: EndoNetLayer = {
      location,
      locationId: locationId(this.world.netlayer.location),
      connect: (remote: OcapnLocation) => this.attach(this.world.netlayer.connect(toPeerLocation(remote))),
      shutdown: () => this.world.netlayer.shutdown(),
    };
    return netlayer;
  }

  /** Wraps a World connection as an endo connection and routes its traffic into endo. */
  private attach(connection: Connection, netlayer = this.netlayer): EndoConnection {
    const handlers = this.handlers;
    if (!handlers || !netlayer) throw new Error('endo driver: connection before endo registered its netlayer');
    const endoConnection = handlers.makeConnection(netlayer, connection.outgoing, {
      write: (bytes) => {
        this.writes++;
        this.noticeExports(endoConnection);
        connection.write(bytes);
      },
      end: () => connection.close(),
    });
    connection.onMessage((message) => {
      handlers.handleMessageData(endoConnection, message);
      this.noticeSession(endoConnection);
    });
    connection.onClose((end) => {
      // endo carries this Error as the `cause` of every question it breaks (break-rules.ts reads it).
      handlers.handleConnectionClose(endoConnection, end.kind === 'reset' ? new Error(`connection reset: ${end.reason}`) : undefined);
      this.noticeClose(endoConnection, end);
    });
    return endoConnection;
  }

  private noticeSession(connection: EndoConnection): void {
    if (this.open.has(connection)) return;
    const session = this.client._debug?.sessionManager.getSessionForConnection(connection);
    if (!session) return;
    const peer = session.peer.location.designator;
    this.open.set(connection, peer);
    this.emit({ type: 'session-open', peer, sessionId: hex(session.id) });
  }

  /** Reports the exports endo made on this connection's session since the last write. */
  private noticeExports(connection: EndoConnection): void {
    const session = this.client._debug?.sessionManager.getSessionForConnection(connection);
    const table = session?.ocapn?._debug?.ocapnTable;
    if (!session || !table) return;
    const peer = session.peer.location.designator;
    for (let position = this.nextExport.get(connection) ?? 1; ; position++) {
      const object = table.getValueForSlot(`o+${position}`);
      const promise = object === undefined ? table.getValueForSlot(`p+${position}`) : undefined;
      if (object === undefined && promise === undefined) {
        this.nextExport.set(connection, position);
        return;
      }
      const iface = object !== undefined ? getInterfaceOf(object) : undefined;
      this.emit({ type: 'export-added', peer, position, kind: object !== undefined ? 'object' : 'promise', ...(iface !== undefined ? { object: iface } : {}) });
    }
  }

  /** `Alleged: <peer> import <position>` for a presence endo imported on a live session. */
  interfaceOf(value: object): string | undefined {
    const held = this.importedObject(value);
    return held && `Alleged: ${held.peer} import ${held.slot.slice(2)}`;
  }

  /** The live session and slot (`o-<position>`) under which endo imported `value` as an object. */
  private importedObject(value: object): { peer: string; slot: string } | undefined {
    for (const { peer, debug } of this.liveSessions()) {
      const slot = debug.ocapnTable.getSlotForValue(value);
      if (slot?.startsWith('o-')) return { peer, slot };
    }
    return undefined;
  }

  private noticeClose(connection: EndoConnection, end: ConnectionEnd): void {
    const peer = this.open.get(connection);
    if (peer === undefined) return;
    this.open.delete(connection);
    const reason = end.kind === 'reset' ? end.reason : end.kind === 'closed' ? 'connection closed by peer' : 'connection closed locally';
    this.emit({ type: 'session-closed', peer, reason });
  }

  registerSturdyRef(swiss: string, object: object): SturdyRefLocator {
    this.client.registerSturdyRef(swiss, object);
    return { location: this.location, swiss };
  }

  async enliven(locator: SturdyRefLocator): Promise<RemoteRef> {
    await this.ready;
    const ref = this.client.makeSturdyRef(toEndoLocation(locator.location), swissnumFromBytes(encoder.encode(locator.swiss)));
    return this.client.enlivenSturdyRef(ref);
  }

  /** Each live session's peer and endo's debug view of it (endo's per-session `ocapn._debug`). */
  private liveSessions(): { peer: string; debug: OcapnDebug }[] {
    const live: { peer: string; debug: OcapnDebug }[] = [];
    for (const [connection, peer] of this.open) {
      const debug = this.client._debug?.sessionManager.getSessionForConnection(connection)?.ocapn?._debug;
      if (debug) live.push({ peer, debug });
    }
    return live;
  }

  /** The importer's op:flush through endo's own `flushExport`, which takes the imported promise
   * itself and resolves on op:flush-done. Checked here too: a checkout without it refuses. */
  private async flushImport(peer: string, debug: OcapnDebug, value: object, slot: string): Promise<void> {
    if (typeof debug.flushExport !== 'function') throw unsupported('op:flush', ENDO_FEATURE_GAPS['op:flush']);
    if (!slot.startsWith('p-')) {
      throw new Error(`endo driver: flush: endo holds this reference as ${slot} on the session with ${peer}; endo flushes only an imported promise (p-N)`);
    }
    const position = Number(slot.slice(2));
    const done = debug.flushExport(value);
    this.emit({ type: 'flush-sent', peer, position });
    await done;
    this.emit({ type: 'flush-done', peer, position });
  }

  async flush(ref: RemoteRef): Promise<void> {
    for (const { peer, debug } of this.liveSessions()) {
      const slot = debug.ocapnTable.getSlotForValue(ref as object);
      if (slot !== undefined) return this.flushImport(peer, debug, ref as object, slot);
    }
    // endo answers a question only once its result settles, so the promise E() returned is never
    // itself an imported promise endo could flush.
    throw new Error('endo driver: flush: the reference is not an import of any live endo session (a question endo asked is not an import)');
  }

  async flushPosition(peer: string, position: number): Promise<void> {
    const session = this.liveSessions().find((s) => s.peer === peer);
    if (!session) throw new Error(`endo driver: flush: no live session with ${peer}`);
    const slot = `p-${position}`;
    const value = session.debug.ocapnTable.getValueForSlot(slot);
    if (value === undefined) throw new Error(`endo driver: flush: no imported promise at position ${position} from ${peer}`);
    return this.flushImport(peer, session.debug, value, slot);
  }

  /** Explicit GC the only way endo has: the host has let go of `ref` (releaseByCollection), so
   * once this frame is gone only endo's weak table and this WeakRef see the presence. */
  release(ref: RemoteRef | Promise<unknown>): Promise<void> {
    if (!this.collects) throw new Error('endo driver: release: import collection is off on this node (the plan names no release by it: NodeOptions.releases)');
    const gc = engineGc();
    const held = this.importedObject(ref as object);
    if (!held) throw new Error('endo driver: release: the reference is not an imported object of any live endo session (endo collects answers and promises on its own, not on request)');
    return this.collect(new WeakRef(ref as object), `${held.peer}'s ${held.slot}`, gc);
  }

  private async collect(presence: WeakRef<object>, what: string, gc: () => void): Promise<void> {
    const before = this.writes;
    for (let round = 0; round < GC_ROUNDS; round++) {
      await nextTurn();
      gc();
      await nextTurn();
      if (presence.deref() === undefined) {
        // A session already ended writes nothing (endo's finalizer sees it unplugged).
        for (let turn = 0; turn < FINALIZE_TURNS && this.writes === before; turn++) await nextTurn();
        return;
      }
    }
    // endo still holds it (FINDINGS E9: a spent answer resolver keeps the answer's value): the
    // release writes nothing, which the transcript says and the scenario's expectations judge.
    this.emit({ type: 'mark', name: 'endo:not-collected', detail: `${what}: still reachable after ${GC_ROUNDS} forced collections; endo writes no op:gc-exports for it` });
  }

  releasePosition(): void {
    throw unsupported('release by position', 'the driver can let go only of what the host holds: a position names an import the apps may hold too');
  }

  tables(): TableSnapshot {
    throw unsupported('tables()', ENDO_TABLES_GAP);
  }

  onEvent(handler: (event: NodeEvent) => void): void {
    this.listeners.push(handler);
  }

  async shutdown(): Promise<void> {
    await this.ready;
    this.client.shutdown();
  }

  exportState(): Record<string, never> {
    return {};
  }
}

export const endoDriver: Driver = {
  name: ENDO_DRIVER_NAME,
  conforming: true,
  features: ENDO_FEATURES,
  featureGaps: ENDO_FEATURE_GAPS,
  tablesGap: ENDO_TABLES_GAP,
  releaseByCollection: true,
  makeNode: (config: NodeConfig, world: World): DriverNode => new EndoNode(config, world),
};
