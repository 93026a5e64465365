/**
 * endo's OCapN codec on the bench corpus, loaded at run time from an endo checkout
 * (`OCAPN_ENDO_PATH`: a folder from which `@endo/ocapn` resolves). Nothing of endo lives in
 * this repository; this adapter only calls its modules.
 *
 * Values are built the way endo's client builds them: a real session (`makeOcapn`) on each side
 * supplies the reference tables; method names are registered-symbol selectors, byte strings
 * immutable ArrayBuffers, lists and structs hardened arrays and records, `desc:export N` a
 * presence imported at N (so the writer looks its position up), and `desc:import-object N` a
 * local object exported at N. Encoding calls the session's op writer; decoding reads with the
 * other session's op reader into its tables, clearing the pending reference counts before each
 * message (as the client does) but never committing them, so the tables do not grow per pass.
 *
 * Runs inside its own worker (endo needs `lockdown()`, which must not freeze the bench's realm).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sym } from '../../harness/ocapn/syrup/index.js';
import { isStruct, type Passable } from '../../harness/ocapn/wire/index.js';
import type { RefDesc, OpDeliver } from '../../harness/ocapn/wire/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- endo's modules are untyped JavaScript */
type Module = Record<string, any>;

export interface EndoCodec {
  /** `@endo/ocapn` version and the folder it was loaded from. */
  readonly label: string;
  /** Builds endo's values for `ops`, encodes them once, returns the frames and their SHA-256. */
  prepare(ops: readonly OpDeliver[]): { frames: Uint8Array[]; sha256: string; bytes: number };
  encodePass(): void;
  decodePass(): void;
}

/** Resolves `@endo/<name>` from the checkout and imports one file of it. */
function makeImporter(root: string) {
  const require = createRequire(path.join(path.resolve(root), 'package.json'));
  const packageDir = (name: string) => path.dirname(require.resolve(`@endo/${name}/package.json`));
  const load = (name: string, file: string): Promise<Module> => import(pathToFileURL(path.join(packageDir(name), file)).href);
  return { packageDir, load };
}

const quietLogger = { log: () => {}, info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

export async function loadEndoCodec(root: string): Promise<EndoCodec> {
  const { packageDir, load } = makeImporter(root);
  await load('init', 'index.js'); // lockdown() first, as every endo program does
  const version = (JSON.parse(readFileSync(path.join(packageDir('ocapn'), 'package.json'), 'utf8')) as { version: string }).version;
  const [client, grants, sturdy, descs, passables, operations, reader, selector, pairwise, bytes, passStyle] = await Promise.all([
    load('ocapn', 'src/client/ocapn.js'),
    load('ocapn', 'src/client/grant-tracker.js'),
    load('ocapn', 'src/client/sturdyrefs.js'),
    load('ocapn', 'src/codecs/descriptors.js'),
    load('ocapn', 'src/codecs/passable.js'),
    load('ocapn', 'src/codecs/operations.js'),
    load('ocapn', 'src/syrup/decode.js'),
    load('ocapn', 'src/selector.js'),
    load('ocapn', 'src/captp/pairwise.js'),
    load('bytes', 'to-immutable.js'),
    load('pass-style', 'index.js'),
  ]);
  const harden = (globalThis as unknown as { harden: <T>(x: T) => T }).harden;

  /** One side of a session, with the op codecs endo's client builds over its reference kit. */
  const makeSession = (name: string) => {
    const peer = harden({ type: 'ocapn-peer', transport: 'bench', designator: name, hints: false });
    const connection = harden({ write: () => {}, end: () => {}, isDestroyed: false });
    const ocapn = client.makeOcapn(
      quietLogger,
      connection,
      new Uint8Array(32),
      peer,
      () => Promise.reject(Error('bench: no third parties')),
      () => undefined,
      () => undefined,
      () => {},
      grants.makeGrantTracker(),
      new Map(),
      sturdy.makeSturdyRefTracker(new Map()),
      name,
      false, // no import collection: no WeakRefs/finalizers in the measurement
      true, // debug mode exposes the session's table
    );
    const kit = ocapn.referenceKit;
    const descCodecs = descs.makeDescCodecs(kit);
    const { readOcapnMessage, writeOcapnMessage } = operations.makeOcapnOperationsCodecs(descCodecs, passables.makePassableCodecs(descCodecs));
    const table = ocapn._debug.ocapnTable;
    /** The object this session exports at `position` (the bootstrap at 0). */
    const provideLocal = (position: bigint) => {
      const slot = pairwise.makeSlot('o', true, position);
      let value = table.getValueForSlot(slot);
      if (value === undefined) {
        value = passStyle.Far(`bench export ${position}`, {});
        table.registerSlot(slot, value);
      }
      return value;
    };
    return { kit, table, readOcapnMessage, writeOcapnMessage, provideLocal };
  };

  const sender = makeSession('sender');
  const receiver = makeSession('receiver');
  const selectors = new Map<string, symbol>();
  const presences = new Map<bigint, unknown>();
  const resolvers = new Map<bigint, unknown>();

  const toEndo = (value: Passable): unknown => {
    switch (typeof value) {
      case 'boolean':
      case 'bigint':
      case 'number':
      case 'string':
        return value;
    }
    if (value instanceof Sym) {
      let s = selectors.get(value.name);
      if (s === undefined) selectors.set(value.name, (s = selector.makeSelector(value.name) as symbol));
      return s;
    }
    if (value instanceof Uint8Array) return bytes.bytesToImmutable(value);
    if (Array.isArray(value)) return harden(value.map(toEndo));
    if (isStruct(value)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) out[key] = toEndo(value[key]);
      return harden(out);
    }
    throw new TypeError('endo bench adapter: the corpus holds only plain data');
  };
  /** `desc:export N` as the sender holds it: the presence it imported at N. */
  const presence = (desc: RefDesc) => {
    let p = presences.get(desc.position);
    if (p === undefined) {
      p = sender.kit.provideRemoteObjectValue(desc.position);
      presences.set(desc.position, p);
    }
    return p;
  };
  /** `desc:import-object N` as the sender holds it: its own object exported at N. */
  const resolver = (desc: RefDesc) => {
    let r = resolvers.get(desc.position);
    if (r === undefined) resolvers.set(desc.position, (r = sender.provideLocal(desc.position)));
    return r;
  };

  let messages: unknown[] = [];
  let frames: Uint8Array[] = [];
  return {
    label: `@endo/ocapn ${version} from ${packageDir('ocapn')}`,
    prepare(ops) {
      messages = ops.map((op) =>
        harden({
          type: 'op:deliver',
          to: presence(op.to),
          args: harden(op.args.map(toEndo)),
          answerPosition: op.answer,
          resolveMeDesc: op.resolveMe === false ? false : resolver(op.resolveMe),
        }),
      );
      sender.table.clearPendingRefCounts();
      // The receiver exports what the sender's presences point at.
      for (const op of ops) receiver.provideLocal(op.to.position);
      frames = messages.map((m) => {
        sender.table.clearPendingRefCounts();
        return sender.writeOcapnMessage(m) as Uint8Array;
      });
      const hash = createHash('sha256');
      for (const f of frames) hash.update(f);
      // Decoding must give back the op: checks the receiver's tables are wired as intended.
      const first = receiver.readOcapnMessage(reader.makeSyrupReader(frames[0]));
      if (first.type !== 'op:deliver' || first.args.length !== ops[0].args.length) {
        throw new Error('endo bench adapter: the first frame did not read back as the op:deliver it was');
      }
      receiver.table.clearPendingRefCounts();
      return { frames, sha256: hash.digest('hex'), bytes: frames.reduce((n, f) => n + f.length, 0) };
    },
    encodePass() {
      for (const m of messages) {
        sender.table.clearPendingRefCounts();
        sender.writeOcapnMessage(m);
      }
    },
    decodePass() {
      for (const f of frames) {
        receiver.table.clearPendingRefCounts();
        receiver.readOcapnMessage(reader.makeSyrupReader(f));
      }
    },
  };
}
