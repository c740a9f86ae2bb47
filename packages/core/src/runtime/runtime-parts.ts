import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import { createRunner } from './create-runner.js';
import { DrainControl } from './drain-control.js';
import { ExabgpSession } from './exabgp-session.js';
import type { NeighborTable, NeighborTablePolicy } from './neighbor-table.js';
import { RouteDesk } from './route-desk.js';
import { RouteReadback } from './route-readback.js';
import { RuntimeEvents } from './runtime-events.js';
import type { RuntimeOptions } from './runtime-options.js';
import { ServiceAddresses } from './service-addresses.js';
import { ServiceSet } from './service-set.js';
import { logRuntimeEvents } from './log-runtime-events.js';

/**
 * What a `Runtime` is made of, each with one job, and the little state they share. The
 * runtime dispatches to them; starting, reloading and stopping are functions over them.
 */
export interface RuntimeParts {
  clock: Clock;
  logger: Logger;
  /** The conversation with ExaBGP: probe, queries, route commands and their acks. */
  session: ExabgpSession;
  /** What ExaBGP holds for each service: only what was written, and forgotten again when ExaBGP refuses it. */
  desk: RouteDesk;
  readback: RouteReadback;
  /** The services in force and their runners: replaced by a live reload. */
  services: ServiceSet;
  drains: DrainControl;
  addresses: ServiceAddresses;
  /** What happens inside, as typed events: logging, metrics, hooks and the control socket listen. */
  events: RuntimeEvents;
  neighbors: NeighborTable;
  tablePolicy: NeighborTablePolicy;
  /** The config in force: replaced by a live reload. */
  config: ExaplugConfig;
  /** The checks run (set once ExaBGP told what it knows and stale routes are gone). */
  started: boolean;
  /** A stop began: nothing is announced any more. */
  stopping: boolean;
}

/** Builds the parts of a runtime and wires their callbacks to each other. */
export function createRuntimeParts(options: RuntimeOptions): RuntimeParts {
  const { config, clock, logger, sink } = options;
  const events = options.events ?? new RuntimeEvents((error, event) => logger.error({ err: error, event: event.type }, 'an event listener failed'));
  logRuntimeEvents(events, logger, clock);
  const session = new ExabgpSession({
    sink,
    clock,
    logger: logger.child({ component: 'exabgp' }),
    acks: config.exabgp.acks,
    dialect: config.exabgp.dialect,
    ackTimeoutMs: config.exabgp.ackTimeout,
    groupRoutes: config.exabgp.groupRoutes,
    probeWindowMs: options.probeWindowMs,
    allowed: config.allowedPrefixes,
    events,
    onRoutesFailed: (intents, reason, service) => desk.forget(intents, reason, service),
  });
  const desk: RouteDesk = new RouteDesk({
    session,
    clock,
    logger,
    onForgotten: (service) => parts.services.runnerOf(service).forgetAnnouncement(),
    onWritten: () => readback.routesWritten(),
  });
  const readback: RouteReadback = new RouteReadback({
    session,
    desk,
    clock,
    logger,
    events,
    owns: (prefix) => parts.services.owns(prefix),
    intervalMs: config.exabgp.readBack.interval,
    delayMs: config.exabgp.readBack.delay,
  });
  const shared = {
    clock,
    logger,
    session,
    desk,
    readback,
    drains: new DrainControl(options.drains, clock),
    addresses: new ServiceAddresses(options.addresses, logger),
    events,
    neighbors: options.neighbors ?? new Map(),
    tablePolicy: { keepPrefixes: new Set(options.services.flatMap((service) => service.receivedRoutes)) },
    config,
    started: false,
    stopping: false,
  };
  // The runners are made with the shared state, which becomes the parts (the same object).
  const parts: RuntimeParts = Object.assign(shared, { services: new ServiceSet(options.services, (service, inherit) => createRunner(shared, options, service, inherit)) });
  return parts;
}
