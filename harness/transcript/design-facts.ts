/**
 * The facts of the flush design a recorded run was made under (its header's options.flush), for
 * the checks: they judge what the design promises by its declared facts
 * (harness/ocapn/design-facts.ts), never by its name. The checks may not import the node; the
 * transcript layer names what a recording's header means.
 * Guarantees: a header naming no registered design (a recording from an older harness) has no
 * facts, and a check then grants no design its exemptions.
 */
import type { FlushDesignFacts } from '../ocapn/design-facts.js';
import { designFactsOf } from '../ocapn/flush/designs.js';
import type { TranscriptHeader } from './types.js';

export function recordedDesignFacts(header: TranscriptHeader): FlushDesignFacts | undefined {
  return designFactsOf(header.options.flush);
}
