import type { PreparedService } from '../loading/prepare-services.js';
import { runInPluginScope } from '../plugins/plugin-scope.js';
import type { Clock } from '../scheduler/clock.js';
import type { CheckActivity, MemorySample } from './check-activity.js';

export interface CheckProbes {
  activity: CheckActivity;
  clock: Clock;
  readMemory: () => MemorySample;
  /**
   * Called after every attempt, with the check that just ran and the memory just read for
   * it (a watcher can use that reading instead of making a third): the moment a leak shows.
   */
  afterAttempt?: (scope: { service: string; plugin: string }, after: MemorySample) => void;
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
              probes.afterAttempt?.(scope, after);
            };
            // A side branch, not `.finally()` (three promises an attempt): the caller gets the plugin's own promise.
            const settling = Promise.resolve(running);
            void settling.then(settle, settle);
            return settling;
          }),
        ...(check.close && { close: () => runInPluginScope(scope, () => check.close?.()) }),
        ...(check.watch && { watch: (input) => runInPluginScope(scope, () => check.watch?.(input)) }),
      },
    };
  });
}
