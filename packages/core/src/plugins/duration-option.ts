import { z } from 'zod';
import { parseDuration } from '../duration.js';

function isDuration(value: string | number): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A duration option for plugin schemas, kept as written (`'2s'`) so reasons can quote it
 * back to the operator; turn it into milliseconds with `parseDuration`.
 */
export const durationOption = z.union([z.string(), z.number()]).refine(isDuration, { error: 'expected a duration like 2s or 200ms' });

/** A duration option as the operator wrote it; a bare number is milliseconds. */
export function describeDuration(value: string | number): string {
  return typeof value === 'number' ? `${value}ms` : value.trim();
}
