/**
 * Semantic checks of steps and expectations. Steps are replayed against a small model — each
 * node running, paused or down, each link cut or not, virtual time never going back — so an
 * impossible sequence (resume without pause, restart of a running node, heal of an uncut link)
 * is reported where it is written. References in flush/release resolve to a holder and an
 * exporter; a flush of something never exported to the holder is an error.
 */
import type { RefDoc, ResultDoc, SessionTablesDoc, StepDoc, TablesDoc, WaitDoc } from './doc.js';
import { getStepAction } from './doc.js';
import { getKickoffOp, getTargetNode, parseTarget, PROMISE_APPS } from './kickoff-rules.js';
import { checkNode, checkPair, getOutcomeNames, report, type Path, type SemanticContext } from './semantic-context.js';
import { resolveObject } from './semantic-kickoffs.js';
import { didYouMean, withArticle } from './suggest.js';
import { FAULTS, isFaultKind, type FaultSpec, type NodeFault, type NodeFaultKind, type PairFault, type PairFaultKind } from './vocabulary.js';

type NodeState = { state: NodeFault['lifecycle']['to']; since: number };

interface StepModel {
  nodes: Map<string, NodeState>;
  cut: Map<string, number>;
  released: Map<string, number>;
  started: Map<string, number>;
  /** Latest absolute time some wait reaches (untilMs), to catch time going backwards. */
  untilMs: { value: number; step: number };
}

export function checkSteps(ctx: SemanticContext): void {
  const steps = ctx.doc.steps ?? [];
  // Named flushes first, so a wait or expect may name a flush written later in the list.
  steps.forEach((step, index) => {
    const name = step.flush?.name;
    if (name === undefined) return;
    if (ctx.kickoffs.has(name) || ctx.flushNames.has(name)) {
      report(ctx, ['steps', index, 'flush', 'name'], `"${name}" already names a kickoff or flush`);
    } else ctx.flushNames.set(name, index);
  });
  const model: StepModel = {
    nodes: new Map(ctx.nodeNames.map((n) => [n, { state: 'running', since: -1 }])),
    cut: new Map(),
    released: new Map(),
    started: new Map(),
    untilMs: { value: 0, step: -1 },
  };
  steps.forEach((step, index) => checkStep(ctx, model, step, ['steps', index], index));
}

function checkStep(ctx: SemanticContext, model: StepModel, step: StepDoc, path: Path, index: number): void {
  const action = getStepAction(step);
  const here = [...path, action];
  const fault: FaultSpec | undefined = isFaultKind(action) ? FAULTS[action] : undefined;
  if (fault?.operand === 'node') return changeNode(ctx, model, here, step[action as NodeFaultKind]!, action, index);
  if (fault?.operand === 'pair') {
    const written = step[action as PairFaultKind]!;
    const pair = Array.isArray(written) ? written : written.between;
    return checkLinkFault(ctx, model, Array.isArray(written) ? here : [...here, 'between'], pair, fault, index);
  }
  switch (action) {
    case 'wait':
      return checkWait(ctx, model, step.wait!, here, index);
    case 'flush':
    case 'release': {
      const body = action === 'flush' ? step.flush! : step.release!;
      const ref = action === 'flush' ? step.flush!.export : step.release!.ref;
      const refKey = action === 'flush' ? 'export' : 'ref';
      if (action === 'flush' && ctx.doc.options?.flush === 'none') report(ctx, here, 'flushes, but options.flush is none');
      const holder = checkRef(ctx, here, refKey, ref, body.node, body.peer, action);
      if (holder) expectUp(ctx, model, here, holder, action);
      if (action === 'release' && typeof ref === 'string' && holder) {
        const earlier = model.released.get(ref);
        if (earlier !== undefined) report(ctx, [...here, refKey], `"${ref}" was already released by steps[${earlier}]`);
        model.released.set(ref, index);
      }
      return;
    }
    case 'kickoff':
      return checkKickoffStep(ctx, model, step.kickoff!, here, index);
    case 'restart':
      return changeNode(ctx, model, [...here, 'node'], step.restart!.node, 'restart', index);
    case 'stall':
      checkPair(ctx, [...here, 'link'], step.stall!.link);
      return;
    case 'corrupt': {
      const c = step.corrupt!;
      if (checkNode(ctx, [...here, 'source'], c.source) && checkNode(ctx, [...here, 'target'], c.target) && c.source === c.target) {
        report(ctx, [...here, 'target'], `a frame travels between two different nodes (got ${c.source} twice)`);
      }
      return;
    }
    case 'expect':
      checkResults(ctx, [...here, 'results'], step.expect!.results);
      checkTables(ctx, [...here, 'tables'], step.expect!.tables, snapshotNames(ctx, index));
      checkSnapshotName(ctx, [...here, 'name'], step.expect!.name, index);
      return;
  }
}

const WAIT_FORMS = ['untilMs', 'forMs', 'settled', 'frame', 'mark', 'kickoff'] as const;
const EVENT_FORMS: readonly string[] = ['frame', 'mark', 'kickoff'];

function checkWait(ctx: SemanticContext, model: StepModel, wait: 'quiescent' | WaitDoc, path: Path, index: number): void {
  if (wait === 'quiescent') return;
  const forms = WAIT_FORMS.filter((k) => wait[k] !== undefined);
  if (forms.length !== 1) {
    report(ctx, path, `needs exactly one of ${WAIT_FORMS.join(', ')} (got ${forms.length ? forms.join(', ') : 'none'})`);
    return;
  }
  if ((wait.source !== undefined || wait.target !== undefined) && forms[0] !== 'frame') {
    report(ctx, [...path, wait.source !== undefined ? 'source' : 'target'], 'source and target only narrow a frame wait', true);
  }
  for (const key of ['since', 'count'] as const) {
    if (wait[key] !== undefined && !EVENT_FORMS.includes(forms[0])) report(ctx, [...path, key], `${key} is for frame, mark and kickoff waits`, true);
  }
  if (wait.kickoff !== undefined && !ctx.kickoffs.has(wait.kickoff)) {
    report(ctx, [...path, 'kickoff'], `unknown kickoff "${wait.kickoff}"${didYouMean(wait.kickoff, ctx.kickoffs.keys())}`);
  }
  if (wait.timeoutMs !== undefined && (forms[0] === 'untilMs' || forms[0] === 'forMs')) {
    report(ctx, [...path, 'timeoutMs'], `a ${forms[0]} wait cannot time out; timeoutMs is for settled, frame, mark and kickoff`, true);
  }
  if (wait.untilMs !== undefined) {
    if (wait.untilMs < model.untilMs.value) {
      report(ctx, [...path, 'untilMs'], `${wait.untilMs} is earlier than ${model.untilMs.value} reached by steps[${model.untilMs.step}]; virtual time only moves forward`);
    } else model.untilMs = { value: wait.untilMs, step: index };
  }
  if (wait.settled !== undefined && !getOutcomeNames(ctx).includes(wait.settled)) {
    report(ctx, [...path, 'settled'], `unknown kickoff or flush "${wait.settled}"${didYouMean(wait.settled, getOutcomeNames(ctx))}`);
  }
  if (wait.source !== undefined) checkNode(ctx, [...path, 'source'], wait.source);
  if (wait.target !== undefined) checkNode(ctx, [...path, 'target'], wait.target);
}

/** Resolves a flush/release reference; returns the holder node, or undefined after reporting. */
function checkRef(ctx: SemanticContext, path: Path, refKey: string, ref: RefDoc, node: string | undefined, peer: string | undefined, action: string): string | undefined {
  if (node !== undefined && !checkNode(ctx, [...path, 'node'], node)) return undefined;
  if (peer !== undefined && !checkNode(ctx, [...path, 'peer'], peer)) return undefined;
  if (typeof ref === 'number') {
    if (node === undefined || peer === undefined) {
      report(ctx, path, `${refKey}: ${ref} is a position, so node (the holder) and peer (the exporter) are both required`);
      return undefined;
    }
    if (node === peer) report(ctx, [...path, 'peer'], `${node} cannot hold an export of its own`);
    return node;
  }
  const kickoff = ctx.kickoffs.get(ref)?.doc;
  if (!kickoff) {
    const named = ctx.flushNames.has(ref) ? `; "${ref}" names a flush, not a reference` : didYouMean(ref, ctx.kickoffs.keys());
    report(ctx, [...path, refKey], `unknown kickoff "${ref}"${named}`);
    return undefined;
  }
  if (node !== undefined && node !== kickoff.from) {
    report(ctx, [...path, 'node'], `${node} never received "${ref}"; its holder is ${kickoff.from}`);
    return undefined;
  }
  const exporter = getTargetNode(ctx.doc, kickoff);
  if (peer !== undefined && exporter !== undefined && peer !== exporter) {
    report(ctx, [...path, 'peer'], `"${ref}" was exported by ${exporter}, not ${peer}`);
  }
  if (action === 'flush') checkFlushable(ctx, [...path, refKey], ref);
  return kickoff.from;
}

/** op:flush targets a promise the exporter exported: a fetched object or plain data is never one. */
function checkFlushable(ctx: SemanticContext, path: Path, name: string): void {
  const kickoff = ctx.kickoffs.get(name)!.doc;
  const op = getKickoffOp(kickoff);
  const target = parseTarget(kickoff.target);
  if (op === 'fetch') {
    report(ctx, path, `"${name}" is a fetched object, not a promise; op:flush applies to promises`);
  } else if (op === 'call' && target.kind === 'sturdyref') {
    const object = resolveObject(ctx, target.node, target.object);
    const app = object === undefined ? undefined : ctx.apps.get(target.node)?.get(object);
    if (app !== undefined && !PROMISE_APPS.includes(app)) {
      report(ctx, path, `"${name}" is never exported: ${target.node}.${target.object} is ${withArticle(app)}, which answers plain data`);
    }
  }
}

function expectUp(ctx: SemanticContext, model: StepModel, path: Path, node: string, action: string): void {
  const state = model.nodes.get(node);
  if (state?.state === 'down') report(ctx, path, `${node} cannot ${action}: it is down since steps[${state.since}]`);
}

function checkKickoffStep(ctx: SemanticContext, model: StepModel, name: string, path: Path, index: number): void {
  const kickoff = ctx.kickoffs.get(name);
  if (!kickoff) {
    report(ctx, path, `unknown kickoff "${name}"${didYouMean(name, ctx.kickoffs.keys())}`);
    return;
  }
  if (kickoff.doc.at !== 'step') {
    report(ctx, path, `"${name}" starts by itself at ${kickoff.doc.at ?? 0} ms; give it at: step to start it here`);
    return;
  }
  const earlier = model.started.get(name);
  if (earlier !== undefined) report(ctx, path, `"${name}" was already started by steps[${earlier}]`);
  model.started.set(name, index);
  ctx.startedBySteps.add(name);
  expectUp(ctx, model, path, kickoff.doc.from, 'start a kickoff');
}

/** The node lifecycle: running ⇄ paused; running|paused → down (kill, stop); down → running (restart). */
function getLifecycle(action: string): NodeFault['lifecycle'] {
  if (action === 'restart') return { from: ['down'], to: 'running', needs: 'down (killed or stopped)' };
  return (FAULTS[action as NodeFaultKind] as NodeFault).lifecycle;
}

function changeNode(ctx: SemanticContext, model: StepModel, path: Path, node: string, action: string, index: number): void {
  if (!checkNode(ctx, path, node)) return;
  const rule = getLifecycle(action);
  const current = model.nodes.get(node)!;
  if (!rule.from.includes(current.state)) {
    const since = current.since >= 0 ? ` since steps[${current.since}]` : '';
    report(ctx, path, `cannot ${action} ${node}: it must be ${rule.needs}, but it is ${current.state}${since}`);
    return;
  }
  model.nodes.set(node, { state: rule.to, since: index });
}

function checkLinkFault(ctx: SemanticContext, model: StepModel, path: Path, pair: [string, string], fault: PairFault, index: number): void {
  if (!checkPair(ctx, path, pair)) return;
  const key = [...pair].sort().join('|');
  const cutAt = model.cut.get(key);
  if (fault.link === 'cut') {
    if (cutAt !== undefined) report(ctx, path, `${pair[0]} and ${pair[1]} are already partitioned by steps[${cutAt}]`);
    else model.cut.set(key, index);
  } else if (fault.link === 'heal') {
    if (cutAt === undefined) report(ctx, path, `${pair[0]} and ${pair[1]} are not partitioned; nothing to heal`);
    else model.cut.delete(key);
  }
}

export function checkResults(ctx: SemanticContext, path: Path, results: Record<string, ResultDoc> | undefined): void {
  for (const [name, result] of Object.entries(results ?? {})) {
    if (!getOutcomeNames(ctx).includes(name)) {
      report(ctx, [...path, name], `unknown kickoff or flush "${name}"${didYouMean(name, getOutcomeNames(ctx))}`, true);
    }
    const plain = result === null || typeof result !== 'object' || Array.isArray(result);
    if (plain) checkReferences(ctx, [...path, name], result);
    else if ('fulfilled' in result) checkReferences(ctx, [...path, name, 'fulfilled'], result.fulfilled);
  }
}

/** `{ $ref: node.object }` inside an expected value names an object some node hosts (an app). */
function checkReferences(ctx: SemanticContext, path: Path, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkReferences(ctx, [...path, i], v));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  if (entries.length !== 1 || entries[0][0] !== '$ref') {
    for (const [k, v] of entries) checkReferences(ctx, [...path, k], v);
    return;
  }
  const ref = entries[0][1];
  const at = [...path, '$ref'];
  const objects = [...ctx.apps].flatMap(([node, apps]) => [...apps.keys()].map((o) => `${node}.${o}`));
  if (typeof ref !== 'string' || !/^[^.]+\.[^.]+$/.test(ref)) {
    report(ctx, at, `a reference is written <node>.<object> (objects: ${objects.join(', ') || 'none'})`);
    return;
  }
  if (objects.includes(ref)) return;
  const [node, name] = ref.split('.');
  const object = ctx.apps.has(node) ? resolveObject(ctx, node, name) : undefined;
  const hint = object !== undefined ? ` (${name} is a sturdyref name; the object is ${node}.${object})` : didYouMean(ref, objects);
  report(ctx, at, `no node hosts an object "${ref}"${hint}`);
}

/** Names of the expect steps before step `before` (all of them when undefined), in order. */
export function snapshotNames(ctx: SemanticContext, before?: number): string[] {
  const steps = (ctx.doc.steps ?? []).slice(0, before);
  return steps.flatMap((s) => (s && typeof s === 'object' && typeof s.expect?.name === 'string' ? [s.expect.name] : []));
}

function checkSnapshotName(ctx: SemanticContext, path: Path, name: string | undefined, index: number): void {
  if (name === undefined) return;
  const earlier = (ctx.doc.steps ?? []).findIndex((s, i) => i < index && s && typeof s === 'object' && s.expect?.name === name);
  if (earlier >= 0) report(ctx, path, `"${name}" already names the expect step steps[${earlier}]; give each snapshot its own name`);
}

/** `available`: snapshot names a row's `same` may compare with (earlier named expect steps). */
export function checkTables(ctx: SemanticContext, path: Path, tables: TablesDoc | undefined, available?: string[]): void {
  for (const [node, peers] of Object.entries(tables ?? {})) {
    if (!ctx.nodeNames.includes(node)) {
      report(ctx, [...path, node], `unknown node "${node}"${didYouMean(node, ctx.nodeNames)}`, true);
      continue;
    }
    for (const [peer, session] of Object.entries(peers)) {
      if (!ctx.nodeNames.includes(peer)) report(ctx, [...path, node, peer], `unknown peer "${peer}"${didYouMean(peer, ctx.nodeNames)}`, true);
      else if (peer === node) report(ctx, [...path, node, peer], `${node} has no session with itself`, true);
      if (available) checkRelativeRows(ctx, [...path, node, peer], session, available);
    }
  }
}

/** `same` names an earlier named snapshot; `replaced` speaks of export slots only. */
function checkRelativeRows(ctx: SemanticContext, path: Path, session: SessionTablesDoc | undefined, available: string[]): void {
  if (!session || typeof session !== 'object') return;
  for (const table of ['exports', 'imports', 'answers', 'questions', 'gifts'] as const) {
    const rows = session[table];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, i) => {
      if (!row || typeof row !== 'object') return;
      const at = [...path, table, i];
      if (row.same !== undefined) {
        const as = typeof row.same === 'string' ? row.same : row.same.as;
        if (!available.includes(as)) {
          const known = available.length ? `earlier named snapshots: ${available.join(', ')}` : 'no earlier expect step has a name; add name: to one';
          report(ctx, [...at, 'same'], `no earlier expect step is named "${as}"${didYouMean(as, available)} (${known})`);
        }
      }
      if (row.replaced !== undefined && table !== 'exports') report(ctx, [...at, 'replaced'], `replaced speaks of export slots (a flush swaps an export); ${table} rows cannot be replaced`);
    });
  }
}
