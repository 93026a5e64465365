/**
 * Trace marks the harness apps emit (node `mark` events from app code, not from the OCapN
 * node): named here once so the forwarder emits them and the judge knows they exist.
 */

/** A random route passes the same node twice (the forwarder on that node sees itself again). */
export const MARK_ROUTE_REVISITS_NODE = 'forward:route-revisits-node';

export const APP_MARKS: readonly string[] = [MARK_ROUTE_REVISITS_NODE];
