import { z } from 'zod';
import { formatDuration, parseDuration } from '../duration.js';

/**
 * A duration (`5s`, `200ms`, or a number of milliseconds), read once into milliseconds: the
 * one duration schema of the config's own keys and of every plugin's options. A bad one is
 * refused at its own path. A default in the written form goes through `.prefault('2s')`
 * (zod's `.default()` takes the output, milliseconds: `.default(2000)`).
 */
export const durationOption = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** A duration for a reason: `2s`, `200ms` (milliseconds formatted; a string as the operator wrote it). */
export function describeDuration(value: string | number): string {
  return typeof value === 'number' ? formatDuration(value) : value.trim();
}
