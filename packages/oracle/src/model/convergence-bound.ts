import { timingOf, type OracleConfig, type World } from './spec.js';

/** What a step does to exaplug, for the time it may take to show. */
export type StepEffect = 'checks' | 'restart';

/** ExaBGP's API and the route servers' own part (FRR's best-path queue, GoBGP's), with room for a loaded 2-core machine. */
export const routeServerSlackMs = 2500;
/** A fresh exaplug: Node's start, the config, ExaBGP's version probe and the first round. */
export const exaplugStartMs = 2500;

/**
 * How long after a step every route server must hold the model's table. Per service: up to
 * one interval until the next check, then `rise` or `fall` checks at `fastInterval`, each
 * of which may run to its timeout (a hang), then at most one `minDwell`; the slowest
 * service decides. A drain with `withdrawAfter` adds that wait; a (re)started exaplug its start.
 */
export function convergenceBoundMs(config: OracleConfig, world: World, effect: StepEffect): number {
  const detection = Math.max(
    0,
    ...config.services.map((service) => {
      const t = timingOf(config, service);
      return t.intervalMs + t.timeoutMs + Math.max(t.rise, t.fall) * (t.fastIntervalMs + t.timeoutMs) + t.minDwellMs;
    }),
  );
  const anyDrained = config.services.some((service) => world.drained.includes(service.name));
  const withdrawAfter = anyDrained ? (config.drain.withdrawAfterMs ?? 0) : 0;
  return detection + withdrawAfter + (effect === 'restart' ? exaplugStartMs : 0) + routeServerSlackMs;
}
