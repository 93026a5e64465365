/**
 * Semantic checks of kickoffs: names unique, callers and targets exist, sturdyrefs expose the
 * target, pipelined targets are earlier results held by the same caller, ops agree with method
 * and target, forwarder routes start at the target and only pass through forwarders.
 */
import type { KickoffDoc } from './doc.js';
import { getKickoffOp, parseTarget, resolveSturdyref } from './kickoff-rules.js';
import { checkNode, report, resolveObject, type Path, type SemanticContext } from './semantic-context.js';
import { getScenarioSchema, type SchemaNode } from './schema-validator.js';
import { didYouMean, withArticle } from './suggest.js';

export function checkKickoffs(ctx: SemanticContext): void {
  (ctx.doc.kickoffs ?? []).forEach((kickoff, index) => {
    const path = ['kickoffs', index];
    const earlier = ctx.kickoffs.get(kickoff.name);
    if (earlier) {
      report(ctx, [...path, 'name'], `"${kickoff.name}" is already the name of kickoffs[${earlier.index}]`);
      return;
    }
    ctx.kickoffs.set(kickoff.name, { index, doc: kickoff });
    if (!checkNode(ctx, [...path, 'from'], kickoff.from)) return;
    checkTarget(ctx, path, kickoff);
    checkMethod(ctx, path, kickoff);
  });
}

/** Methods each app answers, as the generated schema documents them (from the app catalog). */
function getAppMethods(app: string): { methods: string[]; anyMethod: boolean } | undefined {
  const branch = (getScenarioSchema().definitions.app.oneOf ?? []).find((b: SchemaNode) => b.properties?.app?.const === app);
  if (!branch) return undefined;
  return { methods: Object.keys((branch['x-methods'] ?? {}) as object), anyMethod: branch['x-any-method'] === true };
}

/** The app a kickoff's target is: a sturdyref's app, or the app an earlier fetch returned. */
function getTargetApp(ctx: SemanticContext, kickoff: KickoffDoc): { app: string; label: string } | undefined {
  const target = parseTarget(kickoff.target);
  if (target.kind === 'result') {
    const source = ctx.kickoffs.get(target.kickoff)?.doc;
    return source && source !== kickoff && getKickoffOp(source) === 'fetch' ? getTargetApp(ctx, source) : undefined;
  }
  const object = resolveObject(ctx, target.node, target.object);
  const app = object === undefined ? undefined : ctx.apps.get(target.node)?.get(object);
  return app === undefined ? undefined : { app, label: `${target.node}.${object}` };
}

function checkMethod(ctx: SemanticContext, path: Path, kickoff: KickoffDoc): void {
  if (kickoff.method === undefined || getKickoffOp(kickoff) !== 'call') return;
  const target = getTargetApp(ctx, kickoff);
  const known = target && getAppMethods(target.app);
  if (!target || !known || known.anyMethod || known.methods.includes(kickoff.method)) return;
  report(
    ctx,
    [...path, 'method'],
    `${target.label} is ${withArticle(target.app)}, which has no method "${kickoff.method}" (it answers ${known.methods.join(', ')})${didYouMean(kickoff.method, known.methods)}`,
  );
}

function checkTarget(ctx: SemanticContext, path: Path, kickoff: KickoffDoc): void {
  const target = parseTarget(kickoff.target);
  const op = getKickoffOp(kickoff);
  if (op === 'call' && kickoff.method === undefined) report(ctx, path, 'op: call needs a method');
  if (op !== 'call' && kickoff.method !== undefined) report(ctx, [...path, 'method'], `a method is only for op: call (this kickoff is op: ${op})`, true);
  if (op !== 'call' && kickoff.route !== undefined) report(ctx, [...path, 'route'], `a route is only for op: call (this kickoff is op: ${op})`, true);
  const targetPath = [...path, 'target'];
  if (target.kind === 'result') {
    const source = ctx.kickoffs.get(target.kickoff);
    if (!source || source.doc === kickoff) {
      const names = [...ctx.kickoffs.keys()].filter((n) => n !== kickoff.name);
      const later = (ctx.doc.kickoffs ?? []).some((k) => k.name === target.kickoff && k !== kickoff);
      const why = later ? `"${target.kickoff}" is declared later; a result can only be used after its kickoff` : `unknown kickoff "${target.kickoff}"${didYouMean(target.kickoff, names)}`;
      report(ctx, targetPath, why);
      return;
    }
    if (source.doc.from !== kickoff.from) {
      report(ctx, targetPath, `the result of "${target.kickoff}" is held by ${source.doc.from}, not ${kickoff.from}`);
    }
    if (op === 'fetch') report(ctx, targetPath, 'op: fetch needs a sturdyref target <node>.<object>');
    if (kickoff.route !== undefined && op === 'call') report(ctx, [...path, 'route'], 'a route needs a sturdyref target <node>.<object>', true);
    return;
  }
  if (!checkNode(ctx, targetPath, target.node)) return;
  const objects = ctx.apps.get(target.node)!;
  const node = ctx.doc.topology.nodes[target.node];
  const object = resolveObject(ctx, target.node, target.object);
  if (object === undefined) {
    const names = [...objects.keys(), ...Object.keys(node.sturdyrefs ?? {})];
    report(ctx, targetPath, `${target.node} has no object or sturdyref "${target.object}"${didYouMean(target.object, names)}`);
    return;
  }
  if (!resolveSturdyref(node, target.object)) {
    report(ctx, targetPath, `${target.node}.${target.object} has no sturdyref; add one under topology.nodes.${target.node}.sturdyrefs`);
  }
  if (target.node === kickoff.from) report(ctx, targetPath, `${kickoff.from} cannot call its own object over the network`);
  if (op === 'listen') report(ctx, targetPath, 'op: listen needs a promise: the name of an earlier kickoff');
  if (kickoff.route !== undefined && op === 'call') checkRoute(ctx, path, kickoff, target.node, object);
}

function checkRoute(ctx: SemanticContext, path: Path, kickoff: KickoffDoc, first: string, object: string): void {
  const routePath = [...path, 'route'];
  const route = kickoff.route!;
  if (!Array.isArray(route)) {
    const [min, max] = Array.isArray(route.length) ? route.length : [route.length, route.length];
    if (min > max) report(ctx, [...routePath, 'length'], `[${min}, ${max}] runs backwards; write [${max}, ${min}]`);
    const hosts = ctx.nodeNames.filter((n) => ctx.apps.get(n)!.get(object) === 'forwarder');
    if (max > 1 && hosts.length < 2) {
      report(ctx, routePath, `a random route needs at least 2 nodes with a forwarder "${object}" (found ${hosts.length})`);
    }
    if (ctx.apps.get(first)!.get(object) !== 'forwarder') report(ctx, [...path, 'target'], `${first}.${object} is not a forwarder`);
    return;
  }
  if (route[0] !== first) {
    report(ctx, [...routePath, 0], `a route starts at the target's node ${first} (got ${route[0]})`);
    return;
  }
  route.forEach((node, i) => {
    const hopPath = [...routePath, i];
    if (!checkNode(ctx, hopPath, node)) return;
    const app = ctx.apps.get(node)!.get(object);
    if (app === undefined) report(ctx, hopPath, `${node} has no object "${object}" to forward to`);
    else if (i < route.length - 1 && app !== 'forwarder' && app !== 'failing') report(ctx, hopPath, `${node}.${object} is ${withArticle(app)}, not a forwarder, so the route cannot continue past it`);
    if (i > 0 && route[i - 1] === node) report(ctx, hopPath, `${node} follows itself; a forwarder calls another node`);
  });
}

/** A kickoff with at: step must be started by a step; run after the steps are checked. */
export function checkStepStarts(ctx: SemanticContext): void {
  (ctx.doc.kickoffs ?? []).forEach((kickoff, index) => {
    if (kickoff.at === 'step' && !ctx.startedBySteps.has(kickoff.name)) {
      report(ctx, ['kickoffs', index, 'at'], `"${kickoff.name}" waits for a step, but no step has kickoff: ${kickoff.name}`);
    }
  });
}
