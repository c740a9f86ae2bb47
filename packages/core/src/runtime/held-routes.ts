import { parseAdjRibRow, type AdjRibRow, type AllowedPrefix } from '@exaplug/protocol';
import { planStaleWithdraws } from '../announce/plan-stale-withdraws.js';
import type { Logger } from '../logger.js';
import type { ExabgpSession } from './exabgp-session.js';

/**
 * What ExaBGP holds to send (`show adj-rib out`, or its `extensive` form with MEDs and
 * communities), per neighbor; undefined when the answer cannot be trusted: with acks off
 * nothing delimits it, and a timeout or an error leaves it incomplete.
 */
export async function readHeldRoutes(session: ExabgpSession, extensive = false): Promise<AdjRibRow[] | undefined> {
  const answer = await session.query(extensive ? 'show adj-rib out extensive' : 'show adj-rib out');
  if (answer.answer !== 'done') return undefined;
  return answer.lines.map(parseAdjRibRow).filter((row): row is AdjRibRow => row !== undefined);
}

/**
 * Withdraws what a previous exaplug left in ExaBGP and no service owns any more (an IP
 * removed from the config, a renamed service, every route while the config is invalid),
 * inside the allow-list only. The one reconciliation, for a starting runtime and for idle
 * mode alike. Returns the withdrawn prefixes.
 */
export async function withdrawStaleRoutes(
  session: ExabgpSession,
  options: { allowed: readonly AllowedPrefix[]; owned: ReadonlySet<string>; logger: Logger },
): Promise<string[]> {
  const held = await readHeldRoutes(session);
  if (!held) {
    options.logger.warn({ acks: session.detected.acks }, 'what ExaBGP holds could not be read (acks off, or no answer): stale routes are not withdrawn');
    return [];
  }
  const withdraws = planStaleWithdraws(held, options.owned, options.allowed);
  session.sendRoutes(withdraws);
  return withdraws.map((intent) => intent.prefix);
}
