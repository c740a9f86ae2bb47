import type { Logger } from '../logger.js';
import type { RuntimeEvents } from './runtime-events.js';

/**
 * The runtime's log, as one subscriber of its events: what an operator reads on stderr.
 * A change of verdict is news (info); the same verdict again is detail (debug).
 */
export function logRuntimeEvents(events: RuntimeEvents, logger: Logger): void {
  const lastStatus = new Map<string, string>();
  events.on('checkCompleted', ({ service, result }) => {
    const fields = { service, status: result.status, reason: result.reason, durationMs: Math.round(result.durationMs ?? 0) };
    const code = (result.details as { code?: unknown } | undefined)?.code;
    const withCode = typeof code === 'string' ? { ...fields, code } : fields;
    if (lastStatus.get(service) !== result.status) logger.info(withCode, 'check result changed');
    else logger.debug(withCode, 'check completed');
    lastStatus.set(service, result.status);
  });
  events.on('healthChanged', ({ service, from, to }) => logger.info({ service, from, to }, 'health changed'));
  events.on('commandWritten', ({ command }) => logger.info({ command }, 'command sent'));
  events.on('commandAnswered', ({ command, answer, latencyMs }) => {
    if (answer === 'done') logger.debug({ command, latencyMs }, 'command acknowledged');
  });
  events.on('commandTimedOut', ({ command }) => logger.warn({ command, code: 'EXAPLUG_ACK_TIMEOUT' }, 'exabgp did not acknowledge a command in time'));
  events.on('neighborChanged', ({ peer, state, reason }) => logger.info({ peer, state, reason }, 'neighbor state'));
  events.on('configReloaded', ({ kept, added, changed, removed }) => logger.info({ kept, added, changed, removed }, 'config reloaded'));
  events.on('staleRoutesWithdrawn', ({ prefixes }) =>
    logger.warn({ routes: prefixes }, 'withdrawing routes a previous exaplug left that no service owns'),
  );
}
