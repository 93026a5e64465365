/**
 * The playground's controls: each reads its form fields and asks the session for one change —
 * a setup edit of the document, a scenario step at the current virtual time, a clock move, a
 * save. One control runs at a time (the page is busy meanwhile), and every answer (the loader's
 * errors, a refused position) is shown in the page.
 */
import type { ScenarioDoc, StepDoc } from '../scenario/doc.js';
import type { AppName, JsonValue } from '../scenario/plan.js';
import { addKickoff, addNode, freshName, setLatency, setOption } from './doc-edits.js';
import { expectHere } from './expect-here.js';
import type { ClockMove, PlaygroundSession } from './session.js';
import { byId, el } from './view.js';

type Done = (errors: string[]) => Promise<void>;

const value = (id: string): string => byId<HTMLInputElement | HTMLSelectElement>(id).value.trim();
const num = (id: string): number => Number(value(id));

function fill(id: string, values: readonly string[], blank?: string): void {
  const select = byId<HTMLSelectElement>(id);
  const was = select.value;
  select.replaceChildren(...(blank !== undefined ? [el('option', { value: '' }, blank)] : []), ...values.map((v) => el('option', { value: v }, v)));
  if (values.includes(was)) select.value = was;
}

/** Refills every select from the plan the session runs now. */
export function refreshChoices(session: PlaygroundSession): void {
  const plan = session.plan;
  const nodes = plan?.topology.nodes.map((n) => n.name) ?? Object.keys(session.doc.topology.nodes);
  for (const id of ['link-a', 'k-from', 'fault-node', 'pair-a', 'flush-node']) fill(id, nodes);
  // The second of a pair starts on another node than the first.
  for (const [a, b] of [['link-a', 'link-b'], ['pair-a', 'pair-b'], ['flush-node', 'flush-peer']]) {
    fill(b, nodes);
    if (value(b) === value(a) && nodes.length > 1) byId<HTMLSelectElement>(b).selectedIndex = 1;
  }
  const kickoffs = (plan?.kickoffs ?? []).map((k) => k.name);
  const refs = plan?.topology.nodes.flatMap((n) => n.sturdyrefs.map((r) => `${n.name}.${r.swiss}`)) ?? [];
  fill('k-target', [...refs, ...kickoffs]);
  fill('flush-ref', kickoffs, '(slot)');
  const labels = [...new Set((session.run?.deliveredLabels ?? []).map((l) => l.label).concat(['op:deliver', 'op:listen', 'op:flush', 'op:flush-done', 'op:start-session', 'op:gc-exports']))].sort();
  fill('clock-frame-label', labels);
  byId<HTMLInputElement>('doc-id').value = session.doc.id;
}

function kickoffStep(session: PlaygroundSession): { step: StepDoc; change: (d: ScenarioDoc) => ScenarioDoc } {
  const name = value('k-name') || freshName(session.doc, 'k');
  const args = value('k-args') ? (JSON.parse(value('k-args')) as JsonValue[]) : [];
  if (!Array.isArray(args)) throw new Error('args: write a JSON list, e.g. ["x", 3]');
  const route = value('k-route') ? value('k-route').split(/[\s,]+/).filter(Boolean) : undefined;
  const kickoff = {
    name,
    from: value('k-from'),
    target: value('k-target'),
    ...(value('k-method') ? { method: value('k-method') } : {}),
    ...(args.length ? { args } : {}),
    ...(route ? { route } : {}),
    ...(num('k-count') > 1 ? { count: num('k-count') } : {}),
    ...(num('k-every') > 0 ? { everyMs: num('k-every') } : {}),
    at: 'step' as const,
  };
  return { step: { kickoff: name }, change: (d) => addKickoff(d, kickoff) };
}

function flushStep(): StepDoc {
  const name = value('flush-name');
  const ref = value('flush-ref');
  const target = ref ? { export: ref } : { node: value('flush-node'), peer: value('flush-peer'), export: num('flush-pos') };
  return { flush: { ...target, ...(name ? { name } : {}) } };
}

const pair = (): [string, string] => [value('pair-a'), value('pair-b')];

/** The step each plain button writes. */
function stepButtons(): Record<string, () => StepDoc> {
  const node = () => value('fault-node');
  return {
    pause: () => ({ pause: node() }),
    resume: () => ({ resume: node() }),
    kill: () => ({ kill: node() }),
    stop: () => ({ stop: node() }),
    'restart-fresh': () => ({ restart: { node: node(), mode: 'fresh' } }),
    'restart-keep': () => ({ restart: { node: node(), mode: 'keep' } }),
    'partition-drop': () => ({ partition: { between: pair(), mode: 'drop' } }),
    'partition-hold': () => ({ partition: { between: pair(), mode: 'hold' } }),
    heal: () => ({ heal: pair() }),
    reset: () => ({ reset: pair() }),
    stall: () => ({ stall: { link: pair(), forMs: num('stall-ms') } }),
    advance: () => ({ wait: { forMs: num('advance-ms') } }),
    flush: flushStep,
  };
}

export function wireControls(session: PlaygroundSession, perform: (what: () => Promise<string[]>) => Promise<void>, done: Done): void {
  const on = (id: string, what: () => Promise<string[]>) =>
    byId(id).addEventListener('click', () => {
      void perform(async () => {
        try {
          return await what();
        } catch (error) {
          return [(error as Error).message];
        }
      });
    });
  on('add-node', async () => {
    const name = value('node-name');
    if (!name) return ['name the node'];
    return session.setup((d) => addNode(d, name, value('node-app') as AppName | ''));
  });
  on('set-latency', () => session.setup((d) => setLatency(d, value('link-a'), value('link-b'), num('link-ms'))));
  for (const key of ['flush', 'handoffs'] as const) {
    byId(`opt-${key}`).addEventListener('change', () => void perform(() => session.setup((d) => setOption(d, key, value(`opt-${key}`)))));
  }
  byId('doc-id').addEventListener('change', () => void perform(() => session.setup((d) => ({ ...d, id: value('doc-id') }))));
  on('kick', () => {
    const { step, change } = kickoffStep(session);
    return session.act(step, change);
  });
  for (const [id, make] of Object.entries(stepButtons())) on(id, () => session.act(make()));
  on('expect-results', async () => session.act(expectHere(session.run?.outcome('deadline').results ?? {}, await session.tables())));
  const moves: Record<string, () => ClockMove> = {
    'clock-event': () => ({ kind: 'event' }),
    'clock-instant': () => ({ kind: 'instant' }),
    'clock-quiescent': () => ({ kind: 'quiescent' }),
    'clock-frame': () => ({ kind: 'frame', label: value('clock-frame-label') }),
  };
  for (const [id, move] of Object.entries(moves)) on(id, () => session.clock(move()));
  on('back', () => session.backToLastStep());
  on('script-next', () => session.nextScriptStep());
  on('finish', async () => {
    await session.finish();
    return [];
  });
  on('save', async () => {
    const answer = await session.save(value('save-file'), byId<HTMLInputElement>('overwrite').checked);
    byId('save-result').textContent = 'errors' in answer ? 'not saved' : `saved ${answer.file}: npx ocapn-conformance run ${answer.file}${session.driver === 'reference' ? '' : ` --driver ${session.driver}`}`;
    return 'errors' in answer ? answer.errors : [];
  });
  wirePlay(session, perform, done);
}

/** Runs the clock one instant at a time, paced so virtual time passes at the chosen speed. */
function wirePlay(session: PlaygroundSession, perform: (what: () => Promise<string[]>) => Promise<void>, done: Done): void {
  const button = byId('play');
  let playing = false;
  button.addEventListener('click', () => {
    playing = !playing;
    button.textContent = playing ? 'pause' : 'run';
    if (!playing) return;
    const tick = async (): Promise<void> => {
      if (!playing) return;
      const before = session.nowMs;
      await perform(() => session.clock({ kind: 'instant' }));
      if (session.run?.isQuiescent() || session.finished || session.crashed) {
        playing = false;
        button.textContent = 'run';
        await done([]);
        return;
      }
      const wallMs = Math.min(1000, ((session.nowMs - before) / num('speed')) * 1000);
      setTimeout(() => void tick(), wallMs);
    };
    void tick();
  });
}
