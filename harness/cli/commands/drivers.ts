/**
 * `drivers [--json]`: every driver the harness knows — conforming or mutant (with its defect),
 * the scenario features it supports and, where stated, why the others are missing. For `endo`
 * also the checkout OCAPN_ENDO_PATH names: its folder, @endo/ocapn version, commit and whether
 * endo's client loads from it (a child Node process imports it).
 */
import { drivers } from '../../drivers/index.js';
import { ENDO_DRIVER, ENDO_UNSET_REASON, endoDriverHere, findEndoCheckout, probeEndoLoads } from '../../drivers/endo/checkout.js';
import { FEATURE_NAMES } from '../../scenario/features.js';
import { GOBLINS_DRIVER_NAME, GOBLINS_UNSET_REASON } from '../../drivers/goblins/info.js';
import { findGoblins, probeGoblinsLoads } from '../../drivers/goblins/install.js';
import type { CommandIo } from '../io.js';

interface DriverRow {
  name: string;
  conforming: boolean;
  defect?: string;
  features: string[];
  missing: { feature: string; why?: string }[];
  tablesGap?: string;
  checkout?: { root?: string; version?: string; commit?: string; loads: boolean; detail: string };
}

function endoCheckoutRow(): NonNullable<DriverRow['checkout']> {
  const checkout = findEndoCheckout();
  if (!checkout) return { loads: false, detail: ENDO_UNSET_REASON };
  const probe = probeEndoLoads(checkout);
  return { root: checkout.root, ...(checkout.version ? { version: checkout.version } : {}), ...(checkout.commit ? { commit: checkout.commit } : {}), ...probe };
}

/** The Goblins folder OCAPN_GOBLINS_PATH names: its package versions and whether Goblins loads. */
function goblinsRow(): NonNullable<DriverRow['checkout']> {
  const install = findGoblins();
  if (!install) return { loads: false, detail: GOBLINS_UNSET_REASON };
  const { versions } = install;
  const version = Object.keys(versions).length > 0 ? Object.entries(versions).map(([p, v]) => `${p} ${v}`).join(', ') : undefined;
  return { root: install.root, ...(version ? { version } : {}), ...probeGoblinsLoads(install) };
}

export function driverRows(withCheckout = true): DriverRow[] {
  // endo's features are those of this machine's checkout (op:flush when it speaks it).
  return drivers.map((known) => (known.name === ENDO_DRIVER ? endoDriverHere() : known)).map((d) => ({
    name: d.name,
    conforming: d.conforming,
    ...(d.defect ? { defect: d.defect } : {}),
    features: [...d.features],
    missing: FEATURE_NAMES.filter((f) => !d.features.includes(f)).map((f) => ({ feature: f, ...(d.featureGaps?.[f] ? { why: d.featureGaps[f] } : {}) })),
    ...(d.tablesGap ? { tablesGap: d.tablesGap } : {}),
    ...(withCheckout && d.name === ENDO_DRIVER ? { checkout: endoCheckoutRow() } : {}),
    ...(withCheckout && d.name === GOBLINS_DRIVER_NAME ? { checkout: goblinsRow() } : {}),
  }));
}

function describeRow(row: DriverRow): string[] {
  const lines = [`${row.name} — ${row.conforming ? 'conforming' : `mutant: ${row.defect ?? 'no defect stated'}`}`, `  features: ${row.features.join(', ')}`];
  for (const m of row.missing) lines.push(`  missing: ${m.feature}${m.why ? ` (${m.why})` : ''}`);
  if (row.tablesGap) lines.push(`  tables: not listed (${row.tablesGap})`);
  if (row.checkout) {
    const c = row.checkout;
    if (c.root && row.name === GOBLINS_DRIVER_NAME) lines.push(`  folder: ${c.root}`, `  packages: ${c.version ?? 'not from goblins setup (no versions file)'}`);
    else if (c.root) lines.push(`  checkout: ${c.root}`, `  @endo/ocapn: ${c.version ?? 'unknown version'}, commit ${c.commit ?? 'unknown'}`);
    lines.push(`  loads: ${c.loads ? 'yes' : 'no'} (${c.detail})`);
  }
  return lines;
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    io.stderr(`drivers: unknown option ${unknown[0]}\nusage: ocapn-conformance drivers [--json]`);
    return 2;
  }
  const rows = driverRows();
  if (argv.includes('--json')) io.stdout(JSON.stringify(rows, null, 2));
  else io.stdout(rows.flatMap(describeRow).join('\n'));
  return 0;
}
