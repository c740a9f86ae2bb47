import { defineStrategy } from '@exaplug/core/plugin';
import type { RouteIntent, StrategyInput } from '@exaplug/core/plugin';
import { exampleOptions } from './options.js';
import type { ExampleOptions } from './options.js';

/** The MED a prefix gets in a state, or `withdraw`. */
function chooseMed(options: ExampleOptions, prefix: string, state: StrategyInput['state']): number | 'withdraw' {
  if (state === 'up') return options.weights[prefix] ?? options.defaultMed;
  return state === 'down' ? options.whenDown : options.whenDisabled;
}

/** Announces each prefix with the MED its weight table gives; the core loads it by this export name. */
export const strategy = defineStrategy({
  name: 'example',
  coreVersion: '^0.1.0',
  options: exampleOptions,
  create(options) {
    return {
      plan({ prefixes, state }): RouteIntent[] {
        return prefixes.map((prefix) => {
          const med = chooseMed(options, prefix, state);
          if (med === 'withdraw') return { action: 'withdraw', prefix, nextHop: options.nextHop };
          return { action: 'announce', prefix, nextHop: options.nextHop, med };
        });
      },
    };
  },
});
