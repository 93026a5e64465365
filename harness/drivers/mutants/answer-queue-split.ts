/**
 * Mutant `answer-queue-split`: calls on an answer wait on the answer's own promise instead of
 * joining the queue of the promise the method returned, so a call the questioner later sends to
 * that promise itself (exported to it as the answer) overtakes them — the reference node before
 * the four-hop finding was settled (harness/ocapn/README.md, "One queue per answer").
 */
import { makeReferenceDriver } from '../reference.js';

export const answerQueueSplit = makeReferenceDriver({
  name: 'answer-queue-split',
  conforming: false,
  defect: 'an answer and the promise it resolved to keep two queues: calls sent to the promise overtake calls pipelined on the answer',
  defects: { splitAnswerQueue: true },
});
