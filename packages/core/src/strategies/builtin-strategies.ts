import type { StrategyDefinition } from '../plugins/define-strategy.js';
import { fixedStrategy } from './fixed.js';
import { rendezvousStrategy } from './rendezvous.js';
import { rotateStrategy } from './rotate.js';
import { scaledStrategy } from './scaled.js';

/** Strategies that ship in core, by the short name used in `strategy.use`. */
export const builtinStrategies: Readonly<Record<string, StrategyDefinition>> = {
  rotate: rotateStrategy as unknown as StrategyDefinition,
  fixed: fixedStrategy as unknown as StrategyDefinition,
  rendezvous: rendezvousStrategy as unknown as StrategyDefinition,
  scaled: scaledStrategy as unknown as StrategyDefinition,
};
