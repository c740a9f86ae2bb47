import type { Clock } from '../scheduler/clock.js';
import { createFilePresence, type FilePresence } from './file-presence.js';

/** A drain file made by hand (not through `exaplug drain`) is noticed within this long. */
const drainFileMaxAgeMs = 10_000;

/** Since when (wall time, ISO 8601) and by which verb a service is drained. */
export interface DrainFacts {
  by: 'drain' | 'drain --stop' | 'drain (kept across a restart)';
  since: string;
}

/** Where drains are kept, from the process shell; absent in tests that keep none. */
export interface DrainStore {
  /** The file whose presence drains a service. */
  fileOf: (service: string) => string;
  /** Writes or removes a service's drain file. */
  persist: (service: string, drained: boolean) => Promise<void>;
  /** Whether a file exists. */
  exists: (path: string) => Promise<boolean>;
  /** When a kept drain was made (the drain file says), if the service has one. */
  since: (service: string) => Promise<string | undefined>;
}

/**
 * Whether each service is drained, and by which kind of drain. A maintenance drain
 * (`exaplug drain web`) is kept in the service's drain file, so it survives a restart. A
 * drain for a planned stop (`exaplug drain --all --wait --stop`, the systemd recipe's
 * ExecStop) lives only in this process: a restarted node serves again instead of silently
 * serving nothing until someone remembers `undrain`.
 */
export class DrainControl {
  private readonly store: DrainStore | undefined;
  private readonly files: FilePresence | undefined;
  private readonly untilStop = new Set<string>();
  /** Since when, and by which verb, each service is drained (drains made or found by this process). */
  private readonly made = new Map<string, DrainFacts>();

  constructor(store: DrainStore | undefined, clock: Clock) {
    this.store = store;
    this.files = store && createFilePresence(store.exists, clock, drainFileMaxAgeMs);
  }

  /** The drain file of a service, when drains are kept. */
  fileOf(service: string): string | undefined {
    return this.store?.fileOf(service);
  }

  /** What the runners ask each round: drained for a stop, or by a file (a boolean while the file's presence is fresh). */
  isDrained(file: string): boolean | Promise<boolean> {
    if (this.untilStop.has(file)) return true;
    return this.files?.has(file) ?? false;
  }

  /** Drains (`keep`: a maintenance drain, in the drain file; else until this process stops) or undrains a service. */
  async set(service: string, drained: boolean, keep: boolean): Promise<void> {
    const file = this.store?.fileOf(service);
    if (!this.store || file === undefined) return;
    if (drained) this.made.set(service, { by: keep ? 'drain' : 'drain --stop', since: new Date().toISOString() });
    else this.made.delete(service);
    if (drained && !keep) {
      this.untilStop.add(file);
      return;
    }
    this.untilStop.delete(file);
    await this.store.persist(service, drained);
    this.files?.set(file, drained);
  }

  /** The services that start drained (kept drains), with since when. */
  async keptDrains(services: readonly string[]): Promise<Array<{ service: string; since: string }>> {
    const store = this.store;
    if (!store) return [];
    const found = await Promise.all(services.map(async (service) => ({ service, since: await store.since(service) })));
    const kept = found.filter((entry): entry is { service: string; since: string } => entry.since !== undefined);
    for (const { service, since } of kept) if (!this.made.has(service)) this.made.set(service, { by: 'drain (kept across a restart)', since });
    return kept;
  }

  /** Since when and by which verb a service is drained, when this process knows. */
  factsOf(service: string): DrainFacts | undefined {
    return this.made.get(service);
  }

}
