import type { z } from 'zod';
import { ConfigError } from '../config/config-error.js';
import { formatIssues } from '../config/format-issues.js';
import { objectSchemasAt } from '../config/object-schemas-at.js';

/**
 * Validates `with` against a plugin's schema; issues name the place in the config file.
 * Unknown keys are refused even when the schema would drop them: see `strippedKeyIssues`.
 */
export function parsePluginOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: Record<string, unknown>,
  path: readonly (string | number)[],
): z.output<Schema> {
  const result = schema.safeParse(options);
  const stripped = strippedKeyIssues(schema, options);
  if (!result.success || stripped.length > 0) {
    const issues = [...stripped, ...(result.success ? [] : result.error.issues)];
    throw new ConfigError('EXAPLUG_PLUGIN_OPTIONS', undefined, formatIssues(issues, path, schema));
  }
  return result.data;
}

/**
 * A plain `z.object` silently drops keys it does not know, so a typo such as
 * `healthyWhn` would leave a service on its defaults with nothing said. When the options
 * are plainly one such object, the core refuses those keys itself. Strict objects report
 * them already; loose ones (`z.looseObject`, `.catchall`) asked for them; unions,
 * preprocessing and the like are left to the schema.
 */
function strippedKeyIssues(schema: z.ZodType, options: Record<string, unknown>): z.core.$ZodIssue[] {
  const [object, ...others] = objectSchemasAt(schema, []);
  if (object === undefined || others.length > 0 || object._zod.def.catchall !== undefined) return [];
  const shape = object._zod.def.shape;
  const keys = Object.keys(options).filter((key) => !Object.hasOwn(shape, key));
  if (keys.length === 0) return [];
  return [{ code: 'unrecognized_keys', keys, path: [], message: `Unrecognized keys: ${keys.join(', ')}`, input: options }];
}
