/**
 * The objects the official OCapN test suite (`ocapn/ocapn-test-suite`, Python) fetches from the
 * implementation under test, by the fixed swiss numbers its test modules use. Behaviours are read
 * from what the suite's tests send and assert; the implementations are ours.
 * View: the node hosting them (`serve --objects suite`).
 * GC: the reference node's GC is explicit (no FinalizationRegistry, for replay), so objects that
 * the suite expects to let go of something say so: the echo drops every reference it was handed
 * once it has answered (→ `op:gc-export(s)`), the greeter drops its question once answered
 * (→ `op:gc-answer(s)`) and the object it greeted.
 */
import '../ocapn/endo-setup.js';
import { E } from '@endo/eventual-send';
import { Far, passStyleOf } from '@endo/pass-style';
import { harden } from '../ocapn/endo-setup.js';
import { Sym } from '../ocapn/syrup/index.js';
import type { ReferenceNode } from '../ocapn/node.js';
import type { SturdyRefLocator } from '../ocapn/node-types.js';

/** Swiss numbers as the suite writes them (ASCII bytes on the wire). */
export const SUITE_SWISS = {
  greeter: 'VMDDd1voKWarCe2GvgLbxbVFysNzRPzx',
  echo: 'IO58l1laTyhcrgDKbEzFOO32MDd6zE5w',
  carFactoryBuilder: 'JadQ0++RzsD4M+40uLxTWVaVqM10DcBJ',
  promiseResolverPair: 'IokCxYmMj04nos2JN1TDoY1bT8dXh6Lr',
  sturdyrefEnlivener: 'gi02I1qghIwPiKGKleCQAOhpy3ZtYRpB',
} as const;

/** After the current turn and everything it queued (answers go out first). */
const later = (fn: () => void): void => void setImmediate(fn);

function symbolName(value: unknown): string | undefined {
  if (typeof value === 'symbol') return Symbol.keyFor(value) ?? value.description;
  if (value instanceof Sym) return value.name;
  return undefined;
}

function styleOf(value: unknown): string | undefined {
  try {
    return passStyleOf(value as never);
  } catch {
    return undefined;
  }
}

/** Every reference (remotable or promise) inside a passable value. */
function referencesIn(value: unknown, out = new Set<object>()): Set<object> {
  const style = styleOf(value);
  if (style === 'remotable' || style === 'promise') out.add(value as object);
  else if (Array.isArray(value)) for (const item of value) referencesIn(item, out);
  else if (style === 'copyRecord') for (const item of Object.values(value as object)) referencesIn(item, out);
  return out;
}

function releaseAll(node: ReferenceNode, refs: Iterable<object>): void {
  for (const ref of refs) {
    try {
      node.release(ref);
    } catch {
      // Ours, not imported (or already released): nothing to tell the peer.
    }
  }
}

export function suiteObjects(node: ReferenceNode): Record<keyof typeof SUITE_SWISS, object> {
  // greeter(obj): asks obj to greet ("Hello"); once obj answers, the question and obj are dropped.
  const greeter = Far('Greeter', (target: unknown) => {
    const greeting = (E(target) as unknown as (greeting: string) => Promise<unknown>)('Hello');
    const done = () => later(() => releaseAll(node, [greeting, target as object]));
    greeting.then(done, done);
  });

  // echo(...args) → args; references among them are released once the answer is out.
  const echo = Far('Echo', (...args: unknown[]) => {
    const refs = referencesIn(args);
    if (refs.size > 0) later(() => releaseAll(node, refs));
    return harden(args);
  });

  // builder() → factory; factory([color, model]) → car; car() → "Vroom! I am a <color> <model> car!"
  const carFactoryBuilder = Far('CarFactoryBuilder', () =>
    Far('CarFactory', (spec: unknown) => {
      const [color, model] = Array.isArray(spec) && spec.length === 2 ? spec.map(symbolName) : [];
      if (color === undefined || model === undefined) {
        throw harden(new Error('car factory: expected [color model] as two symbols'));
      }
      return Far('Car', () => `Vroom! I am a ${color} ${model} car!`);
    }),
  );

  // pair() → [promise, resolver]; resolver.fulfill(v) / resolver.break(e) settle the promise.
  const promiseResolverPair = Far('PromiseResolverPair', () => {
    let settle: { resolve: (v: unknown) => void; reject: (e: unknown) => void } | undefined;
    const promise = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    promise.catch(() => {});
    const resolver = Far('Resolver', {
      fulfill: (value: unknown) => settle!.resolve(value),
      break: (reason: unknown) => settle!.reject(reason),
    });
    return harden([promise, resolver]);
  });

  // enliven(sturdyref) → the object it designates (dials its node if need be).
  const sturdyrefEnlivener = Far('SturdyrefEnlivener', (ref: unknown) => node.enliven(ref as SturdyRefLocator));

  return { greeter, echo, carFactoryBuilder, promiseResolverPair, sturdyrefEnlivener };
}

/** Registers the suite's objects on `node` under the suite's swiss numbers. */
export function hostSuiteObjects(node: ReferenceNode): void {
  const objects = suiteObjects(node);
  for (const [name, swiss] of Object.entries(SUITE_SWISS)) node.registerSturdyRef(swiss, objects[name as keyof typeof SUITE_SWISS]);
}
