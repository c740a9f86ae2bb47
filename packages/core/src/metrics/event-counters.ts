import { Counter, Histogram, type Registry } from 'prom-client';
import type { RuntimeEvents } from '../runtime/runtime-events.js';
import type { StateAges } from './state-ages.js';

/** The counters and the histogram, each following one kind of runtime event. */
export function countRuntimeEvents(registry: Registry, events: RuntimeEvents, ages: StateAges): void {
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

}
