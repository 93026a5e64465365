/**
 * Semantic checks of external nodes (`topology.nodes.<n>.external`): processes reached over TCP
 * whose behaviour the harness cannot steer. What a scenario may ask of them is limited to what
 * the page can do from outside: call the objects they declare, and read what they put on the
 * wire. Everything that needs the node's inside (its kickoffs, flushes, releases, tables, node
 * faults) or the network's hand on its link (pair faults: the bridge does not apply them) is
 * refused here, at load time, with the reason.
 * Guarantees: after these pass, every external node has exactly one of locator/command, a valid
 * locator if any, objects instead of apps, and no step or expectation the bridge cannot honour.
 */
import type { NodeDoc } from './doc.js';
import { getStepAction } from './doc.js';
import { report, type SemanticContext } from './semantic-context.js';
import { isFaultKind } from './vocabulary.js';

/** External node names of the scenario, in file order. */
export function externalNodes(ctx: SemanticContext): string[] {
  return Object.entries(ctx.doc.topology.nodes)
    .filter(([, node]) => node.external !== undefined)
    .map(([name]) => name);
}

export function checkExternalNodes(ctx: SemanticContext): void {
  for (const [name, node] of Object.entries(ctx.doc.topology.nodes)) checkNodeShape(ctx, name, node);
  const externals = new Set(externalNodes(ctx));
  if (externals.size === 0) return;
  (ctx.doc.kickoffs ?? []).forEach((k, index) => {
    if (externals.has(k.from)) report(ctx, ['kickoffs', index, 'from'], `${k.from} is an external node: the harness cannot make it call; let a worker node call it instead`);
    const route = Array.isArray(k.route) ? k.route : [];
    route.forEach((hop, i) => {
      if (externals.has(hop)) report(ctx, ['kickoffs', index, 'route', i], `${hop} is an external node: routes need the harness's forwarder app`);
    });
  });
  (ctx.doc.steps ?? []).forEach((step, index) => checkStep(ctx, externals, step as Record<string, unknown>, index));
  for (const node of Object.keys(ctx.doc.expect?.tables ?? {})) {
    if (externals.has(node)) report(ctx, ['expect', 'tables', node], `${node} is an external node: its tables cannot be read; expect tables of its peers instead`, true);
  }
}

function checkNodeShape(ctx: SemanticContext, name: string, node: NodeDoc): void {
  const path = ['topology', 'nodes', name];
  if (node.external === undefined) {
    if (node.objects !== undefined) report(ctx, [...path, 'objects'], 'objects: is for external nodes; a worker node hosts apps: (add external: or write apps:)', true);
    return;
  }
  for (const key of ['apps', 'sturdyrefs', 'driver'] as const) {
    if (node[key] !== undefined) report(ctx, [...path, key], `an external node runs its own implementation: declare what it hosts under objects: (not ${key}:)`, true);
  }
  const { locator, command } = node.external;
  if ((locator === undefined) === (command === undefined)) {
    report(ctx, [...path, 'external'], `needs exactly one of locator, command (got ${locator === undefined ? 'neither' : 'both'})`);
  }
  if (locator !== undefined) {
    const problem = locatorProblem(locator);
    if (problem) report(ctx, [...path, 'external', 'locator'], problem);
  }
  for (const [object, declared] of Object.entries(node.objects ?? {})) {
    if (declared.app === 'forwarder') report(ctx, [...path, 'objects', object, 'app'], 'a forwarder needs the harness\'s route envelope; an external node cannot host one');
  }
}

/**
 * What is wrong with a tcp-testing-only locator (the scenario layer reads it by itself; the
 * netlayer parses it again when it dials): `ocapn://<designator>.tcp-testing-only?host=…&port=…`.
 */
export function locatorProblem(locator: string): string | undefined {
  const match = /^ocapn:\/\/([^./?]+)\.tcp-testing-only\?(.*)$/.exec(locator);
  if (!match) return 'must be ocapn://<designator>.tcp-testing-only?host=…&port=… (the TCP bridge dials only tcp-testing-only)';
  const hints = new URLSearchParams(match[2]);
  const port = hints.get('port');
  if (!hints.get('host') || port === null) return `needs both hints host and port (got ${[...hints.keys()].join(', ') || 'none'})`;
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) return `port must be 0..65535 (got "${port}")`;
  return undefined;
}

/** Every string inside a step's operand that names an external node. */
function externalsIn(value: unknown, externals: Set<string>): string[] {
  if (typeof value === 'string') return externals.has(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => externalsIn(v, externals));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => externalsIn(v, externals));
  return [];
}

function checkStep(ctx: SemanticContext, externals: Set<string>, step: Record<string, unknown>, index: number): void {
  const action = getStepAction(step as never);
  if (action === undefined) return;
  const path = ['steps', index, action];
  if (isFaultKind(action)) {
    const named = externalsIn(step[action], externals);
    if (named.length > 0) report(ctx, path, `${named[0]} is an external node: ${action} is not applied to external nodes or their links (the TCP bridge has no fault injection); fault only worker nodes and links between them`);
    return;
  }
  if (action === 'flush' || action === 'release') {
    const holder = (step[action] as { node?: string }).node;
    if (holder !== undefined && externals.has(holder)) report(ctx, [...path, 'node'], `${holder} is an external node: the harness cannot make it ${action}`);
  }
  if (action === 'expect') {
    for (const node of Object.keys((step.expect as { tables?: object }).tables ?? {})) {
      if (externals.has(node)) report(ctx, ['steps', index, 'expect', 'tables', node], `${node} is an external node: its tables cannot be read`, true);
    }
  }
}
