/**
 * depositBeforeWithdraw: the exporter hands a gift out only after it has it. A `withdraw-gift`
 * is fulfilled only after the matching `deposit-gift` (same exporter, gifter's session and gift
 * id) reached the exporter; a withdraw that arrives first waits. Breaking a withdraw early is
 * fine (a bad certificate fails at once).
 * Property: README.md (this folder), `depositBeforeWithdraw`. This is the second fence of every
 * flush design: messages the gifter sent on the old path before its deposit are ahead of the
 * deposit on its link, so a receiver cannot use the short path before they are delivered.
 * View: the network's order (`seq`): the deposit's delivery at the exporter against the exporter
 * writing the fulfilment (handoff-facts.ts; a fulfilment with a promise is followed to its end).
 */
import { giftText, handoffFacts, sameGift } from './handoff-facts.js';
import { framesText, holds, unknown, violated, type Checker } from './verdict.js';

export const depositBeforeWithdraw: Checker = {
  name: 'depositBeforeWithdraw',
  needs: ['frames'],
  describe: 'the exporter fulfils a withdraw-gift only after the matching deposit-gift reached it',
  check(t) {
    const { deposits, withdraws } = handoffFacts(t);
    const fulfilled = withdraws.filter((w) => w.answer?.kind === 'fulfill');
    if (fulfilled.length === 0) return unknown(withdraws.length === 0 ? 'no withdraw-gift in the run' : 'no withdraw-gift was fulfilled');
    let exercised = 0;
    for (const w of fulfilled) {
      exercised++;
      const answer = w.answer!.frame;
      const deposit = deposits.find((d) => sameGift(d.key, w.key) && d.arrivedSeq !== undefined && d.arrivedSeq < answer.seq);
      if (!deposit) {
        const sent = deposits.find((d) => sameGift(d.key, w.key));
        const frames = sent ? [w.frame.frame, answer.frame, sent.frame.frame] : [w.frame.frame, answer.frame];
        const why = sent
          ? sent.arrivedSeq === undefined
            ? `its deposit (frame ${sent.frame.frame}) never arrived`
            : `before its deposit (frame ${sent.frame.frame}) arrived`
          : 'with no deposit-gift for it at all';
        return violated(exercised, `${w.key.exporter} fulfilled ${w.receiver}'s withdraw-gift of ${giftText(w.key)} ${why} ${framesText(frames)}`, { frames });
      }
    }
    return holds(exercised, `${exercised} withdraw(s) fulfilled after their deposit arrived`);
  },
};
