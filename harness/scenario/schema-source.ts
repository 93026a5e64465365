/**
 * The scenario language's JSON Schema, built from the vocabularies: `npm run schema` writes it to
 * fixtures/schemas/scenario.schema.json (editor completion and hover via the modeline, and the
 * validator `check` uses). Structure and wording live here; every list of names comes from its
 * registry (`ScenarioVocabularies`, gathered by harness/tools/schemas.ts; the language's own enums
 * from vocabulary.ts), and each step's body from its module (steps/<kind>.ts), so nothing is
 * listed twice. One function per part of the document keeps each readable on its own.
 * Conventions the error messages rely on (schema-check.ts): every anyOf tells its branches apart
 * by JSON type; an enum carries `enumDescriptions` (one per value, for hover) and a description
 * that reads as a noun ("A driver name.") for long lists; apps carry `x-methods`/`x-any-method`,
 * which the semantic phase reads to judge kickoff methods.
 */
import { getStep, STEP_KINDS } from './steps/index.js';
import { keyProperties } from './keys/index.js';
import type { FlushDesignFacts } from '../ocapn/design-facts.js';
import { defaultDesign, designsWhere } from './design-facts.js';
import { BREAK_CATEGORIES, BROKEN_REASONS, documentedEnum, type AppSpec, type Documented, type SchemaFragment } from './vocabulary.js';

/** Every vocabulary the schema lists, each from its one source. */
export interface ScenarioVocabularies {
  features: Documented;
  checks: Documented;
  operations: Documented;
  marks: Documented;
  drivers: Documented;
  apps: Readonly<Record<string, AppSpec>>;
  /** op:flush designs a node can speak (`options.flush`): each one's doc line and facts. */
  flushDesigns: Readonly<Record<string, { doc: string; facts: FlushDesignFacts }>>;
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, value]) => [k, f(value)]));
}

function buildApps(apps: ScenarioVocabularies['apps']): SchemaFragment {
  return {
    type: 'object',
    required: ['app'],
    description: 'An app from the library, selected by `app:`, with its configuration.',
    discriminator: { propertyName: 'app' },
    oneOf: Object.entries(apps).map(([name, app]) => ({
      description: `${name}: ${app.description}`,
      properties: { app: { const: name, description: app.summary }, ...app.config },
      additionalProperties: false,
      'x-methods': app.methods,
      'x-any-method': app.anyMethod,
    })),
  };
}

/** One step: exactly one action, each kind's body from its module (steps/<kind>.ts). */
function buildStep(): SchemaFragment {
  return {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'Exactly one action.',
    properties: Object.fromEntries(STEP_KINDS.map((kind) => [kind, getStep(kind).schema])),
  };
}

/** The keys of `expect` (also of each `expect.byDesign` entry). */
function expectProperties(): Record<string, SchemaFragment> {
  return {
    results: {
      $ref: '#/definitions/results',
    },
    tables: {
      $ref: '#/definitions/tables',
    },
    checks: {
      description: 'Properties (harness/checks/README.md) that must hold. \'all\' (default): every property that applies to the run.',
      anyOf: [
        {
          const: 'all',
        },
        {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: {
            $ref: '#/definitions/checkName',
          },
        },
      ],
    },
    sometimes: {
      type: 'array',
      description: 'Coverage assertions: each must be hit in at least one seed, so a green run cannot be vacuous. A string is a mark name.',
      items: {
        $ref: '#/definitions/sometimes',
      },
    },
    sessions: {
      type: 'object',
      description:
        'Session facts: node → peer → how many sessions the node opened with that peer over the whole run (distinct session ids). 1: every call used the same session; 2 after a partition in drop mode or a restart: the later call used a new session.',
      propertyNames: { $ref: '#/definitions/name' },
      additionalProperties: {
        type: 'object',
        minProperties: 1,
        propertyNames: { $ref: '#/definitions/name' },
        additionalProperties: { type: 'integer', minimum: 0, description: 'Number of sessions.' },
      },
    },
    marks: {
      type: 'array',
      uniqueItems: true,
      description: 'Marks (named code paths a node reports) that every case must hit.',
      items: {
        $ref: '#/definitions/markName',
      },
    },
    golden: {
      type: 'boolean',
      description: 'Compare each seed\'s transcript with its golden file under fixtures/golden/. Default false.',
    },
    allowUnknown: {
      type: 'string',
      minLength: 1,
      description: 'Why a case of this scenario may end `unknown` (no check could judge the run) without failing `npm run conformance`. Without it, an unknown case of a conforming driver fails the run.',
    },
  };
}

/** Who the scenario is and how it runs: id, title, features, seeds, designs, drivers, options, include. */
function documentProperties(v: ScenarioVocabularies): Record<string, SchemaFragment> {
  const facts = mapValues(v.flushDesigns, (d) => d.facts);
  return {
    id: {
      $ref: '#/definitions/slug',
      description: 'Unique scenario id, a slug (lowercase words joined by -). Playwright test titles start with it, so `npx playwright test --grep <id>` runs just this scenario.',
    },
    title: {
      type: 'string',
      minLength: 1,
      description: 'One-line behaviour sentence in protocol words, e.g. \'three pipelined calls keep their order while p1 shortens to carol\'.',
    },
    description: {
      type: 'string',
      description: 'Longer explanation: the race or topology exercised and why it matters.',
    },
    spec: {
      type: 'string',
      minLength: 1,
      description: 'Anchor into the spec draft or a named design (e.g. \'captp/op-flush\', \'captp/op-gc-exports\'). Never encode it in the file name.',
    },
    requirement: {
      enum: ['MUST', 'SHOULD', 'MAY'],
      description: 'Strength of the requirement this scenario tests (RFC 2119). Default MUST.',
    },
    features: {
      type: 'array',
      uniqueItems: true,
      description: 'Feature names from harness/scenario/features.ts. Drivers that lack a feature skip the scenario with a reason; tests are tagged with them.',
      items: documentedEnum(v.features, 'A registered feature name.'),
    },
    seeds: {
      description: 'Seeds to run: one integer, a range string "1..20" (inclusive), or a list of integers and ranges. Default 1.',
      anyOf: [
        {
          $ref: '#/definitions/seed',
        },
        {
          $ref: '#/definitions/seedRange',
        },
        {
          type: 'array',
          minItems: 1,
          items: {
            anyOf: [
              {
                $ref: '#/definitions/seed',
              },
              {
                $ref: '#/definitions/seedRange',
              },
            ],
          },
        },
      ],
    },
    drivers: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      description: 'Driver names to run against (e.g. reference). Default: every conforming driver.',
      items: documentedEnum(v.drivers, 'A driver name.'),
    },
    options: {
      type: 'object',
      additionalProperties: false,
      description: 'Node options for every node of the scenario.',
      properties: {
        dialect: {
          enum: ['spec', 'endo', 'python-suite'],
          description: 'Where the spec, endo and the Python suite disagree on the wire, which one nodes follow (harness/ocapn/README.md). Default spec.',
        },
        flush: {
          $ref: '#/definitions/flushDesign',
          description:
            `op:flush design spoken by every node (harness/ocapn/README.md, "op:flush"). With handoffs: shorten it is the fence every shortening builds; the explicit flush step uses ${designsWhere(facts, (f) => f.explicitFlush).join(', ')}. Default: ${defaultDesign(facts, true)} if a step flushes, else ${defaultDesign(facts, false)}.`,
        },
        handoffs: {
          enum: ['proxy', 'shorten'],
          description: "Third-party references. proxy (default): a node re-exports a reference another peer hosts when it sends it on, so calls travel through it. shorten: it hands the reference off (deposit-gift at the host, a signed desc:handoff-give to the receiver), and a promise that resolves to another peer's reference is shortened behind the flush design's fence.",
        },
        strictForwarding: {
          type: 'boolean',
          description: `Strict forwarding (Cap'n Proto's rule), a flush-lab rule: a node that relays calls arriving on an answer to another peer's promise keeps sending them to the position that promise was first addressed at, even after it resolved further or while it is held behind this node's own flush fence. Needs handoffs: shorten and a fenced design (${designsWhere(facts, (f) => f.fenced).join(', ')}). Default false: relayed calls follow the promise's current resolution.`,
        },
        deadlineMs: {
          type: 'integer',
          minimum: 1,
          description: 'Virtual time after which the run stops and anything still pending is reported as did-not-settle. Default 60000.',
        },
        inactivityTimeoutMs: {
          type: 'integer',
          minimum: 1,
          description: 'Virtual ms a node waits for a peer that owes it a reply (an answer, a flush acknowledgement) with nothing received, before aborting the session. Values below 5000 act as 5000 (the floor). Default 120000 (harness/ocapn/limits.ts).',
        },
      },
    },
    include: {
      description: 'Fragment files (paths relative to this file) merged under this scenario: maps merge key by key; features, topology.links, kickoffs, steps, expect.sometimes and expect.marks are appended to the fragment\'s; anything else written here (values, other lists, a latency model, an app) replaces the fragment\'s. Later includes come after earlier ones.',
      anyOf: [
        {
          type: 'string',
          minLength: 1,
        },
        {
          type: 'array',
          minItems: 1,
          items: {
            type: 'string',
            minLength: 1,
          },
        },
      ],
    },
  };
}

/** What happens: topology, kickoffs, steps, expect, explore. */
function contentProperties(): Record<string, SchemaFragment> {
  return {
    topology: {
      type: 'object',
      additionalProperties: false,
      required: ['nodes'],
      description: 'The nodes, the apps they host and the links between them. Every pair of nodes can connect; links only set latency.',
      properties: {
        nodes: {
          type: 'object',
          minProperties: 1,
          description: 'Map of node name to node. Names are harness-only (they are the simulated designators).',
          propertyNames: {
            $ref: '#/definitions/name',
          },
          additionalProperties: {
            $ref: '#/definitions/node',
          },
        },
        links: {
          type: 'array',
          description: 'Latency per link. A link applies to both directions unless oneWay is true; a oneWay entry wins over a two-way one for its direction.',
          items: {
            $ref: '#/definitions/link',
          },
        },
        defaults: {
          type: 'object',
          additionalProperties: false,
          description: 'Values for every link that does not set its own.',
          properties: {
            latency: {
              $ref: '#/definitions/latency',
            },
            jitterMs: {
              $ref: '#/definitions/jitterMs',
            },
          },
        },
      },
    },
    kickoffs: {
      type: 'array',
      description: 'Calls the scenario makes, each named so steps and expect can refer to it and to its result.',
      items: {
        $ref: '#/definitions/kickoff',
      },
    },
    steps: {
      type: 'array',
      description: 'Actions in order. Only wait steps advance virtual time; the others take none. After the last step the run continues until quiescent.',
      items: {
        $ref: '#/definitions/step',
      },
    },
    expect: {
      type: 'object',
      additionalProperties: false,
      description: 'What must be true at the end of every case (scenario x design x driver x seed).',
      properties: {
        ...expectProperties(),
        byDesign: {
          type: 'object',
          description:
            'Expectations that differ by flush design (needs designs:): design → expect keys for the cases of that design. results and tables merge with the common ones by name (the design\'s entry wins); every other key replaces the common one.',
          propertyNames: { $ref: '#/definitions/flushDesign' },
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            description: 'The expect keys of one design.',
            properties: expectProperties(),
          },
        },
      },
    },
  };
}

/** Names, times and seeds. */
function basicDefinitions(): Record<string, SchemaFragment> {
  return {
    slug: {
      type: 'string',
      pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      patternErrorMessage: 'must be a slug: lowercase letters and digits joined by single dashes',
      description: 'Lowercase letters and digits joined by single dashes.',
    },
    name: {
      type: 'string',
      pattern: '^[a-z][a-zA-Z0-9-]*$',
      patternErrorMessage: 'must be a name: a lowercase letter, then letters, digits or dashes',
      description: 'A lowercase letter, then letters, digits or dashes (no dots).',
    },
    nonNegativeMs: {
      type: 'number',
      minimum: 0,
      description: 'Virtual milliseconds, >= 0.',
    },
    jitterMs: {
      type: 'number',
      minimum: 0,
      description: 'Extra delay drawn uniformly from [0, jitterMs] per frame, seeded. Never reorders frames on one connection.',
    },
    seed: {
      type: 'integer',
      minimum: 0,
      description: 'A seed (non-negative integer).',
    },
    seedRange: {
      type: 'string',
      pattern: '^[0-9]+\\.\\.[0-9]+$',
      patternErrorMessage: 'must be a seed range like "1..20"',
      description: 'Inclusive seed range "first..last".',
    },
  };
}

/** A node, its apps, latency models and links. */
function nodeDefinitions(v: ScenarioVocabularies): Record<string, SchemaFragment> {
  return {
    node: {
      type: 'object',
      additionalProperties: false,
      description: 'One node: the app objects it hosts and the sturdyrefs that expose them.',
      properties: {
        driver: documentedEnum(v.drivers, 'The implementation that runs this node. Default: the case\'s driver, so a scenario without it runs every node on each conforming driver in turn; with it, nodes of different implementations share one network (mixed topology).'),
        apps: {
          type: 'object',
          description: 'Map of object name to app behaviour. The harness\'s app library is fixed; scenarios configure it, never code it.',
          propertyNames: {
            $ref: '#/definitions/name',
          },
          additionalProperties: {
            $ref: '#/definitions/app',
          },
        },
        sturdyrefs: {
          type: 'object',
          description: 'Map of swiss name to object name. Default: every app object is exposed under its own name.',
          propertyNames: {
            $ref: '#/definitions/name',
          },
          additionalProperties: {
            $ref: '#/definitions/name',
          },
        },
        external: {
          type: 'object',
          additionalProperties: false,
          description: 'This node is another OS process reached over TCP (tcp-testing-only), not a worker: its frames cross a bridge into the page network and are recorded and checked like any other node\'s. Needs exactly one of locator, command. A scenario with an external node runs in free-run mode (real time). With external, declare what the process hosts in objects (not apps, sturdyrefs or driver).',
          properties: {
            locator: {
              type: 'string',
              pattern: '^ocapn://',
              patternErrorMessage: 'must be an OCapN locator like ocapn://<designator>.tcp-testing-only?host=127.0.0.1&port=7000',
              description: 'Where the process already listens: ocapn://<designator>.tcp-testing-only?host=…&port=….',
            },
            command: {
              type: 'string',
              minLength: 1,
              description: 'Command line that starts the process (split on spaces; "double quotes" keep spaces), run from the repository root. Its first stdout line must be its locator; it is stopped (SIGINT) when the case ends. {locator:<node>} stands for another external node\'s locator as this process reaches it: a relay the bridge owns, so their link is recorded and can be faulted (that node starts first). E.g. npx ocapn-conformance serve --objects harness --peer carol={locator:carol}.',
            },
            framing: {
              enum: ['none', 'length'],
              description: 'How frames are delimited on the socket: none (one Syrup value after another) or length (<len>: before each frame). Default none.',
            },
            dialect: {
              enum: ['spec', 'endo', 'python-suite'],
              description: 'The dialect the process speaks, when it differs from options.dialect (harness/ocapn/README.md).',
            },
          },
        },
        objects: {
          type: 'object',
          description: 'For an external node: the objects it hosts, by name, with the swiss number it exposes each under and the library app whose behaviour it has (kickoffs target <node>.<name>; methods are judged against the app).',
          propertyNames: {
            $ref: '#/definitions/name',
          },
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['swiss', 'app'],
            properties: {
              swiss: {
                type: 'string',
                minLength: 1,
                description: 'The swiss number as the process expects it (its ASCII bytes go on the wire).',
              },
              app: {
                type: 'string',
                enum: Object.keys(v.apps),
                enumDescriptions: Object.values(v.apps).map((a) => a.summary),
                description: 'The library app whose behaviour the object has.',
              },
            },
          },
        },
      },
    },
    app: buildApps(v.apps),
    latency: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      description: 'Latency model of a link, exactly one of fixedMs, uniformMs, normalMs. Draws are seeded per link.',
      properties: {
        fixedMs: {
          $ref: '#/definitions/nonNegativeMs',
          description: 'Every frame takes this many virtual ms.',
        },
        uniformMs: {
          type: 'array',
          minItems: 2,
          maxItems: 2,
          items: {
            $ref: '#/definitions/nonNegativeMs',
          },
          description: '[min, max]: uniform draw per frame.',
        },
        normalMs: {
          type: 'object',
          additionalProperties: false,
          required: ['mean', 'stddev'],
          description: 'Normal draw per frame, clamped at 0.',
          properties: {
            mean: {
              $ref: '#/definitions/nonNegativeMs',
              description: 'Mean latency.',
            },
            stddev: {
              $ref: '#/definitions/nonNegativeMs',
              description: 'Standard deviation.',
            },
          },
        },
      },
    },
    link: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'target'],
      description: 'Latency between two nodes.',
      properties: {
        source: {
          $ref: '#/definitions/name',
          description: 'Node at one end (the sending end if oneWay).',
        },
        target: {
          $ref: '#/definitions/name',
          description: 'Node at the other end (the receiving end if oneWay).',
        },
        latency: {
          $ref: '#/definitions/latency',
        },
        jitterMs: {
          $ref: '#/definitions/jitterMs',
        },
        oneWay: {
          type: 'boolean',
          description: 'Apply only to frames from source to target. Default false (both directions).',
        },
      },
    },
  };
}

/** Kickoffs, the references steps name, pairs. */
function kickoffDefinitions(): Record<string, SchemaFragment> {
  return {
    target: {
      type: 'string',
      pattern: '^[a-z][a-zA-Z0-9-]*(\\.[a-z][a-zA-Z0-9-]*)?$',
      patternErrorMessage: 'must be <node>.<object> (a sturdyref) or the name of an earlier kickoff (its result)',
      description: '<node>.<object>: the object\'s sturdyref, fetched first. <kickoff>: the result of that kickoff (pipelined if not yet resolved).',
    },
    kickoff: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'from', 'target'],
      description: 'A call (or fetch, or listen) made by one node.',
      properties: {
        name: {
          $ref: '#/definitions/name',
          description: 'Unique name; its result is the reference of that name.',
        },
        from: {
          $ref: '#/definitions/name',
          description: 'Node that makes the call.',
        },
        target: {
          $ref: '#/definitions/target',
        },
        op: {
          enum: ['call', 'fetch', 'listen'],
          description: 'call: op:deliver of method(args). fetch: enliven the sturdyref, the result is the reference. listen: op:listen on a promise result. Default: call if method is set, else fetch for a sturdyref and listen for a result.',
        },
        method: {
          type: 'string',
          minLength: 1,
          description: 'Method name (a selector) for op: call.',
        },
        args: {
          type: 'array',
          description: 'Arguments as plain data. Integers are OCapN integers, other numbers floats.',
          items: {},
        },
        route: {
          description: 'For forwarders: the nodes the call visits, starting with the target\'s node, as a list; or a seeded random route {length: n | [min, max]} among the nodes hosting the target object.',
          anyOf: [
            {
              type: 'array',
              minItems: 1,
              items: {
                $ref: '#/definitions/name',
              },
            },
            {
              type: 'object',
              additionalProperties: false,
              required: ['length'],
              properties: {
                length: {
                  description: 'Number of nodes visited (including the target\'s node): n, or [min, max] drawn per seed.',
                  anyOf: [
                    {
                      type: 'integer',
                      minimum: 1,
                    },
                    {
                      type: 'array',
                      minItems: 2,
                      maxItems: 2,
                      items: {
                        type: 'integer',
                        minimum: 1,
                      },
                    },
                  ],
                },
              },
            },
          ],
        },
        count: {
          type: 'integer',
          minimum: 1,
          description: 'Send the call this many times (tagged n = 1..count). Default 1.',
        },
        everyMs: {
          $ref: '#/definitions/nonNegativeMs',
          description: 'Virtual ms between repeated sends. Default 0 (same tick, in order).',
        },
        at: {
          description: 'Virtual ms at which the first send is made (default 0), or \'step\' to start it only from a `kickoff:` step.',
          anyOf: [
            {
              $ref: '#/definitions/nonNegativeMs',
            },
            {
              const: 'step',
            },
          ],
        },
      },
    },
    refName: {
      description: 'A reference: the name of a kickoff (its result), or a position in the peer\'s export table.',
      anyOf: [
        {
          $ref: '#/definitions/name',
        },
        {
          type: 'integer',
          minimum: 0,
        },
      ],
    },
    linkPair: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      items: {
        $ref: '#/definitions/name',
      },
      description: '[a, b]: the connection between two nodes, both directions.',
    },
    nodeName: {
      $ref: '#/definitions/name',
      description: 'A node name.',
    },
  };
}

/** Labels, marks, broken reasons, expected results. */
function resultDefinitions(v: ScenarioVocabularies): Record<string, SchemaFragment> {
  return {
    opLabel: documentedEnum(v.operations, 'An OCapN operation label the codec knows.'),
    markName: documentedEnum(v.marks, 'A mark: a named code path a node reports, e.g. flush:delivery-queued-on-fresh-promise.'),
    brokenReason: documentedEnum(
      BROKEN_REASONS,
      `A break category; a narrower one also satisfies its broader ones (${Object.entries(BREAK_CATEGORIES)
        .filter(([, c]) => c.broader.length > 0)
        .map(([name, c]) => `${name} → ${c.broader.join(', ')}`)
        .join('; ')}).`,
    ),
    results: {
      type: 'object',
      description: 'Map of kickoff or flush name to its expected outcome: a plain value (fulfilled with it), {fulfilled: value}, {broken: [reasons]} or {pending: true}.',
      propertyNames: {
        $ref: '#/definitions/name',
      },
      additionalProperties: {
        anyOf: [
          {
            type: ['string', 'number', 'boolean', 'null', 'array'],
          },
          {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            maxProperties: 1,
            properties: {
              fulfilled: {
                description: 'Fulfilled with this value (use this form for map values).',
              },
              broken: {
                type: 'array',
                minItems: 1,
                uniqueItems: true,
                items: {
                  $ref: '#/definitions/brokenReason',
                },
                description: 'Broken with one of these reasons.',
              },
              pending: {
                const: true,
                description: 'Still unsettled.',
              },
            },
          },
        ],
      },
    },
  };
}

/** Expected tables, checks, designs, coverage. */
function tableDefinitions(v: ScenarioVocabularies): Record<string, SchemaFragment> {
  return {
    tableEntry: {
      type: 'object',
      additionalProperties: false,
      required: ['position'],
      description: 'One row of a CapTP table.',
      properties: {
        position: {
          description: 'Position in the table (export 0 is the bootstrap object); a range "4..9" (every position in it must exist and match); or "*" (every row of the table, however many, must match).',
          anyOf: [
            { type: 'integer', minimum: 0 },
            { type: 'string', pattern: '^([0-9]+\\.\\.[0-9]+|\\*)$', patternErrorMessage: 'must be a range like "4..9" or "*" (every row)' },
          ],
        },
        kind: {
          enum: ['object', 'promise'],
          description: 'What the slot holds.',
        },
        refcount: {
          type: 'integer',
          minimum: 0,
          description: 'Exports: times sent minus wire deltas received. Imports: times received since the last op:gc-exports.',
        },
        resolved: {
          type: 'boolean',
          description: 'For promises and answers: settled or not.',
        },
        same: {
          description: 'Unchanged since a named expect step: the row at the same position in that step\'s snapshot must have the same fields (all of kind, refcount, resolved by default). A step name, or {as: name, fields: [...]}.',
          anyOf: [
            { $ref: '#/definitions/name' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['as'],
              properties: {
                as: { $ref: '#/definitions/name', description: 'The expect step (by its name) to compare with.' },
                fields: {
                  type: 'array',
                  minItems: 1,
                  uniqueItems: true,
                  items: { enum: ['kind', 'refcount', 'resolved'] },
                  description: 'The fields that must be unchanged.',
                },
              },
            },
          ],
        },
        replaced: {
          type: 'boolean',
          description: 'Exports only. true: the slot now holds a different (fresh) promise — the node reported export-replaced for it (a receiver-initiated flush) by the time of this expectation. false: it never did.',
        },
      },
    },
    tableList: {
      type: 'array',
      description: 'Rows of one table, in any order.',
      items: {
        $ref: '#/definitions/tableEntry',
      },
    },
    sessionTables: {
      type: 'object',
      additionalProperties: false,
      description: 'Tables of one node\'s session with one peer. Tables not mentioned are not checked.',
      properties: {
        exports: {
          description: 'Rows of the export table, or "bootstrap-only": exactly one row, the bootstrap object at position 0 (the table of a session nothing was exported on yet, or everything was released).',
          anyOf: [{ $ref: '#/definitions/tableList' }, { const: 'bootstrap-only' }],
        },
        imports: {
          $ref: '#/definitions/tableList',
        },
        answers: {
          $ref: '#/definitions/tableList',
        },
        questions: {
          $ref: '#/definitions/tableList',
        },
        gifts: {
          $ref: '#/definitions/tableList',
        },
        exact: {
          type: 'boolean',
          description: 'true (default): the listed rows are all the rows of each mentioned table. false: at least these rows.',
        },
        session: {
          enum: ['open', 'closed'],
          description: 'Whether the session must be open or gone. Default open.',
        },
      },
    },
    tables: {
      type: 'object',
      description: 'Map of node name to a map of peer name to expected session tables.',
      propertyNames: {
        $ref: '#/definitions/name',
      },
      additionalProperties: {
        type: 'object',
        propertyNames: {
          $ref: '#/definitions/name',
        },
        additionalProperties: {
          $ref: '#/definitions/sessionTables',
        },
      },
    },
    checkName: documentedEnum(v.checks, 'A property from harness/checks/.'),
    flushDesign: {
      ...documentedEnum(mapValues(v.flushDesigns, (d) => d.doc), 'An op:flush design (harness/ocapn/README.md, "op:flush").'),
      'x-facts': mapValues(v.flushDesigns, (d) => d.facts),
    },
    sometimes: {
      description: 'A mark name, or {mark} / {frame: op-label} / {violated: check} with an optional description.',
      anyOf: [
        {
          $ref: '#/definitions/markName',
        },
        {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            mark: {
              $ref: '#/definitions/markName',
              description: 'Some node reports this mark.',
            },
            frame: {
              $ref: '#/definitions/opLabel',
              description: 'Some frame with this label is delivered.',
            },
            violated: {
              $ref: '#/definitions/checkName',
              description: 'This property is violated in some seed: a weakness the scenario expects of a design (e.g. perRefFifo under none). The property then never fails a case of it.',
            },
            description: {
              type: 'string',
              description: 'Why this coverage matters.',
            },
          },
        },
      ],
    },
  };
}

export function buildScenarioSchema(v: ScenarioVocabularies): SchemaFragment {
  return (
    {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://ocapn-conformance.invalid/schemas/scenario.schema.json',
      title: 'ocapn-conformance scenario',
      description: 'One network situation for the OCapN conformance harness: who exists (topology), what they do (kickoffs), what happens to them (steps) and what must be true (expect). Virtual time is in milliseconds; names ending in Ms are virtual ms. Files under a folder starting with _ are fragments for include: and are not scenarios.',
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'topology'],
      properties: {
        ...documentProperties(v),
        ...contentProperties(),
        ...keyProperties(),
      },
      definitions: {
        ...basicDefinitions(),
        ...nodeDefinitions(v),
        ...kickoffDefinitions(),
        step: buildStep(),
        ...resultDefinitions(v),
        ...tableDefinitions(v),
      },
    }
  );
}
