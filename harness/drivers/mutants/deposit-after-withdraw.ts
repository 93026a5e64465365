/**
 * Mutant `deposit-after-withdraw`: an exporter that answers a `withdraw-gift` arriving before its
 * `deposit-gift` at once, with a stand-in that passes calls on to the gift once it is deposited —
 * the receiver holds a final reference before the gift exists (`depositBeforeWithdraw` catches it).
 */
import { makeReferenceDriver } from '../reference.js';

export const depositAfterWithdraw = makeReferenceDriver({
  name: 'deposit-after-withdraw',
  conforming: false,
  defect: 'withdraw-gift is fulfilled before its deposit-gift arrived (with a stand-in for the gift)',
  defects: { withdrawBeforeDeposit: true },
});
