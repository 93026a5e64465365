/**
 * What a step's effect may ask of the simulation: the port each step module's `effect` is written
 * against, declared here by the language and implemented by harness/sim/ (run-steps.ts), so a
 * kind's effect lives in its module and the page, which runs the simulation, loads the modules
 * (they reach no Node API and no YAML parser). Everything is in the Plan's terms (node names,
 * references, waits); the network's and the workers' own shapes stay behind it.
 * Guarantees the implementation gives: each call is recorded by the network as the matching
 * `fault` event before its consequences; nothing here reads wall time or ambient randomness.
 */
import type { PlanRef, PlanWait } from '../plan-values.js';
import type { CorruptPart, PartitionMode, RestartMode } from '../vocabulary.js';

/** What the network puts on the wire for one written frame: itself altered (one), copied (two),
 * or nothing; `detail` is the recording's note of what was done. */
export type FrameRewrite = (bytes: Uint8Array) => { frames: Uint8Array[]; detail: string };

/** The frames a frame fault applies to: the next one from source to target with this label. */
export interface FrameMatch {
  source: string;
  target: string;
  frame: string;
}

export interface SimPort {
  /** The virtual clock now. */
  readonly nowMs: number;
  /** Runs until the wait's condition, its timeout or the deadline; true when the condition held. */
  wait(until: PlanWait, timeoutMs: number): Promise<boolean>;
  /** Adds a line to the recording's step log, under the step's index. */
  note(index: number, text: string): void;
  /** Starts a kickoff declared with `at: step`, now. */
  startKickoff(name: string): void;
  /** The holder's node sends op:flush for the reference (named for its outcome when `name`). */
  flush(node: string, peer: string, ref: PlanRef, name: string | null): Promise<void>;
  /** The holder drops its reference (explicit GC). */
  release(node: string, peer: string, ref: PlanRef): Promise<void>;
  /** Records the tables of `nodes` (default: every live node) under `label`. */
  snapshotTables(label: string, nodes?: readonly string[]): Promise<void>;
  pause(node: string): void;
  resume(node: string): void;
  kill(node: string): Promise<void>;
  stop(node: string): Promise<void>;
  restart(node: string, mode: RestartMode): Promise<void>;
  partition(a: string, b: string, mode: PartitionMode): void;
  heal(a: string, b: string): void;
  reset(a: string, b: string): void;
  stall(a: string, b: string, forMs: number): void;
  /** Arms `rewrite` for the next matching frame when it is written, recorded as a `fault` event
   * named `fault` (the step's kind: typed as a string, since the Plan's fault names are derived
   * from the registry that this port is part of). */
  armFrameFault(match: FrameMatch, fault: string, rewrite: FrameRewrite): void;
  /** The frames in flight from source to target (on each connection, up to `window` of them)
   * arrive in an order drawn from the run's seed, recorded as a `fault` event named `fault`. */
  reorderInFlight(source: string, target: string, window: number, fault: string): void;
  /** The rewrite that alters `part` of a frame (the network knows where it sits in the bytes). */
  corruption(part: CorruptPart): FrameRewrite;
}
