import { withdrawStaleRoutes } from './held-routes.js';
import { learnWhatExabgpKnows } from './learn-exabgp.js';
import type { RuntimeParts } from './runtime-parts.js';

/**
 * Starts the probe, then the checks once ExaBGP has told what it knows, the service
 * addresses are up and stale routes are withdrawn. A stop meanwhile starts nothing.
 */
export function startRuntime(parts: RuntimeParts): void {
  parts.session.start();
  const learned = learnWhatExabgpKnows(parts.session, parts.neighbors, parts.tablePolicy, parts.clock);
  const ips = parts.services.all.flatMap((service) => service.config.ips);
  void Promise.all([learned, parts.addresses.setUp(ips)]).then(async ([, addressesReady]) => {
    if (parts.stopping || !addressesReady) return;
    await withdrawStale(parts);
    if (parts.stopping) return;
    parts.started = true;
    void tellKeptDrains(parts);
    parts.services.start();
    parts.readback.start();
  });
}

/** A node that starts drained serves nothing until someone undrains it: that must be loud. */
async function tellKeptDrains(parts: RuntimeParts): Promise<void> {
  const kept = await parts.drains.keptDrains(parts.services.names);
  if (kept.length === 0) return;
  const since = kept.map(({ service, since }) => `${service} since ${since}`).join(', ');
  parts.logger.warn({ services: kept.map((entry) => entry.service) }, `starting drained: ${kept.length} services (${since}); \`exaplug undrain\` to serve again`);
}

/** What a previous exaplug left in ExaBGP and no service owns any more goes, inside the allow-list only. */
async function withdrawStale(parts: RuntimeParts): Promise<void> {
  const allowed = parts.config.allowedPrefixes;
  if (!allowed) return;
  const owned = new Set(parts.services.all.flatMap((service) => service.config.ips));
  const prefixes = await withdrawStaleRoutes(parts.session, { allowed, owned, logger: parts.logger });
  if (prefixes.length > 0) parts.events.emit({ type: 'staleRoutesWithdrawn', prefixes });
}
