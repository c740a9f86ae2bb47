import type { PreparedService } from '../plugins/prepare-services.js';
import { runInPluginScope } from '../plugins/plugin-scope.js';
import type { Clock } from '../scheduler/clock.js';
import type { CheckActivity, MemorySample } from './check-activity.js';

export interface CheckProbes {
  activity: CheckActivity;
  clock: Clock;
  readMemory: () => MemorySample;
  /** Called after every attempt, with the check that just ran: the moment a leak shows. */
  afterAttempt?: (scope: { service: string; plugin: string }) => void;
}

/**
 * Wraps each service's check so that its code runs in its plugin scope (stray stdout and
 * uncaught throws are traced to it) and its attempts are recorded: synchronous time,
 * memory growth, what is in flight. The check itself is untouched.
 */
export function instrumentChecks(services: PreparedService[], probes: CheckProbes): PreparedService[] {
  return services.map((service) => {
    const scope = { service: service.config.name, plugin: service.checkName };
    const { check } = service;
    return {
      ...service,
      check: {
        run: (input) =>
          runInPluginScope(scope, () => {
            const { activity, clock, readMemory } = probes;
            const before = readMemory();
            const token = activity.started(scope);
            const startedAt = clock.now();
            let running: ReturnType<typeof check.run>;
            try {
              running = check.run(input);
            } catch (error) {
              running = Promise.reject(error instanceof Error ? error : new Error(String(error)));
            } finally {
              activity.ranSynchronously(scope, clock.now() - startedAt);
            }
            const settle = () => {
              const after = readMemory();
              activity.finished(token, { heapUsed: after.heapUsed - before.heapUsed, rss: after.rss - before.rss, external: (after.external ?? 0) - (before.external ?? 0) });
              probes.afterAttempt?.(scope);
            };
            return Promise.resolve(running).finally(settle);
          }),
        ...(check.close && { close: () => runInPluginScope(scope, () => check.close?.()) }),
        ...(check.watch && { watch: (input) => runInPluginScope(scope, () => check.watch?.(input)) }),
      },
    };
  });
}
