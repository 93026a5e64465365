/**
 * Test helper: in-process host ports (NodeHost without a worker), with the Endo environment
 * installed first; re-exports the plan builder.
 */
import '../../../harness/ocapn/endo-setup.js';
import { NodeHost, type DriverLookup } from '../../../harness/sim/worker-side/node-host.js';
import type { HostPort, HostPortFactory } from '../../../harness/sim/page-side/runner.js';
export { makePlan } from './_plan-builder.js';

/** Hosts run in this process; `log` collects (node, command type) per request. */
export function inProcessPorts(getDriver: DriverLookup, log: string[] = []): HostPortFactory {
  return (node) => {
    const host = new NodeHost(getDriver);
    let id = 0;
    let dead = false;
    const port: HostPort = {
      async request(command, nowMs) {
        if (dead) throw new Error(`host ${node} was terminated`);
        log.push(`${node}:${command.type}`);
        return host.handle({ id: ++id, nowMs, command });
      },
      terminate() {
        dead = true;
      },
    };
    return port;
  };
}
