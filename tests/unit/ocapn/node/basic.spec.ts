// Goal: two reference nodes over the in-memory netlayer fetch a sturdyref and call it.
import { E, Far, makeNet, makeNode, opsOf, settle } from './_net.js';
import { test, expect } from '@playwright/test';

test('fetch a sturdyref and call it', async () => {
  const { net } = makeNet();
  const a = makeNode(net, 'a');
  const b = makeNode(net, 'b');
  const loc = b.registerSturdyRef('greeter', Far('Greeter', { hello: (n: string) => `hi ${n}` }));
  const greeter = a.enliven(loc);
  const answer = E(greeter).hello('a');
  await settle(net);
  expect(await answer).toBe('hi a');
  expect(opsOf(net)).toEqual(['a→b op:start-session', 'b→a op:start-session', 'a→b op:deliver', 'b→a op:deliver', 'a→b op:deliver', 'b→a op:deliver']);
});
