import { ExaplugError } from './errors.js';

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Parses `200ms`, `5s`, `1.5s`, `2m`, `1h` or a bare number of milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new ExaplugError('EXAPLUG_DURATION_INVALID', `expected a duration, got ${value}`);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) {
    throw new ExaplugError('EXAPLUG_DURATION_INVALID', `expected a duration like 5s or 200ms, got "${value}"`);
  }
  const unit = (match[2] ?? 'ms') as keyof typeof unitMs;
  return Math.round(Number(match[1]) * unitMs[unit]);
}

/** Formats milliseconds for people: 1500 → "1.5s", 200 → "200ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(2))}s`;
}
