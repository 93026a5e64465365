/**
 * Every trace mark a node of a run can emit: the reference node's own (op:flush paths) and the
 * harness apps'. The judge uses it to tell a mark that was merely not hit from one no node can
 * ever emit (a typo, or a mark of another implementation): the second can never be judged, so a
 * scenario naming it fails instead of waiting forever for a hit.
 */
import { FLUSH_MARKS } from '../ocapn/flush/marks.js';
import { APP_MARKS } from '../sim/worker-side/apps/catalog.js';
import { TURN_MARKS } from '../ocapn/turns.js';

export const KNOWN_MARKS: readonly string[] = [...Object.keys(FLUSH_MARKS), ...Object.keys(TURN_MARKS), ...Object.keys(APP_MARKS)];
