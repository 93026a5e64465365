/**
 * Semantic checks of external nodes (`topology.nodes.<n>.external`): processes reached over TCP
 * whose behaviour the harness cannot steer. What a scenario may ask of them is limited to what
 * the page can do from outside: call the objects they declare, read what they put on the wire,
 * and fault their links (partition, stall, reset, corrupt act in the page network, which carries
 * every external link). Everything that needs the node's inside (its kickoffs, flushes,
 * releases, tables, node faults) is refused here, at load time, with the reason; so are routes a
 * process cannot follow and `{locator:…}` names that cannot be resolved.
 * Guarantees: after these pass, every external node has exactly one of locator/command, a valid
 * locator if any, objects instead of apps, and no step or expectation the bridge cannot honour.
 */
import type { NodeDoc } from './doc.js';
import { getStepAction } from './doc.js';
import { report, type SemanticContext } from './semantic-context.js';
import { isFaultKind, LINK_FAULTS } from './steps/index.js';

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
    const object = typeof k.target === 'string' ? k.target.split('.')[1] : undefined;
    route.forEach((hop, i) => {
      const before = route[i - 1];
      // A process reaches other processes only (their locators are in its command), never a worker.
      if (i > 0 && externals.has(before) && !externals.has(hop)) {
        report(ctx, ['kickoffs', index, 'route', i], `${before} is an external node: its forwarder reaches only other external nodes (through {locator:…} in its command), not the worker ${hop}`);
      }
      // Forwarders fetch the next hop's object by its name as the swiss number.
      const declared = object !== undefined && externals.has(hop) ? ctx.doc.topology.nodes[hop]?.objects?.[object] : undefined;
      if (i > 0 && declared && declared.swiss !== object) {
        report(ctx, ['kickoffs', index, 'route', i], `a forwarder fetches ${hop}.${object} by the swiss number "${object}", but ${hop} declares it under "${declared.swiss}": declare it with swiss: ${object}`);
      }
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
  if (command !== undefined) checkPlaceholders(ctx, name);
}

/** `{locator:<node>}` in a command names another external node, without cycles. */
function checkPlaceholders(ctx: SemanticContext, name: string): void {
  const path = ['topology', 'nodes', name, 'external', 'command'];
  const nodes = ctx.doc.topology.nodes;
  const named = (n: string) => [...(nodes[n]?.external?.command ?? '').matchAll(/\{locator:([^}]*)\}/g)].map((m) => m[1]);
  for (const other of named(name)) {
    if (other === name) report(ctx, path, `{locator:${name}} names this node itself; a process knows its own locator`);
    else if (nodes[other]?.external === undefined) {
      report(ctx, path, `{locator:${other}} must name another external node (${nodes[other] ? `${other} is a worker: a process cannot reach it` : `there is no node ${other}`})`);
    }
  }
  // A cycle would need each process started before the other.
  const seen = new Set<string>();
  const reaches = (from: string): boolean =>
    named(from).some((n) => n === name || (n !== from && nodes[n]?.external !== undefined && !seen.has(n) && (seen.add(n), reaches(n))));
  if (named(name).some((n) => n !== name) && reaches(name)) {
    report(ctx, path, `the external nodes' {locator:…} names form a cycle through ${name}: one process must start before the other, so only one of them can name the other`);
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
    // Link faults act in the page network, which carries every external link too (the bridge
    // resets the socket with an RST); node faults need the node's inside.
    if (named.length > 0 && !LINK_FAULTS.has(action)) report(ctx, path, `${named[0]} is an external node: ${action} needs the node's inside, which the harness cannot reach in another process; fault its links instead (${[...LINK_FAULTS].join(', ')})`);
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
