import fc from 'fast-check';
import { editArbitrary } from '../generate/edit-arbitrary.js';
import { DrainStep } from './drain-step.js';
import { FlapStep, HangStep, SetHealthStep } from './health-steps.js';
import type { OracleModel, StepContext } from './oracle-model.js';
import { InvalidRespawnStep, KillExaplugStep, RestartExabgpStep, RestartRouteServerStep } from './process-steps.js';
import { ReloadStep } from './reload-step.js';

const index = fc.nat(5);

/**
 * The steps of a sequence, weighted towards what hits route servers: health changes (withdraws,
 * family mixing), reloads, drains, and restarts of exaplug, ExaBGP and route servers.
 */
export function stepsArbitrary(maxCommands: number, replayPath?: string): fc.Arbitrary<Iterable<fc.AsyncCommand<OracleModel, StepContext>>> {
  return fc.commands(
    [
      fc.tuple(index, fc.constantFrom('up' as const, 'down' as const)).map(([at, health]) => new SetHealthStep(at, health)),
      fc.tuple(index, fc.constantFrom('up' as const, 'down' as const)).map(([at, health]) => new SetHealthStep(at, health)),
      fc.tuple(index, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 50, max: 250 }), fc.constantFrom('up' as const, 'down' as const)).map(
        ([at, flips, period, final]) => new FlapStep(at, flips, period, final),
      ),
      index.map((at) => new HangStep(at)),
      fc.tuple(editArbitrary, fc.constantFrom('socket' as const, 'socket' as const, 'sighup' as const)).map(([edit, via]) => new ReloadStep(edit, via)),
      fc.tuple(editArbitrary, fc.constant('socket' as const)).map(([edit, via]) => new ReloadStep(edit, via)),
      fc.tuple(fc.oneof(index, fc.constant('all' as const)), fc.boolean()).map(([target, drained]) => new DrainStep(target, drained)),
      fc.constant(new KillExaplugStep()),
      fc.constant(new InvalidRespawnStep()),
      fc.constant(new RestartExabgpStep()),
      fc.nat(2).map((server) => new RestartRouteServerStep(server)),
    ],
    { maxCommands, ...(replayPath !== undefined && { replayPath }) },
  );
}
