// Lint: typescript-eslint's recommended rules, plus two house rules enforced by machine:
// 1. imports flow one way through harness/ (docs/architecture.md: scenario → plan → sim →
//    transcript → checks → report → external (peers in other processes, their relays) → case
//    (judging one case: catalog, judge, sometimes) → explore (many randomized schedules,
//    shrinking) → playground → serve (the reference node as a TCP server); cli/ composes everything);
//    inside harness/ocapn/ the same holds between its sub-layers (harness/ocapn/README.md, "Layers");
// 2. determinism: simulated code never reads ambient time or randomness (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layers = ['ocapn', 'drivers', 'scenario', 'sim', 'page', 'transcript', 'checks', 'report', 'external', 'case', 'explore', 'playground', 'serve', 'cli'];

/** What each harness folder may import from its siblings (besides itself). */
const allowed = {
  ocapn: [],
  drivers: ['ocapn'],
  // The break categories are the node's (it names one where it breaks), and the shape of the
  // facts a flush design declares (their values reach the scenario through the generated schema):
  // the two leaf files it exposes.
  scenario: ['ocapn/break-reason', 'ocapn/design-facts'],
  // The step registry: each step's effect lives in its module (written against the port
  // steps/sim-port.ts declares, re-exported by the registry), and the page runs it.
  sim: ['drivers', 'ocapn', 'scenario/plan', 'scenario/vocabulary', 'scenario/steps/index'],
  page: ['sim', 'drivers', 'ocapn', 'scenario/plan', 'scenario/vocabulary'],
  transcript: ['sim', 'ocapn', 'scenario/plan', 'scenario/vocabulary'],
  // The step registry's facts (what ends an incarnation, what makes a pair reconnect) are read
  // where the steps say them.
  checks: ['transcript', 'scenario/plan', 'scenario/vocabulary', 'scenario/steps/index'],
  report: ['transcript', 'checks', 'scenario/plan', 'scenario/vocabulary'],
  // External peers (other OS processes over TCP) and their relays: launched and wired for a case.
  external: ['ocapn', 'scenario/plan'],
  // Judging a case composes the stages before it, for the Playwright runner and the CLI alike.
  case: ['ocapn', 'drivers', 'scenario', 'sim', 'transcript', 'checks', 'report', 'external'],
  // Exploring many schedules judges each one as a case, then shrinks and writes scenarios back.
  explore: ['ocapn', 'drivers', 'scenario', 'sim', 'transcript', 'checks', 'report', 'external', 'case'],
  // The playground page runs a session in the page's workers and draws it with the viewer's
  // pieces; the loader and the file system stay in Node (cli/playground).
  playground: ['ocapn', 'drivers', 'sim', 'page', 'transcript', 'checks', 'report', 'scenario/plan', 'scenario/vocabulary', 'scenario/doc'],
  // The reference node as a TCP server (real sockets, real time), hosting the suite's objects or
  // the harness's apps; `ocapn-conformance serve` is its command line.
  serve: ['ocapn', 'sim', 'scenario/plan'],
};

function layerRule(layer) {
  const ok = allowed[layer];
  const forbidden = layers.filter((l) => l !== layer && !ok.includes(l));
  const patterns = forbidden.map((l) => {
    const group = [`**/${l}/**`];
    // A folder may expose single files to later stages (the Plan type, the language's
    // vocabularies), never the rest.
    for (const file of ok.filter((o) => o.startsWith(`${l}/`))) {
      // A file in a subfolder: the subfolder is re-included, its other files excluded again.
      const dir = file.slice(0, file.lastIndexOf('/'));
      if (dir !== l) group.push(`!**/${dir}/`, `**/${dir}/*`);
      group.push(`!**/${file}.js`);
    }
    return { group, message: `harness/${layer}/ may not import harness/${l}/ (docs/architecture.md: imports only flow backwards)` };
  });
  if (layer === 'ocapn') {
    patterns.push({ group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'harness/ocapn/ is platform-neutral: no Node APIs' });
  }
  return {
    files: [`harness/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

/**
 * harness/ocapn/'s sub-layers and what each may import besides itself, as Playwright's DEPS lists
 * do it: a folder, `base` (the files at the top of harness/ocapn/ other than `top`'s: world,
 * limits, options, node types, violations, peer symbols), or one exposed file of a folder
 * (`folder/file`, none today: the design names reach the node options' type by declaration
 * merging from flush/designs.ts). Nothing may import `top` (node.ts,
 * introspect.ts), which composes the node. The lists must form no loop:
 * tests/unit/repo/ocapn-layers.spec.ts checks that, and that a forbidden import is reported.
 */
export const ocapnLayers = {
  syrup: [],
  wire: ['syrup'],
  base: ['syrup', 'wire'],
  crypto: ['syrup', 'wire'],
  netlayer: ['syrup', 'wire', 'base'],
  captp: ['syrup', 'wire', 'base'],
  handoff: ['syrup', 'wire', 'base', 'crypto', 'captp'],
  flush: ['syrup', 'wire', 'base', 'captp', 'handoff'],
  session: ['syrup', 'wire', 'base', 'crypto', 'captp', 'flush'],
};
export const ocapnTop = ['node', 'introspect'];
const ocapnFolders = Object.keys(ocapnLayers).filter((l) => l !== 'base');

/** The import-specifier patterns a harness/ocapn/ sub-layer may not use. */
function ocapnPatterns(layer) {
  const ok = ocapnLayers[layer];
  // Files of `base` sit one level up from a folder's files, and beside each other.
  const up = layer === 'base' ? '\\./' : '\\.\\./';
  const patterns = ocapnFolders
    .filter((f) => f !== layer && !ok.includes(f))
    .map((f) => {
      const exposed = ok.filter((o) => o.startsWith(`${f}/`)).map((o) => o.slice(f.length + 1).replace(/[.]/g, '\\.') + '\\.js$');
      const except = exposed.length ? `(?!${exposed.join('|')})` : '';
      return { regex: `^${up}${f}/${except}`, message: `harness/ocapn/${layer} may not import harness/ocapn/${f}/ (harness/ocapn/README.md, "Layers")` };
    });
  const files = layer !== 'base' && !ok.includes('base') ? '[^/]+$' : `(${ocapnTop.join('|')})\\.js$`;
  patterns.push({ regex: `^${up}${files}`, message: `harness/ocapn/${layer} may not import ${layer !== 'base' && !ok.includes('base') ? 'the files at the top of harness/ocapn/' : 'the node (node.ts, introspect.ts): it composes the layers'} (harness/ocapn/README.md, "Layers")` });
  return patterns;
}

const ocapnOuter = layerRule('ocapn').rules['no-restricted-imports'][1].patterns;

function ocapnLayerRule(layer, extra = ocapnOuter) {
  return {
    files: layer === 'base' ? ['harness/ocapn/*.ts'] : [`harness/ocapn/${layer}/**/*.ts`],
    ignores: layer === 'base' ? ocapnTop.map((t) => `harness/ocapn/${t}.ts`) : [],
    rules: { 'no-restricted-imports': ['error', { patterns: [...extra, ...ocapnPatterns(layer)] }] },
  };
}

// The TCP netlayer's socket binding is the one Node-only module in harness/ocapn/ (real sockets
// for `serve` and Node tests); it may use node:net but still nothing from later layers.
const tcpBinding = {
  ...ocapnLayerRule('netlayer', [
    ...layers.filter((l) => l !== 'ocapn').map((l) => ({ group: [`**/${l}/**`], message: `harness/ocapn/ may not import harness/${l}/` })),
    { group: ['fs', 'path', 'child_process', 'os', 'node:fs', 'node:path', 'node:child_process', 'node:os'], message: 'the TCP binding needs node:net only' },
  ]),
  files: ['harness/ocapn/netlayer/tcp.ts'],
};

/**
 * harness/sim/ has two sides of the worker boundary: page-side/ (the network, the virtual clock,
 * the recorder, the step effects) runs in the page, worker-side/ (node hosts, the app library)
 * runs in each node's Web Worker. They meet only through the files at the top of harness/sim/
 * (the worker protocol, network I/O, the recording format, the lookahead safety rule), so
 * neither side imports the other and the top files import neither.
 */
const simOuter = layerRule('sim').rules['no-restricted-imports'][1].patterns;
const simSides = { 'page-side': ['worker-side'], 'worker-side': ['page-side'], top: ['page-side', 'worker-side'] };
const simSideRules = Object.entries(simSides).map(([side, forbidden]) => ({
  files: side === 'top' ? ['harness/sim/*.ts'] : [`harness/sim/${side}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        ...simOuter,
        ...forbidden.map((f) => ({ group: [`**/${f}/**`], message: `harness/sim/${side === 'top' ? '' : `${side}/`} may not import harness/sim/${f}/: the two sides of the worker boundary meet only in the files at the top of harness/sim/ (docs/architecture.md)` })),
      ],
    }],
  },
}));

const nondeterminism = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded World.random, never Math.random.' },
    { object: 'Date', property: 'now', message: 'Use the virtual World.clock, never Date.now.' },
    { object: 'performance', property: 'now', message: 'Use the virtual World.clock, never performance.now.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Timers in simulated code are virtual: use World.clock.' },
    { name: 'setInterval', message: 'Timers in simulated code are virtual: use World.clock.' },
    { name: 'FinalizationRegistry', message: 'GC is explicit: a FinalizationRegistry defeats replay.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'reports/**', 'test-results/**', 'tests/scenario-errors/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // The house rule "no function over 150 lines" (docs/architecture.md), counted as ESLint does.
      'max-lines-per-function': ['error', { max: 150 }],
    },
  },
  ...Object.keys(allowed).map(layerRule),
  ...Object.keys(ocapnLayers).map((l) => ocapnLayerRule(l)),
  tcpBinding,
  ...simSideRules,
  {
    files: ['harness/ocapn/**/*.ts', 'harness/drivers/**/*.ts', 'harness/sim/**/*.ts'],
    // The free-run clock owns real time on purpose (soak runs judged by properties only).
    ignores: ['harness/sim/**/free-run*.ts'],
    rules: nondeterminism,
  },
);
