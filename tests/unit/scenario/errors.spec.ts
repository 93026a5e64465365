/**
 * Goal: every broken scenario in tests/scenario-errors/ yields exactly the errors an author should
 * see — phase, `file:line:col`, wording, did-you-mean — and nothing else.
 * Method: one table, one row per file (`$/` stands for the folder); each row loads its file through
 * the real loader and compares the first lines of all errors. An inventory test keeps the table and
 * the folder in step, so a new broken file cannot go unasserted.
 */
import { test, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { formatError, formatErrorLine } from '../../../harness/scenario/errors.js';
import { loadScenario } from '../../../harness/scenario/load.js';
import { LINK_FAULTS } from '../../../harness/scenario/steps/index.js';
import { FLUSH_DESIGN_NAMES } from '../../../harness/ocapn/flush/designs.js';

const DIR = 'tests/scenario-errors/';

interface Case {
  file: string;
  phase: 'scan' | 'schema' | 'semantic';
  errors: string[];
}

const cases: Case[] = [
  {
    file: 'scan-duplicate-key.yaml',
    phase: 'scan',
    errors: [
      '$/scan-duplicate-key.yaml:6:5: duplicate key: each key may appear once in a map',
    ],
  },
  {
    file: 'scan-include-cycle.yaml',
    phase: 'scan',
    errors: [
      '$/_cycle-back.yaml:2:10: include cycle: $/scan-include-cycle.yaml → $/_cycle-back.yaml → $/scan-include-cycle.yaml',
    ],
  },
  {
    file: 'scan-include-missing.yaml',
    phase: 'scan',
    errors: [
      '$/scan-include-missing.yaml:3:10: cannot include "_no-such-fragment.yaml": no such file',
    ],
  },
  {
    file: 'scan-tab-indentation.yaml',
    phase: 'scan',
    errors: [
      '$/scan-tab-indentation.yaml:4:1: YAML syntax: Tabs are not allowed as indentation',
    ],
  },
  {
    file: 'scan-unclosed-flow-map.yaml',
    phase: 'scan',
    errors: [
      '$/scan-unclosed-flow-map.yaml:5:1: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
    ],
  },
  {
    file: 'schema-app-config-key.yaml',
    phase: 'schema',
    errors: [
      '$/schema-app-config-key.yaml:7:32: topology.nodes.bob.apps.hop has unknown key "reslt"; did you mean "result"?',
    ],
  },
  {
    file: 'schema-broken-reason.yaml',
    phase: 'schema',
    errors: [
      '$/schema-broken-reason.yaml:11:23: expect.results.hello.broken[0] must be a break category; a narrower one also satisfies its broader ones (inactivity → connection-lost; reset → connection-lost; closed → connection-lost) (got "conection-lost"); did you mean "connection-lost"?',
    ],
  },
  {
    file: 'schema-design-typo.yaml',
    phase: 'schema',
    errors: [
      // The list is the design registry's, so a new design does not touch this test.
      `$/schema-design-typo.yaml:3:31: designs[1] must be one of ${FLUSH_DESIGN_NAMES.join(', ')} (got "shortner-initiated"); did you mean "shortener-initiated"?`,
    ],
  },
  {
    file: 'schema-dialect-typo.yaml',
    phase: 'schema',
    errors: [
      '$/schema-dialect-typo.yaml:4:12: options.dialect must be one of spec, endo, python-suite (got "edno"); did you mean "endo"?',
    ],
  },
  {
    file: 'schema-empty-file.yaml',
    phase: 'schema',
    errors: [
      '$/schema-empty-file.yaml:1:1: scenario must be a map (got null)',
    ],
  },
  {
    file: 'schema-explore-fault-typo.yaml',
    phase: 'schema',
    errors: [
      '$/schema-explore-fault-typo.yaml:8:12: explore.faults[0] must be one of partition, stall, restart, or a map (got "partiton"); did you mean "partition"?',
      '$/schema-explore-fault-typo.yaml:8:30: explore.faults[1].kind must be one of partition, stall, restart (got "stal"); did you mean "stall"?',
    ],
  },
  {
    file: 'schema-id-not-slug.yaml',
    phase: 'schema',
    errors: [
      '$/schema-id-not-slug.yaml:1:5: id must be a slug: lowercase letters and digits joined by single dashes (got "Flush_Race")',
    ],
  },
  {
    file: 'schema-kickoff-missing-from.yaml',
    phase: 'schema',
    errors: [
      '$/schema-kickoff-missing-from.yaml:8:5: kickoffs[0] is missing required key "from"',
    ],
  },
  {
    file: 'schema-latency-negative.yaml',
    phase: 'schema',
    errors: [
      '$/schema-latency-negative.yaml:5:25: topology.defaults.latency.fixedMs must be >= 0 (got -5)',
    ],
  },
  {
    file: 'schema-latency-two-models.yaml',
    phase: 'schema',
    errors: [
      '$/schema-latency-two-models.yaml:10:16: topology.links[0].latency must have exactly one key (got fixedMs, uniformMs)',
    ],
  },
  {
    file: 'schema-missing-id.yaml',
    phase: 'schema',
    errors: [
      '$/schema-missing-id.yaml:1:1: scenario is missing required key "id"',
    ],
  },
  {
    file: 'schema-node-name-capital.yaml',
    phase: 'schema',
    errors: [
      '$/schema-node-name-capital.yaml:6:5: topology.nodes key "Bob" must be a name: a lowercase letter, then letters, digits or dashes',
    ],
  },
  {
    file: 'schema-requirement-case.yaml',
    phase: 'schema',
    errors: [
      '$/schema-requirement-case.yaml:3:14: requirement must be one of MUST, SHOULD, MAY (got "must"); did you mean "MUST"?',
    ],
  },
  {
    file: 'schema-result-misspelt-key.yaml',
    phase: 'schema',
    errors: [
      '$/schema-result-misspelt-key.yaml:11:14: expect.results.hello has unknown key "brokn"; did you mean "broken"?',
    ],
  },
  {
    file: 'schema-seed-range-dash.yaml',
    phase: 'schema',
    errors: [
      '$/schema-seed-range-dash.yaml:3:12: seeds[1] must be a seed range like "1..20" (got "5-9")',
    ],
  },
  {
    file: 'schema-seeds-wrong-type.yaml',
    phase: 'schema',
    errors: [
      '$/schema-seeds-wrong-type.yaml:3:8: seeds must be an integer, a seed range like "1..20" or a list (got true)',
    ],
  },
  {
    file: 'schema-several-at-once.yaml',
    phase: 'schema',
    errors: [
      '$/schema-several-at-once.yaml:3:8: seeds must be a seed range like "1..20" (got "1..x")',
      '$/schema-several-at-once.yaml:7:48: topology.nodes.bob.apps.echo.delayMs must be >= 0 (got -1)',
      '$/schema-several-at-once.yaml:9:51: kickoffs[0] has unknown key "methd"; did you mean "method"?',
    ],
  },
  {
    file: 'schema-step-two-actions.yaml',
    phase: 'schema',
    errors: [
      '$/schema-step-two-actions.yaml:8:5: steps[0] must have exactly one action (got kill, pause)',
    ],
  },
  {
    file: 'schema-step-unknown-action.yaml',
    phase: 'schema',
    errors: [
      '$/schema-step-unknown-action.yaml:9:5: steps[1] has unknown key "kil"; did you mean "kill"?',
    ],
  },
  {
    file: 'schema-target-bad-form.yaml',
    phase: 'schema',
    errors: [
      '$/schema-target-bad-form.yaml:8:41: kickoffs[0].target must be <node>.<object> (a sturdyref) or the name of an earlier kickoff (its result) (got "bob/echo")',
    ],
  },
  {
    file: 'schema-uniform-one-bound.yaml',
    phase: 'schema',
    errors: [
      '$/schema-uniform-one-bound.yaml:5:27: topology.defaults.latency.uniformMs must have at least 2 items (got 1)',
    ],
  },
  {
    file: 'schema-unknown-app.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-app.yaml:7:22: topology.nodes.bob.apps.echo.app must be one of forwarder, echo, recorder, holder, counter, thrower, failing (got "ecko"); did you mean "echo"?',
    ],
  },
  {
    file: 'schema-unknown-check.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-check.yaml:7:12: expect.checks[0] must be a property from harness/checks/ (got "perRefFIFO"); did you mean "perRefFifo"?',
    ],
  },
  {
    file: 'schema-unknown-driver.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-driver.yaml:3:11: drivers[0] must be a driver name (got "refrence"); did you mean "reference"?',
    ],
  },
  {
    file: 'schema-unknown-mark.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-mark.yaml:7:11: expect.marks[0] must be one of flush:delivery-queued-on-fresh-promise, flush:done-before-forwarded-answered, turn-begin, turn-commit, turn-abort, forward:route-revisits-node (got "flush:delivery-queued-on-fresh-promis"); did you mean "flush:delivery-queued-on-fresh-promise"?',
      '$/schema-unknown-mark.yaml:9:15: expect.sometimes[0].mark must be one of flush:delivery-queued-on-fresh-promise, flush:done-before-forwarded-answered, turn-begin, turn-commit, turn-abort, forward:route-revisits-node (got "forward:route-revisit-node"); did you mean "forward:route-revisits-node"?',
      '$/schema-unknown-mark.yaml:10:7: expect.sometimes[1] must be one of flush:delivery-queued-on-fresh-promise, flush:done-before-forwarded-answered, turn-begin, turn-commit, turn-abort, forward:route-revisits-node, or a map (got "flush:done-before-forwarded-answerd"); did you mean "flush:done-before-forwarded-answered"?',
    ],
  },
  {
    file: 'schema-unknown-feature.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-feature.yaml:3:21: features[1] must be a registered feature name (got "pipelinig"); did you mean "pipelining"?',
    ],
  },
  {
    file: 'schema-unknown-op-label.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-op-label.yaml:8:20: steps[0].wait.frame must be an OCapN operation label the codec knows (got "op:flushx"); did you mean "op:flush"?',
    ],
  },
  {
    file: 'schema-unknown-top-key.yaml',
    phase: 'schema',
    errors: [
      '$/schema-unknown-top-key.yaml:2:1: scenario has unknown key "titel"; did you mean "title"?',
    ],
  },
  {
    file: 'schema-wait-ms-string.yaml',
    phase: 'schema',
    errors: [
      '$/schema-wait-ms-string.yaml:7:22: steps[0].wait.untilMs must be a number (got "soon")',
    ],
  },
  {
    file: 'schema-wait-wrong-word.yaml',
    phase: 'schema',
    errors: [
      '$/schema-wait-wrong-word.yaml:7:11: steps[0].wait must be "quiescent" or a map (got "idle")',
    ],
  },
  {
    file: 'semantic-at-step-never-started.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-at-step-never-started.yaml:8:70: kickoffs[0].at: "later" waits for a step, but no step has kickoff: later',
    ],
  },
  {
    file: 'semantic-duplicate-kickoff.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-duplicate-kickoff.yaml:9:13: kickoffs[1].name: "hello" is already the name of kickoffs[0]',
    ],
  },
  {
    file: 'semantic-error-in-fragment.yaml',
    phase: 'semantic',
    errors: [
      '$/_bad-link.yaml:4:32: topology.links[0].target: unknown node "dave"',
    ],
  },
  {
    file: 'semantic-explore-bounds.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-explore-bounds.yaml:12:32: explore.faults[0].nodes[0]: explore never restarts alice: it sends kickoffs (a restart would lose them)',
      '$/semantic-explore-bounds.yaml:12:39: explore.faults[0].nodes[1]: unknown node "bobb"; did you mean "bob"?',
      '$/semantic-explore-bounds.yaml:13:26: explore.faults[1].nodes: partition hits a pair, not a node: write links: [[a, b], …] (nodes: is for restart)',
      '$/semantic-explore-bounds.yaml:14:38: explore.faults[2].links[0][1]: unknown node "carl"; did you mean "carol"?',
      '$/semantic-explore-bounds.yaml:15:7: explore.faults[3]: stall is listed twice (first at explore.faults[2]); give one entry its bounds',
    ],
  },
  {
    file: 'semantic-external-node.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-external-node.yaml:6:7: topology.nodes.alice.objects: objects: is for external nodes; a worker node hosts apps: (add external: or write apps:)',
      '$/semantic-external-node.yaml:8:17: topology.nodes.bob.external: needs exactly one of locator, command (got both)',
      '$/semantic-external-node.yaml:9:7: topology.nodes.bob.apps: an external node runs its own implementation: declare what it hosts under objects: (not apps:)',
      '$/semantic-external-node.yaml:12:28: topology.nodes.carol.external.locator: needs both hints host and port (got host)',
      '$/semantic-external-node.yaml:14:22: kickoffs[0].from: bob is an external node: the harness cannot make it call; let a worker node call it instead',
      '$/semantic-external-node.yaml:14:35: kickoffs[0].target: carol has no object or sturdyref "echo"',
      // The link faults in registry order (steps/index.ts), so a new link fault needs no edit here.
      `$/semantic-external-node.yaml:18:11: steps[1].kill: carol is an external node: kill needs the node's inside, which the harness cannot reach in another process; fault its links instead (${[...LINK_FAULTS].join(', ')})`,
      '$/semantic-external-node.yaml:19:25: steps[2].expect.tables.bob: bob is an external node: its tables cannot be read',
    ],
  },
  {
    file: 'semantic-external-links.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-external-links.yaml:9:18: topology.nodes.bob.external.command: {locator:alice} must name another external node (alice is a worker: a process cannot reach it)',
      "$/semantic-external-links.yaml:9:18: topology.nodes.bob.external.command: the external nodes' {locator:…} names form a cycle through bob: one process must start before the other, so only one of them can name the other",
      "$/semantic-external-links.yaml:13:18: topology.nodes.carol.external.command: the external nodes' {locator:…} names form a cycle through carol: one process must start before the other, so only one of them can name the other",
      '$/semantic-external-links.yaml:16:93: kickoffs[0].route[1]: a forwarder fetches carol.forwarder by the swiss number "forwarder", but carol declares it under "fwd": declare it with swiss: forwarder',
      '$/semantic-external-links.yaml:16:100: kickoffs[0].route[2]: carol is an external node: its forwarder reaches only other external nodes (through {locator:…} in its command), not the worker alice',
    ],
  },
  {
    file: 'semantic-flush-never-exported.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-flush-never-exported.yaml:11:22: steps[1].flush.export: "hello" is never exported: bob.echo is an echo, which answers plain data',
    ],
  },
  {
    file: 'semantic-by-design-unlisted.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-by-design-unlisted.yaml:5:10: options.flush: designs: sets the flush design of each case; drop options.flush (designs: receiver-initiated, marker)',
      "$/semantic-by-design-unlisted.yaml:13:11: expect.checks: perRefFifo is expected violated in some seed under marker and also named in checks; drop it from that design's checks",
      '$/semantic-by-design-unlisted.yaml:15:5: expect.byDesign.none: "none" is not among this scenario\'s designs (receiver-initiated, marker)',
      '$/semantic-by-design-unlisted.yaml:17:18: expect.byDesign.marker.results.q: unknown kickoff or flush "q"; did you mean "p"?',
    ],
  },
  {
    file: 'semantic-by-design-no-designs.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-by-design-no-designs.yaml:7:3: expect.byDesign: byDesign needs designs: at the top of the scenario (the designs to run under)',
    ],
  },
  {
    file: 'semantic-flush-option-none.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-flush-option-none.yaml:12:12: steps[0].flush: flushes, but options.flush is none',
    ],
  },
  {
    file: 'semantic-strict-forwarding-none.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-strict-forwarding-none.yaml:3:49: options.strictForwarding: strict forwarding needs a fenced design (shortener-initiated, marker, marker-first-hop); none builds no fence for it to keep calls behind — drop none from designs, or drop strictForwarding',
    ],
  },
  {
    file: 'semantic-flush-position-no-peer.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-flush-position-no-peer.yaml:8:12: steps[0].flush: export: 3 is a position, so node (the holder) and peer (the exporter) are both required',
    ],
  },
  {
    file: 'semantic-flush-unknown-ref.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-flush-unknown-ref.yaml:10:22: steps[0].flush.export: unknown kickoff "promis"; did you mean "promise"?',
    ],
  },
  {
    file: 'semantic-flush-wrong-holder.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-flush-wrong-holder.yaml:11:20: steps[0].flush.node: carol never received "promise"; its holder is alice',
    ],
  },
  {
    file: 'semantic-heal-uncut.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-heal-uncut.yaml:8:11: steps[0].heal: alice and bob are not partitioned; nothing to heal',
    ],
  },
  {
    file: 'semantic-kill-twice.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-kill-twice.yaml:10:11: steps[2].kill: cannot kill bob: it must be up, but it is down since steps[0]',
    ],
  },
  {
    file: 'semantic-link-to-itself.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-link-to-itself.yaml:7:32: topology.links[0].target: a link joins two different nodes (got alice twice)',
    ],
  },
  {
    file: 'semantic-link-twice.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-link-twice.yaml:9:7: topology.links[1]: bob→alice is already set by topology.links[0]',
    ],
  },
  {
    file: 'semantic-link-unknown-node.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-link-unknown-node.yaml:8:32: topology.links[0].target: unknown node "carl"; did you mean "carol"?',
    ],
  },
  {
    file: 'semantic-restart-running.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-restart-running.yaml:10:22: steps[2].restart.node: cannot restart bob: it must be down (killed or stopped), but it is running since steps[1]',
    ],
  },
  {
    file: 'semantic-resume-without-pause.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-resume-without-pause.yaml:9:13: steps[1].resume: cannot resume bob: it must be paused, but it is running',
    ],
  },
  {
    file: 'semantic-route-through-echo.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-route-through-echo.yaml:10:77: kickoffs[0].route[1]: carol.hop is an echo, not a forwarder, so the route cannot continue past it',
    ],
  },
  {
    file: 'semantic-route-unknown-node.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-route-unknown-node.yaml:9:77: kickoffs[0].route[1]: unknown node "carrol"; did you mean "carol"?',
    ],
  },
  {
    file: 'semantic-route-wrong-start.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-route-wrong-start.yaml:9:72: kickoffs[0].route[0]: a route starts at the target\'s node bob (got carol)',
    ],
  },
  {
    file: 'semantic-seeds-backwards.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-seeds-backwards.yaml:3:8: seeds: range "20..1" runs backwards; write "1..20"',
    ],
  },
  {
    file: 'semantic-several-at-once.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-several-at-once.yaml:8:26: kickoffs[0].from: unknown node "alise"; did you mean "alice"?',
      '$/semantic-several-at-once.yaml:10:12: steps[0].pause: unknown node "bobby"; did you mean "bob"?',
      '$/semantic-several-at-once.yaml:11:22: steps[1].wait.settled: unknown kickoff or flush "hallo"; did you mean "hello"?',
    ],
  },
  {
    file: 'semantic-sturdyref-unknown-object.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-sturdyref-unknown-object.yaml:8:31: topology.nodes.bob.sturdyrefs.count-me: bob has no object "countr"; did you mean "counter"?',
    ],
  },
  {
    file: 'semantic-table-unknown-peer.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-table-unknown-peer.yaml:10:7: expect.tables.alice.bobb: unknown peer "bobb"; did you mean "bob"?',
    ],
  },
  {
    file: 'semantic-unknown-kickoff-target.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-unknown-kickoff-target.yaml:9:40: kickoffs[1].target: unknown kickoff "countr"; did you mean "counter"?',
    ],
  },
  {
    file: 'semantic-unknown-method.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-unknown-method.yaml:9:61: kickoffs[0].method: bob.counter is a counter, which has no method "incremnt" (it answers increment, get); did you mean "increment"?',
      '$/semantic-unknown-method.yaml:11:52: kickoffs[2].method: bob.counter is a counter, which has no method "gett" (it answers increment, get); did you mean "get"?',
    ],
  },
  {
    file: 'semantic-unknown-object.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-unknown-object.yaml:8:41: kickoffs[0].target: bob has no object or sturdyref "ecko"; did you mean "echo"?',
    ],
  },
  {
    file: 'semantic-unknown-result.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-unknown-result.yaml:11:5: expect.results.helo: unknown kickoff or flush "helo"; did you mean "hello"?',
    ],
  },
  {
    file: 'semantic-wait-event-keys.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-wait-event-keys.yaml:11:29: steps[0].wait.count: count is for frame, mark and kickoff waits',
      '$/semantic-wait-event-keys.yaml:12:22: steps[1].wait.kickoff: unknown kickoff "helo"; did you mean "hello"?',
    ],
  },
  {
    file: 'semantic-wait-time-backwards.yaml',
    phase: 'semantic',
    errors: [
      '$/semantic-wait-time-backwards.yaml:8:22: steps[1].wait.untilMs: 50 is earlier than 100 reached by steps[0]; virtual time only moves forward',
    ],
  },
];

test('the table covers every broken scenario file, and there are at least 25', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).sort();
  expect(cases.map((c) => c.file).sort()).toEqual(files);
  expect(files.length).toBeGreaterThanOrEqual(25);
});

for (const c of cases) {
  test(`${c.phase}: ${c.file.replace(/\.yaml$/, '')}`, () => {
    const result = loadScenario(DIR + c.file);
    expect(result.plan).toBeUndefined();
    if (!result.errors) return;
    expect(result.errors.map(formatErrorLine)).toEqual(c.errors.map((e) => e.replace(/\$\//g, DIR)));
    expect(result.phase).toBe(c.phase);
    for (const error of result.errors) {
      expect(error.phase).toBe(c.phase);
      // Every error with a place in a text shows it: the line, then a caret under the column.
      const frame = formatError(error).split('\n');
      expect(frame[1]).toMatch(new RegExp(`^[> ] +\\d+ \\| `));
      expect(frame.some((l) => l.startsWith('>') && l.includes(` ${error.line} | `))).toBe(true);
      const caret = frame[frame.length - 1];
      expect(caret.indexOf('^') - caret.indexOf('|') - 2).toBe(error.col - 1);
    }
  });
}
