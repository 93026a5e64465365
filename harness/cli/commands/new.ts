/**
 * `ocapn-conformance new <id> [--dir scenarios]`: scaffolds `<dir>/<id>.yaml`, a small commented
 * scenario that already passes `check`, to be copied and changed. `<id>` may carry a feature
 * folder (`flush/my-race`); the file's id is the last part. Refuses to overwrite a file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatError } from '../../scenario/errors.js';
import { parseScenario } from '../../scenario/load.js';
import { SCHEMA_URL } from '../../scenario/schema-validator.js';

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = 'usage: ocapn-conformance new <id> [--dir scenarios]   (id: a slug, optionally <folder>/<slug>)';

export async function run(argv: string[], io: Io): Promise<number> {
  const args = [...argv];
  let dir = 'scenarios';
  const dirAt = args.indexOf('--dir');
  if (dirAt >= 0) {
    dir = args[dirAt + 1] ?? '';
    args.splice(dirAt, 2);
  }
  const [name, ...extra] = args;
  if (!name || !dir || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const parts = name.replace(/\.ya?ml$/, '').split('/');
  const id = parts[parts.length - 1];
  if (!parts.every((p) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(p))) {
    io.stderr(`new: "${name}" must be a slug (lowercase letters and digits joined by single dashes), optionally <folder>/<slug>`);
    return 2;
  }
  const file = path.join(dir, ...parts) + '.yaml';
  if (existsSync(file)) {
    io.stderr(`new: ${file} already exists; not overwriting it`);
    return 1;
  }
  const schema = path.relative(path.dirname(path.resolve(file)), fileURLToPath(SCHEMA_URL)).split(path.sep).join('/');
  const text = makeScaffold(id, schema);
  // The scaffold is a promise that `check` passes: verify before writing anything.
  const result = parseScenario(text, file);
  if (result.errors) {
    io.stderr(`new: internal error, the scaffold does not validate:\n${result.errors.map(formatError).join('\n')}`);
    return 1;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  io.stdout(`created ${file}\nnext: edit it, then run: npx ocapn-conformance check ${file}`);
  return 0;
}

export function makeScaffold(id: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# A scenario: who exists (topology), what they do (kickoffs), what happens (steps), what must
# hold (expect). Virtual time is in ms. Hover any key in VS Code for its documentation; the
# language is taught in scenarios/README.md.
id: ${id}
title: alice calls bob's echo and gets her argument back   # a behaviour sentence
description: >
  Replace this with the race or topology this scenario exercises and why it matters.
spec: captp/op-deliver        # anchor into the spec draft or a named design
requirement: MUST
features: [deliver]
seeds: 1                      # or "1..20", or [1, 5, "10..12"]

topology:
  defaults:
    latency: { fixedMs: 10 }  # or { uniformMs: [5, 50] } or { normalMs: { mean: 20, stddev: 5 } }
  nodes:
    alice: {}
    bob:
      apps:
        echo: { app: echo }   # apps: forwarder, echo, recorder, holder, counter, thrower

kickoffs:
  - name: hello               # later steps and expect refer to the call by this name
    from: alice
    target: bob.echo          # <node>.<object> (its sturdyref), or an earlier kickoff's name
    method: greet
    args: [hi]

steps:
  - wait: quiescent           # also: { untilMs }, { settled: hello }, kill: bob, flush: {...}

expect:
  results:
    hello: hi                 # or { broken: [connection-lost] }
  checks: all                 # or names from harness/checks/README.md; a named check must apply to the run
`;
}
