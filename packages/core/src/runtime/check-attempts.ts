import type { CheckResult } from '../plugins/check-result.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import { runCheckWithTimeout } from '../scheduler/run-check-with-timeout.js';

/**
 * One attempt of a service's check per call, with its timeout, unless the previous attempt
 * ignored its abort signal and is still running: starting another would pile up hung
 * sockets or processes every interval, so that round fails at once instead.
 */
export function checkAttempts(service: PreparedService, clock: Clock): () => Promise<CheckResult> {
  let stillRunning = false;
  const options = { name: service.checkName, timeoutMs: service.config.timeout, clock, onSettled: () => (stillRunning = false) };
  return () => {
    if (stillRunning) return Promise.resolve({ status: 'failed', reason: `${service.checkName}: the previous attempt ignored its abort and has not finished`, durationMs: 0 });
    stillRunning = true;
    return runCheckWithTimeout(service.check, options);
  };
}
