/**
 * Mutant `shortener-flush-without-confirm`: sends the shortener-initiated `<op:flush TO CONFIRM>`
 * but deposits the gift at once instead of after the holder's confirmation, so the deposit can
 * overtake calls the holder sent on the old path before the flush reached it.
 */
import { makeReferenceDriver } from '../reference.js';

export const shortenerFlushWithoutConfirm = makeReferenceDriver({
  name: 'shortener-flush-without-confirm',
  conforming: false,
  defect: 'shortener-initiated op:flush: the gift is deposited before the holder confirms',
  defects: { shortenWithoutConfirm: true },
});
