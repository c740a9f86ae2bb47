import { Registry, collectDefaultMetrics } from 'prom-client';
import type { RouteIntent } from '@exaplug/protocol';
import type { HealthStateName } from '../health/health-state.js';
import type { RuntimeEvents } from '../runtime/runtime-events.js';
import { countRuntimeEvents } from './event-counters.js';
import { addStateGauges } from './state-gauges.js';
import { StateAges } from './state-ages.js';

/** What a scrape reads of the runtime at that moment. */
export interface RuntimeView {
  services: ReadonlyArray<{
    name: string;
    state: { name: HealthStateName };
    announced: string | undefined;
    drained: false | 'announced' | 'withdrawn';
    /** The check's latest values (a live-value strategy follows them). */
    values?: Readonly<Record<string, number>>;
  }>;
  /** When this runtime started, on the clock of the `now` option: a state no event dated counts from here. */
  startedAtMs: number;
  /** Routes as written, by service. */
  routesByService(): ReadonlyMap<string, readonly RouteIntent[]>;
  neighbors: ReadonlyMap<string, { state: string; received: ReadonlyMap<string, unknown> }>;
}

/**
 * exaplug's Prometheus metrics (names follow the Prometheus conventions: base units,
 * `_total` counters): counters and the histogram follow the runtime's events, gauges are
 * read from the runtime at scrape time, process metrics (CPU, RSS, event-loop lag) come
 * from prom-client's defaults.
 */
export function createRuntimeMetrics(events: RuntimeEvents, view: () => RuntimeView | undefined, options: { now?: () => number } = {}): Registry {
  const registry = new Registry();
  const ages = new StateAges(options.now ?? (() => performance.now()));
  collectDefaultMetrics({ register: registry, prefix: 'exaplug_' });
  countRuntimeEvents(registry, events, ages);
  addStateGauges(registry, view, ages);
  return registry;
}
