import type { SafetySettings } from '../config/read-safety-settings.js';
import type { IdleRoutesReport } from './idle-mode.js';

/**
 * What the default idle mode (runtime/invalid-config-guard.ts) does with the routes a
 * previous exaplug left, told for `exaplug status` from the same settings it acts on:
 * without a readable allow-list nothing, `keep` nothing, `withdraw` once
 * `onInvalidConfig.after` has passed since exaplug went idle.
 */
export function describeIdleRoutes(safety: SafetySettings | undefined, idleForMs: number): IdleRoutesReport {
  if (!safety?.allowedPrefixes) {
    return { action: 'none', why: 'no readable allowedPrefixes: exaplug cannot tell its routes from others, so the routes a previous exaplug left stay as they are' };
  }
  const { action, after } = safety.onInvalidConfig;
  if (action === 'keep') return { action: 'keep' };
  return { action: 'withdraw', afterSeconds: Math.round(after / 1000), inSeconds: Math.max(0, Math.ceil((after - idleForMs) / 1000)) };
}
