// Lint: typescript-eslint's recommended rules, plus two house rules enforced by machine:
// 1. imports flow one way through harness/ (style.md "Our house": scenario → plan → sim →
//    transcript → checks → report → case (judging one case: catalog, judge, sometimes) → explore (many
//    randomized schedules, shrinking); cli/
//    composes everything);
// 2. determinism: simulated code never reads ambient time or randomness (design.md §3.3).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layers = ['ocapn', 'drivers', 'scenario', 'sim', 'page', 'transcript', 'checks', 'report', 'case', 'explore', 'cli'];

/** What each harness folder may import from its siblings (besides itself). */
const allowed = {
  ocapn: [],
  drivers: ['ocapn'],
  scenario: [],
  sim: ['drivers', 'ocapn', 'scenario/plan'],
  page: ['sim', 'drivers', 'ocapn', 'scenario/plan'],
  transcript: ['sim', 'ocapn', 'scenario/plan'],
  checks: ['transcript', 'scenario/plan'],
  report: ['transcript', 'checks', 'scenario/plan'],
  // Judging a case composes the stages before it, for the Playwright runner and the CLI alike.
  case: ['ocapn', 'drivers', 'scenario', 'sim', 'transcript', 'checks', 'report'],
  // Exploring many schedules judges each one as a case, then shrinks and writes scenarios back.
  explore: ['ocapn', 'drivers', 'scenario', 'sim', 'transcript', 'checks', 'report', 'case'],
};

function layerRule(layer) {
  const ok = allowed[layer];
  const forbidden = layers.filter((l) => l !== layer && !ok.includes(l));
  const patterns = forbidden.map((l) => {
    const group = [`**/${l}/**`];
    // A folder may expose one file to later stages (the Plan type), never the rest.
    if (ok.includes(`${l}/plan`)) group.push(`!**/${l}/plan.js`);
    return { group, message: `harness/${layer}/ may not import harness/${l}/ (style.md: imports only flow backwards)` };
  });
  if (layer === 'ocapn') {
    patterns.push({ group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'harness/ocapn/ is platform-neutral: no Node APIs' });
  }
  return {
    files: [`harness/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

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
    },
  },
  ...Object.keys(allowed).map(layerRule),
  {
    files: ['harness/ocapn/**/*.ts', 'harness/drivers/**/*.ts', 'harness/sim/**/*.ts'],
    // The free-run clock owns real time on purpose (soak runs judged by properties only).
    ignores: ['harness/sim/**/free-run*.ts'],
    rules: nondeterminism,
  },
);
