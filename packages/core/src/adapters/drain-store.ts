import { access, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../logger.js';
import type { DrainStore } from '../runtime/drain-control.js';
import { drainedSince, drainFileOf, setDrained } from './drain-files.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The drains of one exaplug, kept in its state dir. With `legacyDir` (the state dir is the
 * per-process default), a drain file left in the host-wide state dir of exaplug before
 * 0.2 (`/var/lib/exaplug/drain-SERVICE`) still drains the service, as it did then, until
 * `undrain` removes it: an upgrade never silently puts a drained service back in service.
 */
export function createDrainStore(stateDir: string, options: { legacyDir?: string; logger: Logger }): DrainStore {
  const { legacyDir, logger } = options;
  const legacyFileOf = (file: string) => (legacyDir === undefined ? undefined : join(legacyDir, basename(file)));
  // exaplug 0.2 never writes a legacy file: each is asked once, and forgotten when undrained.
  const legacyPresent = new Map<string, boolean>();
  const legacyExists = async (file: string) => {
    const legacy = legacyFileOf(file);
    if (legacy === undefined) return false;
    let present = legacyPresent.get(legacy);
    if (present === undefined) legacyPresent.set(legacy, (present = await exists(legacy)));
    return present;
  };
  return {
    fileOf: (service) => drainFileOf(stateDir, service),
    async exists(file) {
      return (await exists(file)) || (await legacyExists(file));
    },
    async persist(service, drained) {
      await setDrained(stateDir, service, drained);
      const legacy = legacyFileOf(drainFileOf(stateDir, service));
      if (!drained && legacy !== undefined) {
        await rm(legacy, { force: true });
        legacyPresent.set(legacy, false);
      }
    },
    async since(service) {
      const own = await drainedSince(stateDir, service);
      if (own !== undefined || legacyDir === undefined) return own;
      const legacy = await drainedSince(legacyDir, service);
      if (legacy !== undefined) {
        const file = drainFileOf(legacyDir, service);
        logger.warn({ service, file }, 'drain kept in the host-wide state dir of exaplug before 0.2: it counts until `exaplug undrain`');
      }
      return legacy;
    },
  };
}
