import type { z } from 'zod';

/**
 * The object schemas that would check the value at `path` inside `schema`, seen through
 * wrappers (optional, default, readonly…), the input side of pipes (`.transform`), arrays,
 * records and both sides of unions and intersections. Empty when it cannot tell (a
 * preprocess, a lazy or custom type, a schema not made by zod 4): callers then leave the
 * question to the schema itself.
 */
export function objectSchemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodObject[] {
  // Read through `_zod.def`, zod 4's documented internals, so that plugin schemas built
  // with another copy of zod 4 are understood too; anything else has no `_zod`.
  const def = (schema as Partial<z.core.$ZodTypes>)._zod?.def;
  if (def === undefined) return [];
  const [head, ...rest] = path;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return objectSchemasAt(def.innerType, path);
    case 'pipe':
      return objectSchemasAt(def.in, path);
    case 'union':
      return def.options.flatMap((option) => objectSchemasAt(option, path));
    case 'intersection':
      return [...objectSchemasAt(def.left, path), ...objectSchemasAt(def.right, path)];
    case 'object': {
      if (head === undefined) return [schema as z.core.$ZodObject];
      const field = typeof head === 'string' && Object.hasOwn(def.shape, head) ? def.shape[head] : def.catchall;
      return field === undefined ? [] : objectSchemasAt(field, rest);
    }
    case 'array':
      return head === undefined ? [] : objectSchemasAt(def.element, rest);
    case 'record':
      return head === undefined ? [] : objectSchemasAt(def.valueType, rest);
    default:
      return [];
  }
}
