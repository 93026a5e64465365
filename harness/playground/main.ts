/**
 * The playground page: asks its server for the session to open (an empty network, or a scenario
 * paused at its start), then draws and drives it. `window.ocapnPlayground` exposes the session
 * for tests (the recording, whether the page is busy); everything a person does goes through
 * the controls.
 */
import { makeWorkerPort } from '../page/worker-port.js';
import type { ScenarioDoc, StepDoc } from '../scenario/doc.js';
import type { HostPortFactory } from '../sim/page-side/runner.js';
import { wireControls, refreshChoices } from './controls.js';
import { layoutHtml, STYLE } from './layout.js';
import { PlaygroundSession, type PlanAnswer, type SaveAnswer, type ScenarioBackend } from './session.js';
import { byId, drawChecks, drawLiveTables, drawLog, drawNetwork, drawSteps, snapshot } from './view.js';

interface SessionStart {
  doc: ScenarioDoc;
  script: StepDoc[];
  seed: number;
  driver: string;
  saveAs: string;
  opened?: string;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as T;
}

const backend: ScenarioBackend = {
  plan: (doc) => post<PlanAnswer>('/api/plan', { doc }),
  save: (doc, file, overwrite) => post<SaveAnswer>('/api/save', { doc, file, overwrite }),
};

let busy = false;

async function render(session: PlaygroundSession): Promise<void> {
  const snap = snapshot(session);
  drawNetwork(session, snap);
  drawChecks(snap, session);
  drawLog(snap);
  drawSteps(session);
  drawLiveTables(session, await session.tables(), snap);
  refreshChoices(session);
}

function showErrors(errors: readonly string[]): void {
  byId('errors').textContent = errors.join('\n\n');
}

async function boot(): Promise<void> {
  const start = (await (await fetch('/api/session')).json()) as SessionStart;
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);
  document.body.innerHTML = layoutHtml(String(start.doc.options?.flush ?? 'none'), String(start.doc.options?.handoffs ?? 'proxy'));
  byId('seed').textContent = `seed ${start.seed} · driver ${start.driver}${start.opened ? ` · opened ${start.opened}` : ''}`;
  byId<HTMLInputElement>('save-file').value = start.saveAs;
  const ports: HostPortFactory = (node, incarnation, driver) => makeWorkerPort(node, incarnation, { driver, reuse: true });
  const session = new PlaygroundSession(backend, ports, start.doc, start.script, start.seed, start.driver);
  const status = (text: string) => {
    byId('status').textContent = text;
    document.body.dataset.busy = busy ? '1' : '0';
  };
  const done = async (errors: string[]): Promise<void> => {
    showErrors(errors);
    await render(session);
  };
  // Controls run one at a time, in the order they were used: a click while another control is
  // still running waits its turn rather than being lost.
  let queue = Promise.resolve();
  let waiting = 0;
  const perform = (what: () => Promise<string[]>): Promise<void> => {
    waiting++;
    busy = true;
    status('working…');
    queue = queue.then(async () => {
      try {
        await done(await what());
      } catch (error) {
        showErrors([(error as Error).message]);
      }
      busy = --waiting > 0;
      status(busy ? 'working…' : session.crashed ? 'crashed' : 'ready');
    });
    return queue;
  };
  wireControls(session, perform, done);
  window.ocapnPlayground = {
    session,
    isBusy: () => busy,
    recordingJson: () => JSON.stringify(session.recording() ?? null),
  };
  await perform(() => session.open());
}

declare global {
  interface Window {
    ocapnPlayground: { session: PlaygroundSession; isBusy(): boolean; recordingJson(): string };
  }
}

void boot();
