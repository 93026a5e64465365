/** `kickoff`: start a kickoff declared with `at: step`. */
import { report } from '../semantic-context.js';
import { didYouMean } from '../suggest.js';
import { defineStep } from './definition.js';
import { expectUp } from './model.js';

export const kickoff = defineStep({
  schema: {
    $ref: '#/definitions/name',
    description: 'Start a kickoff declared with at: step.',
  },
  normalise: (name: string) => ({ kickoff: name }),
  check: (name, { ctx, model, path, index }) => {
    const declared = ctx.kickoffs.get(name);
    if (!declared) {
      report(ctx, path, `unknown kickoff "${name}"${didYouMean(name, ctx.kickoffs.keys())}`);
      return;
    }
    if (declared.doc.at !== 'step') {
      report(ctx, path, `"${name}" starts by itself at ${declared.doc.at ?? 0} ms; give it at: step to start it here`);
      return;
    }
    const earlier = model.started.get(name);
    if (earlier !== undefined) report(ctx, path, `"${name}" was already started by steps[${earlier}]`);
    model.started.set(name, index);
    ctx.startedBySteps.add(name);
    expectUp(ctx, model, path, declared.doc.from, 'start a kickoff');
  },
  write: (step) => step.kickoff,
  effect: (step, sim) => sim.startKickoff(step.kickoff),
});
