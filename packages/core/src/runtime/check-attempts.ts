import type { CheckResult } from '../plugins/check-result.js';
import type { PreparedService } from '../plugins/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import { runCheckWithTimeout } from '../scheduler/run-check-with-timeout.js';

/**
 * One attempt of a service's check per call, with its timeout, unless the previous attempt
 * ignored its abort signal and is still running: starting another would pile up hung
 * sockets or processes every interval, so that round fails at once instead.
 */
export function checkAttempts(service: PreparedService, clock: Clock): () => Promise<CheckResult> {
  let stillRunning = false;
  const tracked = {
    run: (input: Parameters<typeof service.check.run>[0]) => {
      stillRunning = true;
      const running = Promise.resolve().then(() => service.check.run(input));
      const settled = () => (stillRunning = false);
      void running.then(settled, settled);
      return running;
    },
  };
  return async () => {
    if (stillRunning) return { status: 'failed', reason: `${service.checkName}: the previous attempt ignored its abort and has not finished`, durationMs: 0 };
    return runCheckWithTimeout(tracked, { name: service.checkName, timeoutMs: service.config.timeout, clock });
  };
}
