import type { Runtime } from '../runtime/runtime.js';
import type { ExabgpProcessOptions } from './exabgp-process-options.js';
import { settlesWithin } from './settles-within.js';
import type { StopPolicy } from './stop-policy.js';

/**
 * What a stop does before exit: leave idle, withdraw (or not, per the policy), close the
 * checks and reap their processes, all within `hardStopMs` (ExaBGP 4.2 waits for its
 * processes forever); then, for a policy with a minimum uptime, wait it out.
 */
export async function windDown(
  options: ExabgpProcessOptions,
  policy: StopPolicy,
  shell: { leaveIdle(): Promise<void>; runtime: Runtime | undefined; startedAtMs: number; isStopping(): boolean },
): Promise<void> {
  const { logger, clock, sink } = options;
  const closing = (async () => {
    await shell.leaveIdle();
    await shell.runtime?.stop({ withdraw: policy.withdraw && !sink.closed, maxWaitMs: policy.maxAckWaitMs });
    await options.reapChildren?.();
  })();
  if (!(await settlesWithin(clock, closing, options.hardStopMs ?? 5000))) {
    logger.warn({ reason: policy.description }, 'stop took too long; exiting');
  }
  const waitMs = policy.minUptimeMs - (clock.now() - shell.startedAtMs);
  if (waitMs > 0 && shell.isStopping()) {
    logger.warn({ waitMs: Math.round(waitMs) }, 'waiting before exiting: ExaBGP gives up after 5 respawns in 64 s');
    await new Promise<void>((resolve) => clock.setTimer(waitMs, resolve));
  }
}
