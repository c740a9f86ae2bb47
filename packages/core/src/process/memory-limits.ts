import type { MemorySample } from './check-activity.js';

/** The limits in force, in bytes. */
export interface MemoryLimits {
  heap: number;
  rss: number;
}

/** Share of V8's heap limit used as the default `limits.heap`: V8 aborts near 80% of it (old space full). */
export const defaultHeapShare = 0.7;

/** The limits from the config, with `heap` defaulting to a share of V8's own limit. */
export function resolveMemoryLimits(configured: { heap?: number | undefined; rss: number }, v8HeapLimit: number): MemoryLimits {
  return { heap: configured.heap ?? Math.floor(v8HeapLimit * defaultHeapShare), rss: configured.rss };
}

/** Which limit a sample passes, if any (heap first: it is the one V8 aborts on). */
export function exceededLimit(sample: MemorySample, limits: MemoryLimits): 'heap' | 'rss' | undefined {
  if (sample.heapUsed > limits.heap) return 'heap';
  if (sample.rss > limits.rss) return 'rss';
  return undefined;
}

/**
 * ExaBGP gives up (and drops every session) after more than 5 respawns of a process in
 * 64 s. A process that lives at least this long before a deliberate exit can die at most
 * 4 times per 64 s, so a check that leaks fast never crash-loops ExaBGP.
 */
export const minUptimeBeforeExitMs = 16_000;
