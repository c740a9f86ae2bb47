import { Gauge, type Registry } from 'prom-client';
import type { AnnouncedState, HealthStateName } from '../health/health-state.js';
import type { RuntimeView } from './runtime-metrics.js';
import type { StateAges } from './state-ages.js';

// Spelt as records so that a state added to the types without a series here fails to compile.
const healthStates = Object.keys({ init: 0, rising: 0, up: 0, degraded: 0, falling: 0, down: 0, disabled: 0 } satisfies Record<HealthStateName, 0>) as HealthStateName[];
const announcedStates = Object.keys({ up: 0, degraded: 0, down: 0, disabled: 0 } satisfies Record<AnnouncedState, 0>) as AnnouncedState[];

/** The gauges, read from the runtime at scrape time (nothing is kept between scrapes). */
export function addStateGauges(registry: Registry, view: () => RuntimeView | undefined, ages: StateAges): void {
  const gauge = (name: string, help: string, labelNames: string[], collect: (gauge: Gauge) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        collect(this);
      },
    });
  gauge('exaplug_service_health_state', 'Each service’s health state (1 for the current one).', ['service', 'state'], (g) => {
    for (const service of view()?.services ?? []) {
      for (const state of healthStates) g.set({ service: service.name, state }, service.state.name === state ? 1 : 0);
    }
  });
  gauge('exaplug_service_announced_state', 'The state each service last announced (1 for it).', ['service', 'state'], (g) => {
    for (const service of view()?.services ?? []) {
      for (const state of announcedStates) g.set({ service: service.name, state }, service.announced === state ? 1 : 0);
    }
  });
  gauge('exaplug_service_drained', 'Whether each service is drained by `exaplug drain` (1) or not (0).', ['service'], (g) => {
    for (const service of view()?.services ?? []) g.set({ service: service.name }, service.drained === false ? 0 : 1);
  });
  gauge('exaplug_service_state_seconds', 'Seconds each service has been in its current health state (labelled).', ['service', 'state'], (g) => {
    const runtime = view();
    if (!runtime) return;
    ages.keepOnly(new Set(runtime.services.map((service) => service.name)));
    for (const service of runtime.services) {
      g.set({ service: service.name, state: service.state.name }, ages.secondsIn(service.name, service.state.name, runtime.startedAtMs));
    }
  });
  gauge('exaplug_route_med', 'The MED of each route as written to ExaBGP (absent when withdrawn).', ['service', 'prefix'], (g) => {
    for (const [service, routes] of view()?.routesByService() ?? []) {
      for (const route of routes) if (route.action === 'announce' && route.med !== undefined) g.set({ service, prefix: route.prefix }, route.med);
    }
  });
  gauge('exaplug_neighbor_up', 'BGP sessions as ExaBGP reports them (1 up, 0 otherwise).', ['peer'], (g) => {
    for (const [peer, entry] of view()?.neighbors ?? []) g.set({ peer }, entry.state === 'up' ? 1 : 0);
  });
  gauge('exaplug_received_routes', 'Routes kept from each neighbor for checks that need them.', ['peer'], (g) => {
    for (const [peer, entry] of view()?.neighbors ?? []) g.set({ peer }, entry.received.size);
  });
  gauge('exaplug_check_value', 'The numbers each check last reported (CheckResult.values), which live-value strategies follow.', ['service', 'name'], (g) => {
    for (const service of view()?.services ?? []) {
      for (const [name, value] of Object.entries(service.values ?? {})) g.set({ service: service.name, name }, value);
    }
  });
}
