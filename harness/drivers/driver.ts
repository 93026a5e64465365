/**
 * The driver interface: what the simulation's worker host needs from an OCapN implementation
 * under test. Drivers: `reference` (harness/ocapn), its mutants, later an endo checkout.
 * Point of view: one node, inside one worker. The host builds app objects (harness apps are
 * ordinary Endo code: `Far` objects that call others with `E()` from @endo/eventual-send), so a
 * driver must (1) export Far objects it is given and (2) hand back remote references that work
 * with `E()` (HandledPromise presences / promises).
 * Contract version: bump DRIVER_API_VERSION on any substantive change (documented in harness/drivers/README.md).
 */
import type { Dialect, FlushDesign, NodeEvent, SturdyRefLocator, TableSnapshot } from '../ocapn/node-types.js';
import type { PeerLocation, World } from '../ocapn/world.js';

/** The node-facing types are declared once, in harness/ocapn/node-types.ts; drivers use them from here. */
export type { Dialect, FlushDesign, NodeEvent, SessionTables, SturdyRefLocator, TableEntry, TableSnapshot } from '../ocapn/node-types.js';

export const DRIVER_API_VERSION = 1;

export interface NodeOptions {
  dialect: Dialect;
  flush: FlushDesign;
  /** Third-party references: re-exported (`proxy`) or handed off (`shorten`, the default of the
   * reference node); scenarios default to `proxy`. */
  handoffs?: 'proxy' | 'shorten';
  /** Strict forwarding of calls relayed through another peer's promise (harness/ocapn/options.ts). */
  strictForwarding?: boolean;
  /** Limit overrides a scenario sets (today only the inactivity timeout; harness/ocapn/limits.ts). */
  limits?: { inactivityTimeoutMs?: number };
  /** Set when the plan has this node release something: a driver that drops imports only by
   * collecting them (Driver.releaseByCollection) turns collection on for that node alone. */
  releases?: true;
}

export interface NodeConfig {
  /** Harness-only name (documented as such); also the `sim` designator. */
  name: string;
  /** 32 bytes; every key the node uses derives from it, so the same seed gives the same bytes. */
  identitySeed: Uint8Array;
  options: NodeOptions;
  /** From `exportState()` of a previous incarnation when restarting with `keep`. */
  restoredState?: PersistentState;
  /** 0 for the first start; +1 at every restart (keep or fresh). */
  incarnation: number;
}

/** JSON-serialisable node state that survives a restart with `keep`. */
export type PersistentState = { [key: string]: unknown };

/** A remote reference as the driver hands it out: usable with `E()`. */
export type RemoteRef = object;

export interface DriverNode {
  readonly name: string;
  readonly location: PeerLocation;
  /** Export `object` (a Far object built by the host) under `swiss` at this node. */
  registerSturdyRef(swiss: string, object: object): SturdyRefLocator;
  /** Opens (or reuses) a session to the locator's peer and fetches the object. */
  enliven(locator: SturdyRefLocator): Promise<RemoteRef>;
  /** Importer side of op:flush (receiver-initiated form): sends `<op:flush N>` to the peer that
   * exported `ref`, resolves on `<op:flush-done N>`, rejects if the session ends first. */
  flush(ref: RemoteRef): Promise<void>;
  /** Same, naming the export by the peer and its position. */
  flushPosition(peer: string, position: number): Promise<void>;
  /** Explicit GC: drop this node's hold on `ref` (an import → op:gc-exports with the wire delta;
   * a question's promise → op:gc-answers). A driver that releases by collection
   * (Driver.releaseByCollection) returns a promise settled once the collection has run. */
  release(ref: RemoteRef | Promise<unknown>): void | Promise<void>;
  /** Same, naming the import by the peer and its position there (the peer's export position):
   * → op:gc-exports with the wire delta. Throws if there is no such live session or import. */
  releasePosition(peer: string, position: number): void;
  tables(): TableSnapshot;
  onEvent(handler: (event: NodeEvent) => void): void;
  /** Graceful stop: close every session cleanly, send nothing after. */
  shutdown(): Promise<void>;
  exportState(): PersistentState;
  /**
   * Optional: runs app code as one transactional turn — what it sends (eventual sends included)
   * is written only if it returns; settles when the turn ended (broken with the turn's reason if
   * it threw). Drivers without turns leave it out and apps run the code directly.
   */
  turn?<T>(fn: () => T): Promise<T>;
  /**
   * Optional: the interface name a result recording shows for `value`, when the driver's own
   * presences do not carry the harness's form (`Alleged: <peer> import <position>`, which
   * reference-identity.ts follows to the object). Undefined: the value's own interface name.
   */
  interfaceOf?(value: object): string | undefined;
}

export interface Driver {
  readonly name: string;
  /** False for mutants: their runs are expected to fail named checks. */
  readonly conforming: boolean;
  /** For mutants: the defect planted, one line. */
  readonly defect?: string;
  /** Features this driver supports (scenario feature names); others are skipped with a reason. */
  readonly features: readonly string[];
  /** App-level defects a mutant plants in the harness's app library (e.g. `forwarder-reorders`);
   * the worker host applies them to the apps it builds. */
  readonly appDefects?: readonly string[];
  /** Why each missing feature is missing (the skip reason quotes it); features without an entry
   * are skipped with a generic reason. */
  readonly featureGaps?: Readonly<Record<string, string>>;
  /** Set when `tables()` cannot be answered: scenarios that snapshot tables are skipped with it. */
  readonly tablesGap?: string;
  /** Set when the driver drops an import only once the engine collects it: the host then lets go
   * of every hold it has on a released reference (kickoff results, lookups) before the driver's
   * `release` forces the collection. */
  readonly releaseByCollection?: boolean;
  makeNode(config: NodeConfig, world: World): DriverNode;
}
