import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import { createRepeatLimiter } from './repeat-limiter.js';
import type { RuntimeEvents } from './runtime-events.js';

/**
 * The runtime's log, as one subscriber of its events: what an operator reads on stderr.
 * A change of verdict is news (info); the same verdict again is detail (debug).
 */
export function logRuntimeEvents(events: RuntimeEvents, logger: Logger, clock: Clock): void {
  // A flapping session is worth a hundred lines a minute, not one per flap.
  const allowStateLog = createRepeatLimiter(clock, { burst: 100, windowMs: 60_000 });
  const lastStatus = new Map<string, string>();
  // The same result again is a debug line: below debug, nothing is made for it (a thousand
  // checks a second made two objects each for pino to drop).
  const isDebug = () => (logger as Partial<{ isLevelEnabled(level: string): boolean }>).isLevelEnabled?.('debug') ?? true;
  events.on('checkCompleted', ({ service, result }) => {
    const changed = lastStatus.get(service) !== result.status;
    if (!changed && !isDebug()) return;
    if (changed) lastStatus.set(service, result.status);
    const fields = { service, status: result.status, reason: result.reason, durationMs: Math.round(result.durationMs ?? 0) };
    const code = (result.details as { code?: unknown } | undefined)?.code;
    const withCode = typeof code === 'string' ? { ...fields, code } : fields;
    if (changed) logger.info(withCode, 'check result changed');
    else logger.debug(withCode, 'check completed');
  });
  events.on('healthChanged', ({ service, from, to }) => logger.info({ service, from, to }, 'health changed'));
  // Queries (start-up, read-back every 30 s) are detail; route commands are what changed.
  events.on('commandWritten', ({ command, kind }) => (kind === 'routes' ? logger.info({ command }, 'command sent') : logger.debug({ command }, 'query sent')));
  events.on('commandAnswered', ({ command, answer, latencyMs }) => {
    if (answer === 'done') logger.debug({ command, latencyMs }, 'command acknowledged');
  });
  events.on('commandTimedOut', ({ command }) => logger.warn({ command, code: 'EXAPLUG_ACK_TIMEOUT' }, 'exabgp did not acknowledge a command in time'));
  events.on('neighborChanged', ({ peer, state, reason }) => {
    const verdict = allowStateLog('neighbor state');
    if (verdict.log) logger.info({ peer, state, reason, ...(verdict.suppressed > 0 && { suppressed: verdict.suppressed }) }, 'neighbor state');
  });
  events.on('drainChanged', ({ service, drained }) => logger.info({ service, drained }, drained === false ? 'undrained' : `drain: routes ${drained}`));
  events.on('configReloaded', ({ kept, added, changed, removed }) => logger.info({ kept, added, changed, removed }, 'config reloaded'));
  events.on('staleRoutesWithdrawn', ({ prefixes }) =>
    logger.warn({ routes: prefixes }, 'withdrawing routes a previous exaplug left that no service owns'),
  );
}
