/**
 * The inline scenario both the wait-timeout test and the `run` CLI test judge: alice calls bob's
 * echo with `hi`, then one wait step. The tests assert the wait's file:line:col, so the layout
 * is fixed: the step sits on line 19, or 20 when `seeds` adds its line.
 */
export interface EchoWaitOptions {
  id: string;
  title: string;
  /** The wait step's body, e.g. `wait: { frame: op:flush, timeoutMs: 200 }`. */
  wait: string;
  seeds?: string;
  /** Extra lines under `expect:` (indented by two spaces). */
  expectExtra?: string;
}

export function echoThenWait(o: EchoWaitOptions): string {
  return `id: ${o.id}
title: ${o.title}
features: [deliver]
${o.seeds ? `seeds: ${o.seeds}\n` : ''}topology:
  defaults:
    latency: { fixedMs: 10 }
  nodes:
    alice: {}
    bob:
      apps:
        echo: { app: echo }
kickoffs:
  - name: hello
    from: alice
    target: bob.echo
    method: greet
    args: [hi]
steps:
  - ${o.wait}
expect:
  results:
    hello: hi
${o.expectExtra ?? ''}`;
}
