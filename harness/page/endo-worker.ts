/**
 * The endo worker entry: a node on the `endo` driver, running endo's own @endo/ocapn. Built as a
 * bundle of its own (vite.config.ts, endo-worker-build.ts) in which every @endo/* package and
 * `ses` resolve to the checkout named by OCAPN_ENDO_PATH — the harness's host and apps included —
 * so the worker holds exactly one copy of each. Only the `endo` driver lives here.
 */
import '../ocapn/endo-setup.js';
import { endoDriver } from '../drivers/endo/adapter.js';
import { isEndoDriver } from '../drivers/endo/info.js';
import { NodeHost } from '../sim/worker-side/node-host.js';
import { serveHost } from './serve-host.js';

// One bundle per checkout: whichever endo column a node names, this bundle's endo runs it.
serveHost(() => new NodeHost((name) => (isEndoDriver(name) ? endoDriver : undefined)));
