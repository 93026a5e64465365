/**
 * `bench-echo`: a pseudo-driver with no OCapN at all, used to measure the lock-step machinery
 * itself (and to test the worker path without an implementation). A kickoff dials the target node
 * and writes one frame whose first byte is a hop budget; every node that receives a frame with a
 * budget > 0 writes it back with the budget decremented. View: one node host.
 */
import type { NetInput } from '../node-io.js';
import type { HostWorld } from './host-world.js';
import type { KickoffSend } from '../protocol.js';

export const BENCH_ECHO_DRIVER = 'bench-echo';

export class BenchEcho {
  private readonly dialled = new Map<string, string>();
  private count = 0;

  constructor(private readonly world: HostWorld) {}

  /** args: [hops, frameBytes?]. Re-uses one connection per target. */
  kick(send: KickoffSend): void {
    if (send.target.kind !== 'sturdyref') return;
    const target = send.target.node;
    let conn = this.dialled.get(target);
    if (!conn) {
      conn = `${this.world.name}.${this.world.incarnation}.${++this.count}`;
      this.dialled.set(target, conn);
      this.world.emit({ type: 'connect', conn, target });
    }
    const hops = Number(send.args[0] ?? 1);
    const size = Math.max(1, Number(send.args[1] ?? 16));
    const bytes = new Uint8Array(size);
    bytes[0] = Math.min(255, hops);
    bytes[1] = send.tag.n & 0xff;
    this.world.emit({ type: 'write', conn, bytes });
  }

  deliver(input: NetInput): void {
    if (input.type === 'end') {
      for (const [target, conn] of this.dialled) if (conn === input.conn) this.dialled.delete(target);
      return;
    }
    if (input.type !== 'message' || input.bytes[0] === 0) return;
    const reply = input.bytes.slice();
    reply[0] -= 1;
    this.world.emit({ type: 'write', conn: input.conn, bytes: reply });
  }

  shutdown(): void {
    this.world.netlayer.shutdown();
  }
}
