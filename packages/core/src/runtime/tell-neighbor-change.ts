import type { StateMessage } from '@exaplug/protocol';
import type { RepeatVerdict } from './repeat-limiter.js';
import type { RuntimeParts } from './runtime-parts.js';

/**
 * A neighbor's session changed state: an event for logs, metrics and hooks; and, when a
 * peer closed it with an UPDATE Message Error (NOTIFICATION 3,x), it could not read what it
 * was sent, so the last commands that reached it are logged (within the log budget).
 */
export function tellNeighborChange(parts: RuntimeParts, message: StateMessage, allowLog: (kind: string) => RepeatVerdict): void {
  const { peer } = message.neighbor;
  parts.events.emit({ type: 'neighborChanged', peer, state: message.state, ...(message.reason !== undefined && { reason: message.reason }) });
  if (message.state === 'down' && /notification received \(3,/i.test(message.reason ?? '')) {
    const verdict = allowLog('update error');
    const lastCommands = parts.session.recentCommandsFor(peer);
    if (verdict.log) parts.logger.error({ peer, reason: message.reason, lastCommands, suppressed: verdict.suppressed }, 'a peer refused an UPDATE (NOTIFICATION 3,x): the last commands that reached it follow');
  }
}
