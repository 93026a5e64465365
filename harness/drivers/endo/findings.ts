/**
 * endo's defects the pack found (FINDINGS.md in this folder tells each one in full), as data:
 * for each, the smallest case that shows it (one all-endo case, so it runs in every endo column),
 * the result the defect spoils, the spec text it goes against (in our words, section named), and
 * a paragraph a maintainer can paste into an issue. `npx ocapn-conformance findings` reads the
 * last matrix (reports/conformance.json) and says, per endo column, whether each is present.
 * Facts only; no endo code or prose is copied here.
 */

export interface EndoFinding {
  id: string;
  title: string;
  /** The scenario whose endo case shows it (all-endo: its column is the checkout's). */
  scenario: string;
  seed: number;
  /** The result (kickoff name) the defect spoils: the case's failure names it. */
  result: string;
  /** The OCapN draft section and what it says, in our words. */
  spec: string;
  /** One paragraph for an upstream issue. */
  report: string;
  /** A finding seen only on some lines of endo, or not yet isolated to its own minimal case. */
  note?: string;
  /** Shown by endo's own node over TCP (an external scenario): these `serve` nodes become endo
   * TCP peers of the column's checkout in this framing; the rest stay as written. */
  overTcp?: { nodes: readonly string[]; framing: 'length' | 'none' };
  /** The defect is in the handshake: the witness keeps the op:start-session frames. */
  handshake?: boolean;
  /** The verdict the defect spoils when it is not a result's (e.g. a table expectation); the
   * status reads it instead of `result <result>`. */
  verdict?: string;
}

export const ENDO_FINDINGS: readonly EndoFinding[] = [
  {
    id: 'E1',
    title: 'strings with a code point above U+FFFF cannot be sent',
    scenario: 'values-echo',
    seed: 1,
    result: 'string-astral',
    spec: 'OCapN Model, "String": a string is a sequence of Unicode scalar values; only lone surrogates are excluded, so U+1F600 is a valid string character',
    report:
      "@endo/ocapn's Syrup string writer rejects every string holding a code point above U+FFFF (e.g. \"😀\"): it tests the first UTF-16 unit of each code point for the surrogate range, and the first unit of an astral code point is a high surrogate. The call fails locally with `OcapnMessageUnion: write failed at index N` and nothing is written. Strings, struct keys and error messages are all affected. Expected: astral code points are encoded as UTF-8 (4 bytes); only lone surrogates are refused.",
  },
  {
    id: 'E2',
    title: 'a leading U+FEFF is stripped from every received string',
    scenario: 'values-strings-to-endo',
    seed: 1,
    result: 'string-bom',
    spec: 'OCapN Model, "String": U+FEFF is an ordinary scalar value and is part of the string wherever it appears; Syrup strings are raw UTF-8 with no byte-order mark',
    report:
      '@endo/ocapn decodes Syrup strings with a TextDecoder that does not ignore the byte-order mark, so a string that begins with U+FEFF arrives without it ("\\uFEFFx" is received as "x"). Sending is correct. Expected: decode with `ignoreBOM: true` so every scalar value is kept.',
  },
  {
    id: 'E3',
    title: '-0 is written as +0, and a received -0 ends the session',
    scenario: 'values-echo',
    seed: 1,
    result: 'float-negative-zero',
    spec: 'OCapN Model, "Float64": -0 and +0 are distinct values and round-trip as written (Syrup writes the IEEE 754 bits as they are)',
    report:
      '@endo/ocapn writes -0 as the bytes of +0 (`D 00 00 00 00 00 00 00 00`) and, on reading, refuses `D 80 00 00 00 00 00 00 00` as a "Non-canonical zero", closing the connection. endo\'s own tests assert the collapse, so it is deliberate there; against the OCapN Model it loses a distinct value and ends a session over valid input.',
  },
  {
    id: 'E4',
    title: 'a struct whose `type` key names a descriptor cannot be received',
    scenario: 'values-struct-type-key-to-endo',
    seed: 1,
    result: 'struct-type-key',
    spec: 'OCapN Model, "Struct": a struct is plain data with string keys; no key is reserved, so { type: "desc:export", position: 1 } is an ordinary struct',
    report:
      '@endo/ocapn\'s message reader fails on a Syrup dictionary whose `type` entry reads like a descriptor label (e.g. { type: "desc:export", position: 1 } sent as plain data): it logs `OcapnMessageUnion: read failed at index 0` and ends the session. Expected: dictionaries are structs whatever their keys hold.',
    note: 'shows only when another implementation writes the struct (endo ↔ endo round-trips it): the endo column case is absent; the reference column case (first checkout only) shows it',
  },
  {
    id: 'E5',
    title: 'an answer endo cannot encode is never settled for the caller',
    scenario: 'values-strings-to-endo',
    seed: 1,
    result: 'string-astral',
    spec: 'OCapN CapTP, "op:deliver": the answer of a question with a resolver is settled (fulfilled or broken) exactly once',
    report:
      "When the result of a delivered call cannot be written (E1), @endo/ocapn neither fulfils nor breaks the caller's resolver: the remote question stays pending for ever. Expected: the resolver is broken with the encoding error.",
  },
  {
    id: 'E6',
    title: "questions outstanding when endo ends a session itself stay pending",
    scenario: 'values-struct-type-key-from-endo',
    seed: 1,
    result: 'struct-type-key',
    spec: 'OCapN CapTP, "op:abort": when a session ends (aborted or lost), every promise that depended on it is broken',
    report:
      'After @endo/ocapn closes a session because it could not decode a message (E4), the questions it had outstanding on that session are not broken: their promises stay pending. Expected: they are broken with the session-ending reason, as for a session the peer ends.',
    note: 'follows E4, so the same: shown by the reference column case (first checkout only)',
  },
  {
    id: 'E7',
    title: 'promises imported over a session that ends stay pending',
    scenario: 'interop-endo-imported-promise-peer-killed',
    seed: 1,
    result: 'slow',
    spec: 'OCapN CapTP, "op:abort": when a session ends (aborted or lost), every promise that depended on it is broken',
    report:
      "alice (endo) calls bob; bob answers at once with a promise (desc:import-promise), so alice imports it; then bob's node is killed. alice sees the connection reset and her session closed, but the promise she imported from bob is never broken: the call stays pending for ever (a question still unanswered when the session ends is broken correctly). The same in a chain: a forwarding endo node keeps the promises it imported from a killed peer pending, and so its own answers (kill-node-mid-chain). Present at 1fa6c227e and 7d229a785, without op:flush. Expected: every promise imported over the ended session is broken with its reason, like the session's own questions.",
    note: 'bob runs the reference node in this case (endo answers only after settlement, so an endo peer never exports the promise alice would import); alice is endo',
  },
  {
    id: 'E8',
    title: 'a session endo dials at an address the peer does not declare never resolves',
    scenario: 'serve-relay-dial',
    seed: 1,
    result: 'chain',
    spec: 'OCapN Locators, "Designator and hints": a peer is named by its designator (with its transport); hints only say how to reach it, so the same designator reached at another address (a relay, a proxy, a second interface) is the same peer',
    report:
      "When @endo/ocapn dials a peer, it files the pending session under the dialled location's id, hints included (`ocapn://<designator>.tcp-testing-only?host=…&port=<dialled port>`). When the peer's op:start-session arrives it looks the pending session up by the location the peer declares there, whose hints name the port the peer listens on. If endo reached the peer through anything else — a relay, a proxy, a NAT'd or second address — the two ids differ: the handshake completes on the wire (both op:start-session written), but the dialler's pending session is never resolved and every call it queued to that peer stays pending, with no error and no op:abort. Expected: match the pending session by the peer's designator (and transport), or by the connection the handshake came in on, not by the hints.",
    note: 'needs the bridge\'s relay: bob is endo\'s own node over TCP (harness/serve/endo-peer.ts, unframed), carol is `serve`; endo as the dialled side passes',
    overTcp: { nodes: ['bob'], framing: 'none' },
    handshake: true,
  },
  {
    id: 'E9',
    title: 'an import endo was answered with is never collected while the answerer keeps the resolver',
    scenario: 'gc-release-import',
    seed: 1,
    result: 'c',
    verdict: 'tables bob→alice (end)',
    spec: 'OCapN CapTP, "op:gc-exports": an importer tells the exporter when it no longer holds a reference; a resolver that has settled its answer settles nothing more, so what it settled is no longer held through it',
    report:
      "@endo/ocapn keeps the value of every answer reachable from the question's resolver after the answer arrives: the OcapnResolver exported as the question's resolve-me still holds the answer's settler, and through it the internal promise fulfilled with the value. While the answering peer keeps its import of the resolver (OCapN lets a peer never collect), an object endo received as an answer — a fetched sturdyref, a call's result — can never be collected, and endo never sends op:gc-exports for it, even when nothing else holds it (20 forced gc() in the worker). Expected: a resolver drops its settler once it has fulfilled or broken, so the answer's value is held only by whoever holds it.",
    note: 'alice (endo) releases; bob runs the reference node (his tables are read), which keeps every import until an explicit release, so it keeps the resolver; endo ↔ endo hides it when the answerer collects its resolver import',
  },
];

/** Seen by some scenario, not yet isolated or confirmed on endo's default branch (none now:
 * E7, first seen with op:flush, reproduces without it; E8, first seen over TCP, has its own case). */
export const ENDO_CANDIDATES: readonly EndoFinding[] = [];
