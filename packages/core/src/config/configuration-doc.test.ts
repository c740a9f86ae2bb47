import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import { configSchema } from './schema.js';

const documented = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');

/** Every key of exaplug's own config sections, as dotted paths (plugin `with:` excluded). */
function keysOf(schema: z.ZodType, path: string[] = []): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable') return keysOf(def.innerType as z.ZodType, path);
  if (def.type === 'pipe') return keysOf(def.in as z.ZodType, path);
  if (def.type === 'record') return keysOf(def.valueType as z.ZodType, [...path, '<name>']);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) =>
    key === 'with' ? [[...path, key].join('.')] : [[...path, key].join('.'), ...keysOf(value, [...path, key])],
  );
}

it('documents every key of the config schema in docs/configuration.md', () => {
  const keys = keysOf(configSchema);
  expect(keys).toContain('allowedPrefixes');
  expect(keys).toContain('services.<name>.ips');
  const missing = keys.filter((path) => {
    const key = path.split('.').pop() as string;
    return key !== '<name>' && !new RegExp(`(^|\\s)${key}:|\`${key}\``, 'm').test(documented);
  });
  expect(missing).toEqual([]);
});
