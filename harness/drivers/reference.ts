/**
 * The `reference` driver: the harness's own OCapN node (harness/ocapn/node.ts) behind the
 * driver interface. Also the base of every mutant, which differ only in node options
 * (`ReferenceOptions.defects`) or declared app defects — never in copied code.
 * View: one node in one worker; see README.md for what a driver must provide.
 */
import { ReferenceNode } from '../ocapn/node.js';
import type { ReferenceOptions } from '../ocapn/session/host.js';
import type { World } from '../ocapn/world.js';
import { FEATURE_NAMES_SUPPORTED } from './features.js';
import type { Driver, DriverNode, NodeConfig, NodeEvent, RemoteRef, SturdyRefLocator, TableSnapshot } from './driver.js';

export interface ReferenceDriverSpec {
  name: string;
  conforming: boolean;
  defect?: string;
  defects?: ReferenceOptions['defects'];
  appDefects?: readonly string[];
}

/** Wraps a ReferenceNode as a DriverNode (events and tables are the same node-facing types). */
export function wrapNode(node: ReferenceNode): DriverNode & { readonly inner: ReferenceNode } {
  return {
    inner: node,
    name: node.name,
    location: node.location,
    registerSturdyRef: (swiss: string, object: object): SturdyRefLocator => node.registerSturdyRef(swiss, object),
    enliven: (locator: SturdyRefLocator): Promise<RemoteRef> => node.enliven(locator),
    flush: (ref: RemoteRef) => node.flush(ref),
    flushPosition: (peer: string, position: number) => node.flushPosition(peer, position),
    release: (ref: RemoteRef | Promise<unknown>) => node.release(ref),
    releasePosition: (peer: string, position: number) => node.releasePosition(peer, position),
    tables: (): TableSnapshot => node.tables(),
    onEvent: (handler: (event: NodeEvent) => void) => node.onEvent(handler),
    shutdown: () => node.shutdown(),
    exportState: () => node.exportState(),
    turn: <T>(fn: () => T): Promise<T> => node.turn(fn),
  };
}

export function makeReferenceDriver(spec: ReferenceDriverSpec): Driver {
  return {
    name: spec.name,
    conforming: spec.conforming,
    ...(spec.defect ? { defect: spec.defect } : {}),
    features: FEATURE_NAMES_SUPPORTED,
    ...(spec.appDefects ? { appDefects: spec.appDefects } : {}),
    makeNode(config: NodeConfig, world: World): DriverNode {
      const options: ReferenceOptions = { ...config.options, ...(spec.defects ? { defects: spec.defects } : {}) };
      return wrapNode(new ReferenceNode({ name: config.name, identitySeed: config.identitySeed, options, incarnation: config.incarnation }, world));
    },
  };
}

export const referenceDriver: Driver = makeReferenceDriver({ name: 'reference', conforming: true });
