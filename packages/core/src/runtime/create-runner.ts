import { initialHealthState } from '../health/health-state.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { RuntimeOptions } from './runtime-options.js';
import type { RuntimeParts } from './runtime-parts.js';
import { ServiceRunner, type RunnerVerdict } from './service-runner.js';

/** A runner that has decided nothing yet. */
const emptyVerdict: RunnerVerdict = { state: initialHealthState, announced: undefined, announcedAtMs: undefined, target: undefined, lastResult: undefined };

/**
 * A runner for a service, with its predecessor's verdict when a reload kept the check;
 * otherwise, if its prefixes were written recently (a service removed and added back),
 * that moment, so `minDwell` holds across reloads too.
 */
export function createRunner(parts: Pick<RuntimeParts, 'config' | 'desk' | 'drains' | 'events' | 'stopping'>, options: RuntimeOptions, service: PreparedService, inherit?: RunnerVerdict): ServiceRunner {
  const { config, desk, drains } = parts;
  const lastWrittenAtMs = desk.lastWrittenAtMs(service.config.ips);
  const verdict = inherit ?? (lastWrittenAtMs === undefined ? undefined : { ...emptyVerdict, announcedAtMs: lastWrittenAtMs });
  return new ServiceRunner({
    inherit: verdict,
    service,
    clock: options.clock,
    logger: options.logger,
    random: options.random ?? Math.random,
    announce: (name, intents) => !parts.stopping && desk.announce(name, intents),
    events: parts.events,
    ...(options.drains && {
      drain: {
        file: options.drains.fileOf(service.config.name),
        gracefulShutdown: config.drain.gracefulShutdown,
        withdrawAfterMs: config.drain.withdrawAfter,
      },
    }),
    allowed: config.allowedPrefixes,
    ...(options.isDisabled && { isDisabled: options.isDisabled }),
    isDrained: (path) => drains.isDrained(path),
  });
}
