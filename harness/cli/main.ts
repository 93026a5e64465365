/**
 * `ocapn-conformance` command dispatcher: the one composition root of the harness. Each command
 * lives in `commands/<name>.ts` and exports `run(argv, io)`; this file only routes and reports.
 */
import { processIo, type CommandIo, type Command } from './io.js';

// A computed specifier keeps the type check independent of which commands exist yet; tsx maps
// `.js` to the `.ts` source at run time.
const loadCommand = (name: string): Promise<{ run: Command }> => import(`./commands/${name}.js`);

interface CommandEntry {
  summary: string;
  /** What `<command> --help` prints: the usage line, then what the command does and its options;
   * absent when the command answers --help itself. */
  help?: string;
  load: () => Promise<{ run: Command }>;
}

export const commands: Record<string, CommandEntry> = {
  decode: {
    summary: 'decode Syrup bytes (--hex HEX | FILE) to JSON',
    help: `usage: ocapn-conformance decode (--hex HEX | FILE) [--view op|typed] [--framed] [--dialect spec|endo|python-suite]
Decodes Syrup bytes to JSON: the operation view by default (--view typed: the typed tree).
Back-to-back values, or <len>: frames with --framed, print as a JSON array. Malformed input
names the offset and the rule broken; exit 1.`,
    load: () => loadCommand('decode'),
  },
  encode: {
    summary: 'encode a typed tree (JSON on stdin) to hex',
    help: `usage: ocapn-conformance encode [--dialect spec|endo|python-suite] [--framed] < typed-tree.json
Reads a typed tree (what decode --view typed prints) on stdin and prints its canonical Syrup
bytes as hex; --framed wraps them in a <len>: frame.`,
    load: () => loadCommand('encode'),
  },
  check: {
    summary: 'validate scenario files [paths...]',
    help: `usage: ocapn-conformance check [paths...] [--plan]
Validates scenario files (default: everything under scenarios/; folders and files starting
with _ are fragments). Errors print as file:line:col with a code frame and a suggestion;
exit 1 on any. --plan also prints each valid file's plan as JSON.`,
    load: () => loadCommand('check'),
  },
  new: {
    summary: 'scaffold a scenario: new <id>',
    help: `usage: ocapn-conformance new <id> [--dir scenarios]
Writes <dir>/<id>.yaml, a small commented scenario that already passes check. <id> is a slug,
optionally <folder>/<slug>. Never overwrites a file.`,
    load: () => loadCommand('new'),
  },
  conformance: {
    summary: 'run every scenario against every conforming driver, write reports/',
    help: `usage: ocapn-conformance conformance [Playwright options, e.g. --grep <scenario-id>]
Runs every scenario x conforming driver x seed and every mutant case through Playwright and
writes reports/conformance.html and reports/conformance.json. Options are passed to
Playwright: --grep refcount-preserved runs one scenario, --grep @op:flush a feature.
Exit 1 on a failure, an unexpected pass, or an unknown case whose scenario has no
expect.allowUnknown reason.`,
    load: () => loadCommand('conformance'),
  },
  run: {
    summary: 'run one scenario headless: run <scenario> [--seed N | --seeds A..B] [--driver D] [--out DIR]',
    help: `usage: ocapn-conformance run <scenario> [--seed N | --seeds A..B] [--driver D] [--out DIR]
Runs a scenario (its id or its file) headless and judges each seed as the test runner does.
Default: the scenario's first seed. Evidence per seed goes to DIR/seed-<n>/ (default
reports/run/<id>/seed-<n>/). With every seed of the scenario (or --seeds), expect.sometimes
is judged across them. Exit 1 on any failure, 2 on a usage error, 3 when the case cannot run
here (the test runner would skip it; the reason is printed).`,
    load: () => loadCommand('run'),
  },
  explore: {
    summary: 'randomized schedules: explore <scenario…> --seeds 1..N [--faults] [--time S] [--workers K]',
    help: `usage: ocapn-conformance explore <scenario…> [--seeds 1..200] [--driver D] [--faults [declared|all|partition,stall,restart]]
                                  [--time SECONDS] [--workers K] [--jitter MS] [--out DIR] [--no-shrink]
Explores randomized schedules of one or more scenarios (a folder: every scenario below it; a scenario with designs: each design) on K
pages of one headless browser (default: 1). Each seed draws kickoff timing jitter (up to --jitter ms, default 10) and, with
--faults, extra partitions, stalls and kill+restarts at random virtual times (bare --faults: the
kinds the scenario's explore.faults declares, else those its own steps use, else a usage error;
named kinds are narrowed to explore.faults when a scenario has it); latencies and delivery tie-breaks come from the seed as in
every run. Each seed is judged as the test runner judges it (no golden; with injected faults,
properties only). Every failing seed leaves a standalone replay scenario DIR/<id>-seed-<n>.yaml
(default DIR reports/explore) and, when a check (or else an expectation) was violated, a shrunk one
DIR/<id>-shrunk-seed-<n>.yaml (fewer faults, sends, hops and nodes, minimal latencies; the
same check or expectation still violated). expect.sometimes is judged per scenario across the seeds run.
--time stops starting cases after that many seconds. Exit 1 on any failure, 2 on a usage error.`,
    load: () => loadCommand('explore'),
  },
  'compare-flush': {
    summary: 'the flush design lab: compare-flush [scenario…] --seeds 1..50 [--designs a,b] [--workers K] [--jitter MS] [--rules strict,split] [--models]',
    help: `usage: ocapn-conformance compare-flush [scenario…] [--seeds 1..50] [--designs receiver-initiated,shortener-initiated,marker,none]
                                        [--driver D] [--workers K] [--jitter MS] [--rules strict,split] [--models] [--out DIR]
Runs each scenario under every op:flush design side by side, each seed headless and judged as
the test runner judges it: a scenario that lists designs: runs under its designs with each
design's expectations; any other scenario runs under every design (or --designs) with its own.
Without a scenario: every scenario that lists designs. Default seeds: each scenario's own.
--jitter MS draws explore's kickoff timing jitter from each seed (default 0). --rules adds lab
variants beside each design as specified: strict (options.strictForwarding; fenced designs with
handoffs: shorten only) and split (the answer-queue-split node: an answer and the promise it
resolved to keep two queues), shown as columns <design>+<rule>.
Writes DIR/flush-designs.html and DIR/flush-designs.json (default DIR reports): per scenario ×
design, perRefFifo with a witness (seed and frames), frames on the wire, round trips (answered
op:flush and withdraw-gift exchanges), calls that went the long way (relayed) and the short way,
virtual time until the last delivery and until the path was shortened; a headline per design.
--models runs the topologies of fixtures/flush-models/published-verdicts.json (defaults seeds
1..200, --jitter 10, --rules strict) and also writes DIR/flush-models.html and .json: per
topology × design the formal model's published verdict beside ours, the first witness, and
agree / disagree with the written reason; exit 1 when a disagreement has none.
Links the lab from DIR/conformance.html when that matrix exists. Exit 0 once written, 2 on a
usage error.`,
    load: () => loadCommand('compare-flush'),
  },
  goldens: {
    summary: 'goldens prune [--dry-run]: remove goldens no case produces',
    help: `usage: ocapn-conformance goldens prune [--dry-run]
Lists (--dry-run) or removes golden transcripts under fixtures/golden/ that no conformance
case produces any more.`,
    load: () => loadCommand('goldens'),
  },
  drivers: {
    summary: 'list drivers, their features and the endo checkout (OCAPN_ENDO_PATH) [--json]',
    help: `usage: ocapn-conformance drivers [--json]
Lists every driver with the features it supports and the ones it lacks (with the reason), and
for endo the checkout named by OCAPN_ENDO_PATH: its folder, version, commit and whether it loads.`,
    load: () => loadCommand('drivers'),
  },
  goblins: {
    summary: 'Guile Goblins into a folder, never system-wide: goblins setup <folder> [--mirror URI]',
    help: `usage: ocapn-conformance goblins setup <folder> [--mirror URI]
Downloads Debian's packages of Guile Goblins 0.18.0 and what it needs (guile-goblins 0.18.0-2,
guile-fibers 1.4.3-1, guile-websocket 0.3.0-2 from sid, guile-gnutls 4.0.1-2 from trixie) with
apt-get under a private APT configuration (this machine's Debian mirror, or --mirror), unpacks
them into <folder>/root with dpkg-deb -x, writes <folder>/GOBLINS-VERSIONS.json and loads Goblins
once to compile it (Guile 3.0 itself comes from the system: apt-get install guile-3.0). Nothing is
installed system-wide. A package version that is gone is named with its suite. Then
OCAPN_GOBLINS_PATH=<folder> enables the goblins driver.`,
    load: () => loadCommand('goblins'),
  },
  findings: {
    summary: "endo's defects with their status per endo column of the last matrix [--matrix FILE] [--json]",
    help: `usage: ocapn-conformance findings [--matrix FILE] [--json]
       ocapn-conformance findings --witness [--out FILE] [--recordings]
Lists every endo defect (harness/drivers/endo/findings.ts: minimal case, spec section, a report
paragraph) and, per endo column of the matrix (default reports/conformance.json), whether it is
present, absent, failing otherwise, skipped or not run.
--witness runs each defect's minimal case on every endo checkout of OCAPN_ENDO_PATH and writes
its byte witness (frames as hex, Syrup text and decoded; endo's errors; the verdict) to FILE
(default harness/drivers/endo/witnesses/WITNESSES.md), the minimal scenarios beside it.`,
    load: () => loadCommand('findings'),
  },
  bench: {
    summary: 'run the benchmarks (codec, simulation)',
    help: `usage: ocapn-conformance bench [name...]
Runs tests/bench/*.bench.ts (those whose file name contains a given name); each prints its
own numbers. Nothing is asserted.`,
    load: () => loadCommand('bench'),
  },
  diff: {
    summary: 'what changed between two runs: diff <old conformance.json> <new conformance.json>',
    help: `usage: ocapn-conformance diff <old conformance.json> <new conformance.json>
Compares two conformance reports (reports/conformance.json of two runs, e.g. two endo commits):
cases newly failing, newly passing, failing cases whose violated checks or witnesses changed,
other status changes. Exit 1 when a case newly fails (FAIL or UNEXPECTED PASS), 0 otherwise;
2 when a file is not a conformance report or is of another schema version (it says which).`,
    load: () => loadCommand('diff'),
  },
  view: {
    summary: 'replay one case in the browser: view <transcript.json | evidence dir> [--out FILE]',
    help: `usage: ocapn-conformance view <transcript.json | evidence dir> [--out FILE] [--port N]
The replay viewer: a timeline to scrub or step frame by frame, the nodes and links with frames
in flight, the decoded frame under the cursor, every node's tables at that instant, and the
witnesses of violated checks (verdicts.json beside the transcript) marked in red. Serves it on
127.0.0.1 and prints the URL (Ctrl-C stops); --out FILE writes it as one self-contained HTML
file instead. Open at frame N with #frame=N in the URL.`,
    load: () => loadCommand('view'),
  },
  playground: {
    summary: 'poke a live network by hand and save it as a scenario: playground [scenario.yaml] [--seed N]',
    help: `usage: ocapn-conformance playground [scenario.yaml | id] [--seed N] [--driver D] [--port P]
Serves the playground page on 127.0.0.1 and prints its URL (Ctrl-C stops): the nodes and links,
every node's live tables, marks, checks judged live and the decoded frame log; controls for what
the scenario language can say (nodes, links, kickoffs, flush, faults, waits) and for the virtual
clock; "save as scenario" writes the YAML that replays the session byte for byte. With a scenario
it opens paused at its start, to step through it or branch off at any step. --driver runs every
node on that driver (a mutant shows its violations live; replay with run --driver).`,
    load: () => loadCommand('playground'),
  },
  // serve prints its own option list (it is long and names the netlayer's defaults).
  serve: {
    summary: 'a reference node on TCP for other implementations: serve [--port N] [--framing none|length]',
    load: () => loadCommand('serve'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: ocapn-conformance <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`ocapn-conformance: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  // Every command answers --help the same way, before it parses anything (conformance would
  // otherwise hand it to Playwright, new would take it for a slug).
  if (entry.help !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(entry.help);
    return 0;
  }
  let mod: { run: Command };
  try {
    mod = await entry.load();
  } catch (error) {
    io.stderr(`ocapn-conformance: command "${name}" is not available yet (${(error as Error).message})`);
    return 2;
  }
  return mod.run(rest, io);
}
