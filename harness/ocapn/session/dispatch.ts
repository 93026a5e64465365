/**
 * One handler per live CapTP operation (in the manner of Cap'n Proto's handleCall, handleReturn, …).
 * Spec: CapTP draft "Operations" (harness/ocapn/README.md, "Operations").
 * View: the recipient's. Every check of a peer's fields raises a ProtocolViolation naming the op
 * and field; Session.receive turns it into this session's op:abort.
 * Guarantees: a handler either applies the whole operation or (on violation) none of its table
 * changes; app code runs only through HandledPromise, so its exceptions break answers, never
 * the session.
 */
import '../endo-setup.js';
import { isStruct } from '../wire/index.js';
import { getTag, passStyleOf } from '@endo/pass-style';
import { Sym } from '../syrup/index.js';
import type {
  Op,
  OpDeliver,
  OpDeliverOnly,
  OpGcAnswers,
  OpGcAnswerLegacy,
  OpGcExports,
  OpGcExportLegacy,
  OpGet,
  OpIndex,
  OpListen,
  OpUntag,
  RefDesc,
} from '../wire/index.js';
import { deserialize, hooksFor, resolveRemote, sendOnOldPath } from '../captp/references.js';
import { fromPassable } from '../captp/marshal.js';
import { invoke, isThenable, remotePromises, unbox, type Outcome } from '../captp/invoke.js';
import { violation } from '../violation.js';
import type { SessionPort } from '../captp/session-port.js';
import type { ReferenceOptions } from '../options.js';
import { breakReason, type BreakReason } from '../break-reason.js';

/** What dispatch needs of a live session: the port captp/ and flush/ use, plus ending it. Not the
 * Session class itself, so session.ts → dispatch.ts is the only import between the two. */
export interface LiveSession extends SessionPort {
  end(reason: BreakReason, closeConnection?: boolean): void;
}

export function dispatchLive(session: LiveSession, op: Op): void {
  switch (op.type) {
    case 'op:start-session':
      return violation('op:start-session: second hello on a live session');
    case 'op:abort':
      // The peer is done with this connection too: close it rather than wait for its close.
      return session.end(breakReason('session-aborted', `peer aborted: ${op.reason}`));
    case 'op:deliver':
    case 'op:deliver-only':
      return onDeliver(session, op);
    case 'op:listen':
      return onListen(session, op);
    case 'op:get':
    case 'op:index':
    case 'op:untag':
      return onSelect(session, op);
    case 'op:gc-exports':
    case 'op:gc-export':
      return onGcExports(session, op);
    case 'op:gc-answers':
    case 'op:gc-answer':
      return onGcAnswers(session, op);
    // The flush forms are the design's (flush/designs.ts), refusals included.
    case 'op:flush':
      return session.host.design.onFlush(session, op);
    case 'op:flush-done':
      return session.host.design.onFlushDone(session, op.position);
  }
}

/** The local value a receiver descriptor names (`desc:export N` or `desc:answer N`). */
function receiverValue(session: LiveSession, field: string, desc: RefDesc): unknown {
  if (desc.type === 'desc:export') {
    const entry = session.exports.get(desc.position) ?? violation(`${field}: desc:export ${desc.position} was never exported on this session`);
    return entry.value;
  }
  const answer = session.answers.get(desc.position) ?? violation(`${field}: desc:answer ${desc.position} is not an answer on this session`);
  return answer.promise;
}

function registerAnswer(session: LiveSession, field: string, position: bigint, promise: Promise<unknown>): void {
  if (session.answers.get(position)) violation(`${field}: answer ${position} is already in use`);
  const entry = session.answers.add({ position, promise });
  promise.then(
    () => settleAnswer(session, entry, 'fulfilled'),
    () => settleAnswer(session, entry, 'broken'),
  );
}

function settleAnswer(session: LiveSession, entry: { position: bigint; settled?: 'fulfilled' | 'broken' }, outcome: 'fulfilled' | 'broken'): void {
  entry.settled = outcome;
  if (session.state !== 'live') return;
  session.host.emit({ type: 'settled', peer: session.peerName, position: Number(entry.position), table: 'answer', outcome });
}

/**
 * Reports `promise`'s outcome to the resolver the peer supplied (or swallows it if none). The
 * resolver waits on the session (`hold`), not in the callback, so an app promise that never
 * settles keeps nothing of an ended session alive.
 */
function reportTo(session: LiveSession, resolver: unknown, promise: Promise<unknown>): void {
  if (resolver === undefined) return;
  const token = session.hold(resolver);
  const report = (outcome: 'fulfill' | 'break', value: unknown) => {
    const held = session.take(token);
    if (held === undefined) return;
    if (outcome === 'fulfill') session.host.design.fulfil(session, held, value);
    else resolveRemote(session, held, outcome, value);
  };
  promise.then(
    (value) => report('fulfill', value),
    (error) => report('break', error),
  );
}

function onDeliver(session: LiveSession, op: OpDeliver | OpDeliverOnly): void {
  const label = op.type;
  const target = receiverValue(session, `${label}.to`, op.to);
  const onward = op.to.type === 'desc:answer' ? session.answers.get(op.to.position)?.outcome : undefined;
  // Method calls carry the selector as a symbol in args[0] (§2.5); anything else is a call of the
  // target itself. The selector stays a string: a peer's method names never reach Symbol.for.
  const selector = op.args[0] instanceof Sym ? op.args[0].name : undefined;
  const args = deserialize(session, selector !== undefined ? op.args.slice(1) : op.args);
  const answer = op.type === 'op:deliver' ? op.answer : false;
  const resolveMe = op.type === 'op:deliver' && op.resolveMe !== false ? fromPassable(op.resolveMe, hooksFor(session)) : undefined;
  if (answer !== false && session.answers.get(answer)) violation(`${label}.answer: answer ${answer} is already in use`);
  const outcome = onward ? pipelineOnward(onward, target, selector, args, session.host.options) : invoke(target, selector, args, session.host.turns);
  const result = outcome.then(unbox);
  result.catch(() => {});
  session.host.design.onDelivery(session, op.to, result);
  if (answer !== false) registerAnswer(session, `${label}.answer`, answer, result);
  // Calls on an answer join the queue of the promise the method returned (pipelineOnward), and
  // go on at once when that is another peer's promise: what reached us on the old path then
  // travels on ahead of anything the holder sends on a shorter one (flush/shortening.ts), and
  // ahead of calls the questioner sends to that promise once it learns of it.
  if (answer !== false) session.answers.get(answer)!.outcome = outcome;
  if (resolveMe === undefined) return;
  const token = session.hold(resolveMe);
  outcome.then((o) => {
    const resolver = session.take(token);
    if (resolver === undefined) return; // the session ended meanwhile
    // A returned promise is passed as itself (answers with promises, captp/invoke.ts) unless
    // the node is told to wait for full settlement like endo HEAD.
    if (o.ok && isThenable(o.value) && session.host.options.answerWithPromises !== false) {
      session.host.design.fulfil(session, resolver, o.value);
    } else {
      reportTo(session, resolver, result);
    }
  });
}

/**
 * A call on an answer whose method returned a promise goes to that promise itself, in arrival
 * order (every such call waits on the same `outcome` first): the answer and the promise it
 * resolved to share one queue. The promise may be exported to the questioner too (answers with
 * promises), and calls addressed to it there queue on it directly; a call left on the answer's
 * own promise instead would run only when the answer adopts the settled promise, behind every
 * call that reached the promise after it (harness/ocapn/README.md, "One queue per answer").
 * `split` is the mutant that keeps the separate queue for the node's own promises.
 */
function pipelineOnward(onward: Promise<Outcome>, answer: unknown, selector: string | undefined, args: unknown[], options: ReferenceOptions): Promise<Outcome> {
  // The mutant keeps the node's behaviour before the fix: only a shortening node passed calls
  // on, and only to another peer's promise.
  const split = options.defects?.splitAnswerQueue === true;
  return onward.then((o) => {
    const through = o.ok && isThenable(o.value) && (!split || (remotePromises.has(o.value) && (options.handoffs ?? 'shorten') === 'shorten'));
    if (!through) return invoke(answer, selector, args);
    const strict = options.strictForwarding ? sendOnOldPath(o.value, selector, args) : undefined;
    return strict ? { ok: true as const, value: strict } : invoke(o.value, selector, args);
  });
}

function onListen(session: LiveSession, op: OpListen): void {
  if (op.to.type === 'desc:export') {
    const entry = session.exports.get(op.to.position) ?? violation(`op:listen.to: desc:export ${op.to.position} was never exported on this session`);
    if (entry.kind !== 'promise') violation(`op:listen.to: desc:export ${op.to.position} is an object, not a promise`);
  }
  const target = receiverValue(session, 'op:listen.to', op.to);
  const resolver = fromPassable(op.resolveMe, hooksFor(session));
  reportTo(session, resolver, Promise.resolve(target));
}

function styleOf(value: unknown): string | undefined {
  try {
    return passStyleOf(value as never);
  } catch {
    return undefined;
  }
}

/** op:get / op:index / op:untag: a new answer holding part of the receiver's eventual value. */
function onSelect(session: LiveSession, op: OpGet | OpIndex | OpUntag): void {
  const target = receiverValue(session, `${op.type}.receiver`, op.receiver);
  if (session.answers.get(op.answer)) violation(`${op.type}.answer: answer ${op.answer} is already in use`);
  const pick = (value: unknown): unknown => {
    if (op.type === 'op:get') {
      if (!isStruct(value) || !Object.prototype.hasOwnProperty.call(value, op.fieldName)) throw new Error(`op:get: no field "${op.fieldName}"`);
      return (value as Record<string, unknown>)[op.fieldName];
    }
    if (op.type === 'op:index') {
      if (!Array.isArray(value) || op.index >= BigInt(value.length)) throw new Error(`op:index: no element ${op.index}`);
      return value[Number(op.index)];
    }
    if (styleOf(value) !== 'tagged' || getTag(value as never) !== op.tag) throw new Error(`op:untag: not tagged "${op.tag}"`);
    return (value as { payload: unknown }).payload;
  };
  const result = Promise.resolve(target).then(pick);
  result.catch(() => {});
  registerAnswer(session, `${op.type}.answer`, op.answer, result);
}

function onGcExports(session: LiveSession, op: OpGcExports | OpGcExportLegacy): void {
  // Check every pair first so a bad pair leaves the table untouched (the session aborts anyway).
  const totals = new Map<bigint, bigint>();
  op.exportPositions.forEach((position, i) => {
    if (position === 0n) return; // the bootstrap's implicit export is not counted (CapTP draft, op:gc-exports)
    const entry = session.exports.get(position) ?? violation(`${op.type}.exportPositions[${i}]: export ${position} is not exported on this session`);
    const total = (totals.get(position) ?? 0n) + op.wireDeltas[i];
    if (total > BigInt(entry.refcount)) {
      violation(`${op.type}.wireDeltas[${i}]: would drop export ${position} below zero (refcount ${entry.refcount}, delta ${total})`);
    }
    totals.set(position, total);
  });
  for (const [position, delta] of totals) {
    const entry = session.exports.get(position)!;
    entry.refcount -= Number(delta);
    if (entry.refcount === 0) {
      session.exports.drop(position);
      session.flushedSettlers.delete(position);
    }
  }
}

function onGcAnswers(session: LiveSession, op: OpGcAnswers | OpGcAnswerLegacy): void {
  op.answerPositions.forEach((position, i) => {
    if (!session.answers.get(position)) violation(`${op.type}.answerPositions[${i}]: answer ${position} is not an answer on this session`);
  });
  for (const position of op.answerPositions) session.answers.drop(position);
}
