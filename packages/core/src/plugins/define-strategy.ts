import type { z } from 'zod';
import type { RouteIntent } from '@exaplug/protocol';
import { announcedStates, type AnnouncedState } from '../health/health-state.js';
import type { CheckValues } from './check-result.js';

/** Marks objects made by defineStrategy. */
export const strategyBrand: unique symbol = Symbol.for('exaplug.strategy');

/** What a strategy is asked: this service, in this state. */
export interface StrategyInput {
  serviceName: string;
  /** The service IPs or prefixes, in config order. */
  prefixes: string[];
  state: AnnouncedState;
  /**
   * The latest numbers the check reported (`CheckResult.values`), e.g. `{ load: 0.7 }`.
   * The runtime always passes an object (empty until the check reports one); absent when a
   * test, validation at load or `exaplug plan` calls `plan` without any, so treat a missing
   * value as "not measured". When they change, `plan` is asked again for the announced
   * state, and routes that differ are written (at most once per `minDwell`).
   */
  values?: CheckValues;
}

/** A strategy bound to one service's options. Must be pure: same input, same routes. */
export interface StrategyInstance {
  plan(input: StrategyInput): RouteIntent[];
  /**
   * True when the strategy gives `degraded` its own tier (e.g. `metrics.degraded`): the
   * service then enters the `degraded` state. Otherwise degraded checks count as up and
   * `plan` is never asked for `degraded`.
   */
  gradesDegraded?: boolean;
}

export interface StrategyContext {
  serviceName: string;
  /** This machine's hostname, read at load, for strategies that name their nodes (`rendezvous`). */
  hostname?: string;
}

/** The states a strategy is asked to plan: every announced state, `degraded` only when it grades it. */
export function plannedStates(strategy: StrategyInstance): readonly AnnouncedState[] {
  return announcedStates.filter((state) => state !== 'degraded' || strategy.gradesDegraded === true);
}

export interface StrategySpec<Schema extends z.ZodType> {
  name: string;
  coreVersion: string;
  options: Schema;
  create(options: z.output<Schema>, context: StrategyContext): StrategyInstance;
}

/** A metric strategy plugin, as the loader sees it. */
export interface StrategyDefinition<Schema extends z.ZodType = z.ZodType> extends StrategySpec<Schema> {
  readonly [strategyBrand]: true;
  readonly kind: 'strategy';
}

/** Declares a metric strategy: adds types and a brand, nothing else. */
export function defineStrategy<Schema extends z.ZodType>(spec: StrategySpec<Schema>): StrategyDefinition<Schema> {
  return { ...spec, kind: 'strategy', [strategyBrand]: true };
}

export function isStrategyDefinition(value: unknown): value is StrategyDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[strategyBrand] === true;
}
