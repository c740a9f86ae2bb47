import { parseDuration, z } from '@exaplug/core/plugin';

function isDuration(value: string | number): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/** A duration kept as written (`'2s'`), so reasons can quote it back to the operator. */
export const durationSchema = z
  .union([z.string(), z.number()])
  .refine(isDuration, { error: 'expected a duration like 2s or 500ms' });
