import type { ExaplugConfig } from '../config/resolve-config.js';
import { closeServices, type PreparedService } from '../loading/prepare-services.js';
import type { MakeRunner } from './service-set.js';
import { fingerprintOfGlobals, planReload, type ReloadSummary } from './plan-reload.js';
import type { RuntimeParts } from './runtime-parts.js';

/**
 * Applies a new, already validated config without a restart (see `planReload`): kept
 * services are not touched; changed and added ones get new runners, with the old verdict
 * when the check is the same; prefixes that move between services keep their routes until
 * the new owner decides; only prefixes no service owns any more are withdrawn. The newly
 * prepared duplicates of kept services are closed.
 */
export async function reloadRuntime(parts: RuntimeParts, config: ExaplugConfig, prepared: PreparedService[], makeRunner: MakeRunner): Promise<ReloadSummary> {
  const { desk, services, addresses, session } = parts;
  const plan = planReload(
    services.all.map((service) => service.config),
    prepared.map((service) => service.config),
    fingerprintOfGlobals(config) !== fingerprintOfGlobals(parts.config),
  );
  parts.config = config;
  for (const move of plan.moves) desk.transfer(move.prefixes, move.from, move.to);
  const replaced = services.replace(plan, prepared, makeRunner);
  for (const service of prepared) if (plan.changed.includes(service.config.name)) desk.withdrawOutside(service.config.name, new Set(service.config.ips));
  for (const name of plan.removed) desk.withdrawOutside(name, new Set(), true);
  if (plan.added.length > 0) await addresses.add([...replaced.owned]);
  if (parts.started && !parts.stopping) services.start(replaced.starting);
  void addresses.release(replaced.released, () => session.drained(5000));
  await closeServices(replaced.closing);
  const summary = { kept: plan.kept, added: plan.added, changed: plan.changed, removed: plan.removed };
  parts.events.emit({ type: 'configReloaded', ...summary });
  return summary;
}
