import type { PluginScope } from '../plugins/plugin-scope.js';

/** Memory as the watchdog reads it, in bytes. */
export interface MemorySample {
  heapUsed: number;
  rss: number;
  /**
   * V8's external memory (Buffers, ArrayBuffers): exact like the heap, where the RSS is
   * reused for 20 ms and so says nothing about one fast attempt. Absent in older callers.
   */
  external?: number;
}

/** A check that blocked the event loop, and for how long. */
export interface BlockingSlice extends PluginScope {
  ms: number;
}

/**
 * Which checks are running, which ran last, which held the event loop longest and which
 * grew memory most: the facts the watchdog needs to name a culprit. No I/O; the caller
 * measures and reports.
 */
export class CheckActivity {
  private readonly running = new Map<number, PluginScope>();
  private nextId = 0;
  private lastFinished: PluginScope | undefined;
  private longest: BlockingSlice | undefined;
  private readonly growth = new Map<string, PluginScope & MemorySample>();

  /** A check started; returns a token for `finished`. */
  started(scope: PluginScope): number {
    this.nextId += 1;
    this.running.set(this.nextId, scope);
    return this.nextId;
  }

  /** A check settled; `grew` is what memory did meanwhile (noisy when checks overlap). */
  finished(token: number, grew: MemorySample): void {
    const scope = this.running.get(token);
    this.running.delete(token);
    if (!scope) return;
    this.lastFinished = scope;
    const key = `${scope.service}\0${scope.plugin}`;
    const total = this.growth.get(key) ?? { ...scope, heapUsed: 0, rss: 0, external: 0 };
    total.heapUsed += grew.heapUsed;
    total.rss += grew.rss;
    total.external = (total.external ?? 0) + (grew.external ?? 0);
    this.growth.set(key, total);
  }

  /** A stretch of synchronous plugin code (the body of `run` up to its first await). */
  ranSynchronously(scope: PluginScope, ms: number): void {
    if (!this.longest || ms > this.longest.ms) this.longest = { ...scope, ms };
  }

  /** The longest synchronous stretch since the last call, then forgets it. */
  takeLongestSlice(): BlockingSlice | undefined {
    const longest = this.longest;
    this.longest = undefined;
    return longest;
  }

  /** Checks running now, oldest first. */
  get inFlight(): PluginScope[] {
    return [...this.running.values()];
  }

  get last(): PluginScope | undefined {
    return this.lastFinished;
  }

  /**
   * The check to blame for passing a memory limit: the one whose calls added the most of
   * `kind`, if that is at least `evidenceBytes`. Being in flight, or the last to finish, is
   * no evidence: a flooded control socket once got an unrelated service blamed.
   */
  culprit(kind: 'heapUsed' | 'rss', evidenceBytes: number): PluginScope | undefined {
    let top: (PluginScope & { grown: number }) | undefined;
    for (const entry of this.growth.values()) {
      // What a check adds to the RSS shows exactly as heap plus external memory.
      const grown = kind === 'heapUsed' ? entry.heapUsed : Math.max(entry.rss, entry.heapUsed + (entry.external ?? 0));
      if (grown > (top?.grown ?? 0)) top = { service: entry.service, plugin: entry.plugin, grown };
    }
    return top && top.grown >= evidenceBytes ? { service: top.service, plugin: top.plugin } : undefined;
  }

  /** The check whose calls added the most of `kind` overall, if any grew it. */
  topGrower(kind: 'heapUsed' | 'rss'): PluginScope | undefined {
    let top: (PluginScope & MemorySample) | undefined;
    for (const entry of this.growth.values()) if (entry[kind] > 0 && (!top || entry[kind] > top[kind])) top = entry;
    return top && { service: top.service, plugin: top.plugin };
  }
}
