/**
 * giftOnce: a gift is handed out at most once. Of all the `withdraw-gift` requests naming one
 * gift (exporter, gifter's session, gift id), at most one is fulfilled; the others break (a
 * replayed certificate, a second withdraw of a gift already taken).
 * Property: README.md (this folder), `giftOnce`.
 * View: the wire — the withdraw frames and the exporter's answers (handoff-facts.ts). A gift
 * deposited twice under one id may be withdrawn as often as it was deposited.
 */
import { giftText, handoffFacts, sameGift, type Withdraw } from './handoff-facts.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

export const giftOnce: Checker = {
  name: 'giftOnce',
  needs: ['frames'],
  describe: 'a gift is withdrawn at most once: of the withdraw-gift requests naming it, at most one is fulfilled',
  check(t) {
    const { deposits, withdraws } = handoffFacts(t);
    const answered = withdraws.filter((w) => w.answer);
    if (answered.length === 0) return unknown(withdraws.length === 0 ? 'no withdraw-gift in the run' : `${withdraws.length} withdraw-gift request(s), none answered`);
    const groups: Withdraw[][] = [];
    for (const w of answered) {
      const group = groups.find((g) => sameGift(g[0].key, w.key));
      if (group) group.push(w);
      else groups.push([w]);
    }
    let exercised = 0;
    for (const group of groups) {
      exercised++;
      const fulfilled = group.filter((w) => w.answer!.kind === 'fulfill').sort((a, b) => a.answer!.frame.seq - b.answer!.frame.seq);
      const times = Math.max(1, deposits.filter((d) => sameGift(d.key, group[0].key)).length);
      if (fulfilled.length > times) {
        const [first, second] = [fulfilled[0], fulfilled[times]];
        const frames = [first.frame.frame, first.answer!.frame.frame, second.frame.frame, second.answer!.frame.frame];
        return violated(exercised, `${giftText(group[0].key)} handed out ${fulfilled.length} times (deposited ${times}): to ${first.receiver} and again to ${second.receiver} ${framesText(frames)}`, { frames });
      }
    }
    return holds(exercised, `${exercised} gift(s) withdrawn at most once (${answered.length} answered withdraw(s))`);
  },
};
