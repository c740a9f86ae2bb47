import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RouteIntent } from '@exaplug/protocol';
import type { AnnouncedState, HealthStateName } from '../health/health-state.js';
import type { RuntimeEvents } from '../runtime/runtime-events.js';
import { StateAges } from './state-ages.js';

/** What a scrape reads of the runtime at that moment. */
export interface RuntimeView {
  services: ReadonlyArray<{ name: string; state: { name: HealthStateName }; announced: string | undefined; drained: false | 'announced' | 'withdrawn' }>;
  /** When this runtime started, on the clock of the `now` option: a state no event dated counts from here. */
  startedAtMs: number;
  /** Routes as written, by service. */
  routesByService(): ReadonlyMap<string, readonly RouteIntent[]>;
  neighbors: ReadonlyMap<string, { state: string; received: ReadonlyMap<string, unknown> }>;
}

// Spelt as records so that a state added to the types without a series here fails to compile.
const healthStates = Object.keys({ init: 0, rising: 0, up: 0, degraded: 0, falling: 0, down: 0, disabled: 0 } satisfies Record<HealthStateName, 0>) as HealthStateName[];
const announcedStates = Object.keys({ up: 0, degraded: 0, down: 0, disabled: 0 } satisfies Record<AnnouncedState, 0>) as AnnouncedState[];

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
  const checkDuration = new Histogram({
    name: 'exaplug_check_duration_seconds',
    help: 'How long each check took, by service and result status.',
    labelNames: ['service', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const results = new Counter({ name: 'exaplug_check_results_total', help: 'Check results by service and status.', labelNames: ['service', 'status'], registers: [registry] });
  const transitions = new Counter({ name: 'exaplug_health_transitions_total', help: 'Health state changes by service.', labelNames: ['service', 'from', 'to'], registers: [registry] });
  const announcements = new Counter({ name: 'exaplug_announcements_total', help: 'Announced state changes written, by service and state.', labelNames: ['service', 'state'], registers: [registry] });
  const refusals = new Counter({ name: 'exaplug_routes_refused_total', help: 'Announcements refused before writing, by service and code.', labelNames: ['service', 'code'], registers: [registry] });
  const commands = new Counter({ name: 'exaplug_commands_written_total', help: 'Commands written to ExaBGP.', registers: [registry] });
  const answers = new Counter({ name: 'exaplug_command_answers_total', help: "ExaBGP's answers to commands (done or error).", labelNames: ['answer'], registers: [registry] });
  const timeouts = new Counter({ name: 'exaplug_command_ack_timeouts_total', help: 'Commands ExaBGP did not acknowledge in time.', registers: [registry] });
  const stale = new Counter({ name: 'exaplug_stale_routes_withdrawn_total', help: 'Routes a previous exaplug left that were withdrawn at start.', registers: [registry] });
  const divergences = new Counter({
    name: 'exaplug_route_divergences_total',
    help: "Routes ExaBGP's adj-rib-out held otherwise than announced (read-back), by kind (missing, differs, unexpected); each was sent again.",
    labelNames: ['kind'],
    registers: [registry],
  });

  events.on('checkCompleted', ({ service, result }) => {
    results.inc({ service, status: result.status });
    checkDuration.observe({ service, status: result.status }, (result.durationMs ?? 0) / 1000);
  });
  events.on('healthChanged', ({ service, from, to }) => {
    transitions.inc({ service, from, to });
    ages.changed(service, to);
  });
  events.on('configReloaded', ({ added, changed }) => ages.restarted([...added, ...changed]));
  events.on('routesAnnounced', ({ service, to }) => announcements.inc({ service, state: to }));
  events.on('routesRefused', ({ service, code }) => refusals.inc({ service, code }));
  events.on('commandWritten', () => commands.inc());
  events.on('commandAnswered', ({ answer }) => answers.inc({ answer }));
  events.on('commandTimedOut', () => timeouts.inc());
  events.on('staleRoutesWithdrawn', ({ prefixes }) => stale.inc(prefixes.length));
  events.on('routesDiverged', (event) => {
    for (const divergence of event.divergences) divergences.inc({ kind: divergence.kind });
  });

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
  return registry;
}
