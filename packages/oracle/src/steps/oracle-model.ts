import type { OracleConfig, ServiceSpec, World } from '../model/spec.js';
import type { StepEffect } from '../model/convergence-bound.js';
import type { OracleLab } from '../live/lab.js';
import type { LiveSystem } from '../live/live-system.js';

/** fast-check's model: the config in force, the world outside it, and what ExaBGP still tolerates. */
export interface OracleModel {
  config: OracleConfig;
  world: World;
  /**
   * exaplug respawns left before ExaBGP's limit (it gives up after more than 5 in 64 s);
   * a fresh ExaBGP resets it.
   */
  respawnsLeft: number;
}

export const respawnsPerExabgp = 3;

/** What the steps act on: the live system, and the check that the route servers follow the model. */
export interface StepContext {
  readonly live: LiveSystem;
  readonly lab: OracleLab;
  /** Waits until every route server holds the model's table; throws an OracleViolation past the bound. */
  verify(model: Readonly<OracleModel>, step: string, effect: StepEffect): Promise<void>;
}

/** A service by generated index: modulo the services the config has when the step runs. */
export function serviceAt(model: Readonly<OracleModel>, index: number): ServiceSpec {
  const { services } = model.config;
  return services[index % services.length] as ServiceSpec;
}
