/**
 * The app library: builds the app objects a Plan node lists, by name. Scenarios configure apps in
 * YAML; code never comes from a scenario (docs/architecture.md). View: one node host.
 */
import type { PlanApp } from '../../../scenario/plan.js';
import type { AppContext } from './app-context.js';
import { makeForwarder } from './forwarder.js';
import { makeFailing } from './failing.js';
import { makeHolder } from './holder.js';
import { makeCounter, makeEcho, makeRecorder, makeThrower } from './simple-apps.js';

export function makeApp(ctx: AppContext, app: PlanApp): object {
  switch (app.app) {
    case 'forwarder':
      return makeForwarder(ctx, app);
    case 'echo':
      return makeEcho(ctx, app);
    case 'recorder':
      return makeRecorder(ctx);
    case 'holder':
      return makeHolder(ctx, app);
    case 'counter':
      return makeCounter(ctx, app);
    case 'thrower':
      return makeThrower(ctx, app);
    case 'failing':
      return makeFailing(ctx, app);
  }
}

export type { AppContext } from './app-context.js';
