import { parseDuration, z } from '@exaplug/core/plugin';

function isDuration(value: string | number): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/** A duration as written in the config (`'2s'`, `'200ms'`, or milliseconds); parse with parseDuration. */
export const durationOption = z
  .union([z.string(), z.number()])
  .refine(isDuration, { message: 'expected a duration like 2s or 200ms' });
