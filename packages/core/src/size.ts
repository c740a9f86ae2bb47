import { ExaplugError } from './errors.js';

// Binary units, as `free` and `ps` count: 1MB = 1 MiB = 1,048,576 bytes.
const unitBytes = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 } as const;

/** Parses `512MB`, `1.5GB`, `800MiB` (binary units) or a bare number of bytes. */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return Math.round(value);
    throw new ExaplugError('EXAPLUG_SIZE_INVALID', `expected a size, got ${value}`);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(value);
  if (!match || Number(match[1]) === 0) {
    throw new ExaplugError('EXAPLUG_SIZE_INVALID', `expected a size like 512MB or 1GB, got "${value}"`);
  }
  const unit = (match[2] ?? 'b').toLowerCase() as keyof typeof unitBytes;
  return Math.round(Number(match[1]) * unitBytes[unit]);
}

/** Formats bytes for people: 1572864 → "1.5MB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Number((bytes / 1024 ** 3).toFixed(2))}GB`;
  if (bytes >= 1024 ** 2) return `${Number((bytes / 1024 ** 2).toFixed(1))}MB`;
  return `${Math.round(bytes / 1024)}KB`;
}
