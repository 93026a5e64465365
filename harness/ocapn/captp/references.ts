/**
 * References across one session: presences and remote promises for what the peer hosts,
 * exports for what we host, questions we ask and how their answers come back.
 * Spec: CapTP draft "op:deliver", "op:listen", "Descriptors" (harness/ocapn/README.md,
 * "References").
 * View: ours. A presence is a HandledPromise presence whose handler turns `E(x).m(a)` into
 * `<op:deliver <desc:export N> ['m a] Q <desc:import-object R>>`; a remote promise is a
 * HandledPromise whose pending handler does the same (pipelining).
 * Guarantees: refcounts count occurrences per message (staged, committed by Session.send);
 * a reference hosted by ANOTHER session is handed off (a signed desc:handoff-give, when the node
 * asks for it: `host.giveHandoff`, handoff/gifter.ts) or else re-exported by this one (proxied).
 */
import { harden } from '../endo-setup.js';
import { Far, Remotable } from '@endo/pass-style';
import { receiveToken } from './receive-tokens.js';
import { Sym } from '../syrup/index.js';
import { descAnswer, descExport, descImportObject, descImportPromise, HandoffReceive, RefDesc, type HandoffGive, type Op, type SigEnvelope } from '../wire/index.js';
import type { Passable } from '../wire/index.js';
import { violation } from '../violation.js';
import { breakError } from '../break-reason.js';
import type { SessionPort } from './session-port.js';
import { internPeerSymbol } from '../peer-symbols.js';
import { fromPassable, toPassable, type RefHooks } from './marshal.js';
import { presences, remotePromises } from './invoke.js';
import type { ExportEntry, ImportEntry, QuestionEntry } from './tables.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const HP = (globalThis as any).HandledPromise as any;

/** Promises handed out to app code may never be awaited; their rejection is not our crash. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

function isThenable(value: object): boolean {
  return value instanceof Promise || typeof (value as { then?: unknown }).then === 'function';
}

export function hooksFor(session: SessionPort): RefHooks {
  return {
    isReference: (value) =>
      session.imports.byValue.has(value) || session.questionsByPromise.has(value) || session.exports.byValue.has(value) || isThenable(value),
    toDesc: (value) => toDesc(session, value),
    fromSymbol: (name) => internPeerSymbol(name, session.host.limits),
    fromDesc: (desc) => fromDesc(session, desc),
    // A handoff-receive certificate is data for the bootstrap's withdraw-gift, which checks it
    // and breaks that one answer if it is bad; a handoff-give stands for a third-party reference,
    // which the node follows (handoff/receiver.ts) unless it only proxies (then the session
    // cannot continue).
    fromHandoff: (envelope: SigEnvelope) =>
      envelope.signed instanceof HandoffReceive
        ? receiveToken(envelope as SigEnvelope<HandoffReceive>)
        : (session.host.receiveHandoff(session, envelope as SigEnvelope<HandoffGive>) ??
          violation('desc:sig-envelope: this node does not receive third-party handoffs (handoff-give)')),
  };
}

export function serialize(session: SessionPort, values: readonly unknown[]): Passable[] {
  const hooks = hooksFor(session);
  return values.map((v) => toPassable(v, hooks));
}

export function deserialize(session: SessionPort, values: readonly Passable[]): unknown[] {
  const hooks = hooksFor(session);
  return values.map((v) => fromPassable(v, hooks));
}

function toDesc(session: SessionPort, value: object): RefDesc | SigEnvelope<HandoffGive> {
  const imported = session.imports.byValue.get(value);
  if (imported) return descExport(imported.position);
  const question = session.questionsByPromise.get(value);
  if (question) return descAnswer(question.position);
  let entry = session.exports.byValue.get(value);
  let added = false;
  if (!entry) {
    const give = session.host.giveHandoff(session, value);
    if (give) return give;
    const kind = isThenable(value) ? 'promise' : 'object';
    entry = session.exports.add({ position: session.exports.takeNextPosition(), kind, value, refcount: 0 });
    added = true;
  }
  // The bootstrap's implicit export is not counted (CapTP draft, op:gc-exports); explicit sends of anything else are.
  if (entry.position !== 0n) session.staged?.push({ entry, added });
  return entry.kind === 'promise' ? descImportPromise(entry.position) : descImportObject(entry.position);
}

/** A descriptor for one of our own local objects (a resolver): never a handoff. */
export function localDesc(session: SessionPort, value: object): RefDesc {
  const desc = toDesc(session, value);
  if (!(desc instanceof RefDesc)) throw new Error('internal: a local object was handed off');
  return desc;
}

function fromDesc(session: SessionPort, desc: RefDesc): unknown {
  const n = desc.position;
  switch (desc.type) {
    case 'desc:export': {
      const entry = session.exports.get(n) ?? violation(`desc:export ${n} was never exported on this session`);
      return entry.value;
    }
    case 'desc:answer': {
      const entry = session.answers.get(n) ?? violation(`desc:answer ${n} is not an answer on this session`);
      return entry.promise;
    }
    case 'desc:import-object':
    case 'desc:import-promise': {
      const existing = session.imports.get(n);
      if (existing) {
        existing.refcount += 1;
        return existing.value;
      }
      const entry = desc.type === 'desc:import-object' ? makePresence(session, n) : makeRemotePromise(session, n);
      entry.refcount = 1;
      session.imports.add(entry);
      if (entry.kind === 'promise') listenTo(session, entry);
      return entry.value;
    }
  }
}

/** What E() does with a reference the peer hosts (or a question's answer). */
function handlerFor(session: SessionPort, target: () => RefDesc): object {
  // Defect `resurrectSession` (mutant): a reference of an ended session follows the peer's
  // current session, keeping its old position there.
  const via = (): SessionPort =>
    session.state === 'ended' && session.host.options.defects?.resurrectSession ? (session.host.currentSession?.(session.peerName) ?? session) : session;
  return {
    // `returnedP` is the promise E() hands to the caller; it names the same question as ours,
    // so release(), flush() and re-sending it (as desc:answer) work on what the app holds.
    applyMethod: (_p: unknown, method: unknown, args: unknown[], returnedP?: object) => {
      const desc = target();
      return call(via(), desc, method, args, false, returnedP);
    },
    applyMethodSendOnly: (_p: unknown, method: unknown, args: unknown[]) => {
      const desc = target();
      void call(via(), desc, method, args, true);
    },
    applyFunction: (_p: unknown, args: unknown[], returnedP?: object) => {
      const desc = target();
      return call(via(), desc, undefined, args, false, returnedP);
    },
    applyFunctionSendOnly: (_p: unknown, args: unknown[]) => {
      const desc = target();
      void call(via(), desc, undefined, args, true);
    },
    get: (_p: unknown, name: unknown, returnedP?: object) => {
      const desc = target();
      return select(via(), desc, name, returnedP);
    },
  };
}

function importedTarget(session: SessionPort, value: () => object, position: bigint): () => RefDesc {
  return () => {
    if (session.state === 'ended') {
      // The peer is back on another session: this reference belonged to its earlier one (an
      // earlier incarnation if it restarted) and names nothing there.
      const current = session.host.currentSession?.(session.peerName);
      if (current && session.host.options.defects?.resurrectSession) return descExport(position);
      if (current) throw breakError('peer-restarted', `import ${position} from ${session.peerName} belongs to an ended session (${session.endReason?.message}); ${session.peerName} restarted or reconnected since, on a new session`);
      throw session.endedError('has ended');
    }
    if (session.imports.get(position)?.value !== value()) throw new Error(`import ${position} from ${session.peerName} was released`);
    return descExport(position);
  };
}

export function makePresence(session: SessionPort, position: bigint): ImportEntry {
  let presence: object | undefined;
  new HP((_resolve: unknown, _reject: unknown, resolveWithPresence: (h: object) => object) => {
    presence = resolveWithPresence(handlerFor(session, importedTarget(session, () => presence as object, position)));
  });
  Remotable(`Alleged: ${session.peerName} import ${position}`, undefined, presence);
  presences.add(presence as object);
  return { position, kind: 'object', value: presence as object, refcount: 0 };
}

/** The peer's bootstrap object: import position 0, implicit and uncounted (CapTP draft, "The bootstrap Object"). */
export function peerBootstrap(session: SessionPort): object {
  const existing = session.imports.get(0n);
  if (existing) return existing.value;
  const entry = makePresence(session, 0n);
  session.imports.add(entry);
  return entry.value;
}

/**
 * Where each remote promise of ours was first addressed on the wire: strict forwarding
 * (options.strictForwarding) keeps sending relayed calls there even after the promise resolved
 * further or is held behind a flush fence here.
 */
const oldPaths = new WeakMap<object, { session: SessionPort; target: () => RefDesc }>();

/**
 * Strict forwarding (Cap'n Proto's rule): a call relayed through `promise` goes to the position
 * the promise was first addressed at, on its own session, whatever the promise resolved to
 * since. Undefined when `promise` is not one of our remote promises or its session ended.
 */
export function sendOnOldPath(promise: unknown, method: string | undefined, args: unknown[]): Promise<unknown> | undefined {
  const path = typeof promise === 'object' && promise !== null ? oldPaths.get(promise) : undefined;
  if (!path || path.session.state !== 'live') return undefined;
  return call(path.session, path.target(), method, args, false);
}

export function makeRemotePromise(session: SessionPort, position: bigint): ImportEntry {
  const entry: ImportEntry = { position, kind: 'promise', value: {}, refcount: 0 };
  const promise: Promise<unknown> = new HP((resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
    entry.resolve = resolve;
    entry.reject = reject;
  }, handlerFor(session, importedTarget(session, (): object => promise, position)));
  entry.value = quiet(promise);
  remotePromises.add(promise);
  oldPaths.set(promise, { session, target: () => descExport(position) });
  return entry;
}

/**
 * A promise of ours on `old` (an answer or imported promise) is being fulfilled with `value`: the
 * node may hold the fulfilment back while a flush design fences the switch to a shorter path
 * (its `holdShortening`, flush/marker.ts), calling `fulfil` itself later.
 */
function fulfilOrHold(session: SessionPort, old: RefDesc<'desc:export' | 'desc:answer'>, value: unknown, fulfil: (v: unknown) => void): void {
  if (session.host.design.holdShortening(session, old, value, fulfil)) return;
  fulfil(value);
}

/** Every resolver this node made: a shortener's `op:flush` may only name one of these. */
const resolvers = new WeakSet<object>();

export function isResolver(value: unknown): value is { fulfill(v: unknown): void; break(e: unknown): void } {
  return typeof value === 'object' && value !== null && resolvers.has(value);
}

/** The local object the peer calls `fulfill`/`break` on to settle one of our promises. */
export function makeResolver(onFulfill: (v: unknown) => void, onBreak: (e: unknown) => void): object {
  let done = false;
  const resolver = Far('Resolver', {
    fulfill(value: unknown) {
      if (!done) onFulfill(value);
      done = true;
    },
    break(error: unknown) {
      if (!done) onBreak(error);
      done = true;
    },
  });
  resolvers.add(resolver);
  return resolver;
}

/** Eager op:listen on every imported promise, so local `await` settles (endo does the same). */
function listenTo(session: SessionPort, entry: ImportEntry): void {
  const settle = (outcome: 'fulfilled' | 'broken', value: unknown) => {
    if (entry.settled) return;
    entry.settled = outcome;
    session.host.emit({ type: 'settled', peer: session.peerName, position: Number(entry.position), table: 'import', outcome });
    if (outcome === 'fulfilled') entry.resolve?.(value);
    else entry.reject?.(value as Error);
  };
  const resolver = makeResolver((v) => fulfilOrHold(session, descExport(entry.position), v, (w) => settle('fulfilled', w)), (e) => settle('broken', e));
  session.send(() => ({ type: 'op:listen', to: descExport(entry.position), resolveMe: localDesc(session, resolver) as RefDesc<'desc:import-object'>, wantsPartial: false }));
}

function methodSym(method: unknown): Sym | undefined {
  if (method === undefined) return undefined;
  if (typeof method === 'symbol') return new Sym(Symbol.keyFor(method) ?? method.description ?? '');
  return new Sym(String(method));
}

/** `E(target).method(...args)`: op:deliver with an answer position and a resolver, or `f f`. */
export function call(
  session: SessionPort,
  to: RefDesc,
  method: unknown,
  args: unknown[],
  sendOnly: boolean,
  returnedP?: object,
): Promise<unknown> | undefined {
  const sym = methodSym(method);
  const wireArgs = (): Passable[] => (sym ? [sym, ...serialize(session, args)] : serialize(session, args));
  const target = to as RefDesc<'desc:export' | 'desc:answer'>;
  if (sendOnly) {
    session.send(() => oneWay(session, target, wireArgs()));
    return undefined;
  }
  return ask(session, (answer, resolveMe) => ({ type: 'op:deliver', to: target, args: wireArgs(), answer, resolveMe }), returnedP);
}

/** Allocates a question, builds its op with (answer position, resolver), returns its promise. */
function ask(
  session: SessionPort,
  build: (answer: bigint, resolveMe: RefDesc<'desc:import-object'>) => Op,
  alias?: object,
): Promise<unknown> {
  const position = session.questions.takeNextPosition();
  const entry = { position, settled: undefined } as QuestionEntry;
  const promise = new HP((resolve: (v: unknown) => void, reject: (e: unknown) => void) => {
    entry.resolve = resolve;
    entry.reject = reject;
  }, handlerFor(session, () => descAnswer(position)));
  entry.promise = quiet(promise);
  remotePromises.add(promise);
  if (alias) remotePromises.add(alias);
  const path = { session, target: () => descAnswer(position) };
  oldPaths.set(promise, path);
  if (alias) oldPaths.set(alias, path);
  const settle = (outcome: 'fulfilled' | 'broken', value: unknown) => {
    if (entry.settled) return;
    entry.settled = outcome;
    session.host.emit({ type: 'settled', peer: session.peerName, position: Number(position), table: 'question', outcome });
    // Answered with one of the peer's promises: remember it, so flush(question) can name its slot.
    if (outcome === 'fulfilled' && session.imports.byValue.get(value as object)?.kind === 'promise') entry.resolvedTo = value as object;
    if (outcome === 'fulfilled') entry.resolve(value);
    else entry.reject(value as Error);
  };
  const resolver = makeResolver((v) => fulfilOrHold(session, descAnswer(position), v, (w) => settle('fulfilled', w)), (e) => settle('broken', e));
  session.send(() => build(position, localDesc(session, resolver) as RefDesc<'desc:import-object'>), { question: position });
  session.questions.add(entry);
  session.questionsByPromise.set(entry.promise, entry);
  if (alias) session.questionsByPromise.set(alias, entry);
  return entry.promise;
}

/** `E.get(target)[name]`: op:index for canonical non-negative integers, else op:get (CapTP draft, op:get / op:index). */
function select(session: SessionPort, to: RefDesc, name: unknown, returnedP?: object): Promise<unknown> {
  const receiver = to as RefDesc<'desc:export' | 'desc:answer'>;
  const text = String(name);
  const index = /^(0|[1-9][0-9]*)$/.test(text) ? BigInt(text) : undefined;
  return ask(session, (answer) =>
    index !== undefined ? { type: 'op:index', receiver, index, answer } : { type: 'op:get', receiver, fieldName: text, answer },
  returnedP);
}

/**
 * Tells the peer's resolver how one of our promises settled:
 * `<op:deliver <desc:export R> ['fulfill V] f f>` or `['break E]`. A value that cannot be
 * passed becomes a break carrying the encoding error's message.
 */
export function resolveRemote(session: SessionPort, resolver: unknown, outcome: 'fulfill' | 'break', value: unknown): void {
  if (session.state !== 'live') return;
  const entry = session.imports.byValue.get(resolver as object);
  if (!entry) return; // released meanwhile: nobody to tell
  const to = descExport(entry.position);
  try {
    session.send(() => oneWay(session, to, [new Sym(outcome), ...serialize(session, [value])]));
  } catch (error) {
    if (outcome === 'break' || session.state !== 'live') return;
    const reason = harden(new Error(`unpassable result: ${error instanceof Error ? error.message : String(error)}`));
    session.send(() => oneWay(session, to, [new Sym('break'), ...serialize(session, [reason])]));
  }
}

/** A delivery nobody answers: `op:deliver … f f`, or `op:deliver-only` where the peer needs it. */
function oneWay(session: SessionPort, to: RefDesc<'desc:export' | 'desc:answer'>, args: Passable[]): Op {
  const { oneWay: form, dialect } = session.host.options;
  if ((form ?? (dialect === 'python-suite' ? 'deliver-only' : 'deliver')) === 'deliver-only') return { type: 'op:deliver-only', to, args };
  return { type: 'op:deliver', to, args, answer: false, resolveMe: false };
}

/** Watches one of our promise exports so tables and events show when it settles. */
export function watchExport(session: SessionPort, entry: ExportEntry): void {
  if (entry.kind !== 'promise') return;
  const value = entry.value;
  const mark = (outcome: 'fulfilled' | 'broken') => {
    if (entry.value !== value || entry.settled) return; // swapped by op:flush meanwhile
    entry.settled = outcome;
    session.host.emit({ type: 'settled', peer: session.peerName, position: Number(entry.position), table: 'export', outcome });
  };
  Promise.resolve(value).then(
    () => mark('fulfilled'),
    () => mark('broken'),
  );
}
