import type { PluginScope } from '../plugins/plugin-scope.js';
import type { CheckActivity } from './check-activity.js';

/**
 * The check to blame for a stall of `lagMs`: the one that ran synchronously longest since
 * the last look, when that explains at least half the stall; otherwise the check that was
 * running, or the one that ran last. Undefined when no check ran at all.
 */
export function blamedCheck(activity: CheckActivity, lagMs: number): (PluginScope & { syncMs?: number }) | undefined {
  const slice = activity.takeLongestSlice();
  if (slice && slice.ms >= lagMs / 2) return { service: slice.service, plugin: slice.plugin, syncMs: Math.round(slice.ms) };
  return activity.inFlight[0] ?? activity.last;
}
