import { parseDuration, z } from '@exaplug/core/plugin';

function isDuration(value: string | number): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/** A duration option kept as written (`'2s'`), so reasons can quote it back to the operator. */
export function durationOption(fallback: string) {
  return z
    .union([z.string(), z.number()])
    .refine(isDuration, { error: 'expected a duration like 2s or 500ms' })
    .default(fallback);
}

/** A duration option as an operator wrote it; a bare number is milliseconds. */
export function describeDuration(value: string | number): string {
  return typeof value === 'number' ? `${value}ms` : value.trim();
}
