/** A plain JSON object, or undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A string field, or undefined. */
export function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number field; numeric strings (ExaBGP's signal code) count too. */
export function numberField(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Copies only the defined values, so results compare cleanly with toEqual. A plain loop:
 * entries → filter → fromEntries cost as much as JSON.parse of the whole update line.
 */
export function definedOnly<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const field = value[key];
    if (field !== undefined) copy[key] = field;
  }
  return copy as T;
}
