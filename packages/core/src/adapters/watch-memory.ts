import { getHeapStatistics } from 'node:v8';
import type { MemorySample } from '../process/check-activity.js';
import { exceededLimit, resolveMemoryLimits, type MemoryLimits } from '../process/memory-limits.js';

/** How often memory is sampled between checks (each attempt also samples when it settles). */
const sampleEveryMs = 200;

/**
 * Reading the RSS is a read of /proc/self/stat (about 10 µs); the heap figure is a V8 call
 * (under 1 µs). Three reads per attempt at 1000 checks a second cost 3 % of a core, so the
 * RSS is reused for this long; heap growth per check stays exact.
 */
const rssMaxAgeMs = 20;
let lastRss = { atMs: -Infinity, rss: 0 };

/** The process's memory now: the live JS heap and the resident set (Buffers count there), the latter up to 20 ms old. */
export function readProcessMemory(): MemorySample {
  const now = performance.now();
  if (now - lastRss.atMs >= rssMaxAgeMs) lastRss = { atMs: now, rss: process.memoryUsage.rss() };
  const heap = getHeapStatistics();
  return { heapUsed: heap.used_heap_size, rss: lastRss.rss, external: heap.external_memory };
}

export interface MemoryWatch {
  /** Samples now (after an attempt), so a leak is caught the moment it happens. */
  sample(): void;
  setLimits(configured: { heap?: number | undefined; rss: number }): void;
  readonly limits: MemoryLimits;
  stop(): void;
}

/**
 * Samples memory and calls `onExceeded` once, the first time a limit is passed, so the
 * shell can withdraw and exit cleanly instead of V8 aborting with the routes still up.
 */
export function watchMemory(onExceeded: (limit: 'heap' | 'rss', sample: MemorySample, limits: MemoryLimits) => void): MemoryWatch {
  const v8Limit = getHeapStatistics().heap_size_limit;
  let limits = resolveMemoryLimits({ rss: 1024 ** 3 }, v8Limit);
  let tripped = false;
  const sample = () => {
    if (tripped) return;
    const now = readProcessMemory();
    const limit = exceededLimit(now, limits);
    if (!limit) return;
    tripped = true;
    onExceeded(limit, now, limits);
  };
  const timer = setInterval(sample, sampleEveryMs);
  timer.unref();
  return {
    sample,
    setLimits: (configured) => (limits = resolveMemoryLimits(configured, v8Limit)),
    get limits() {
      return limits;
    },
    stop: () => clearInterval(timer),
  };
}
