import type { z } from 'zod';
import { ConfigError } from '../config/config-error.js';
import { formatIssues } from '../config/format-issues.js';

/** Validates `with` against a plugin's schema; issues name the place in the config file. */
export function parsePluginOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: Record<string, unknown>,
  path: readonly (string | number)[],
): z.output<Schema> {
  const result = schema.safeParse(options);
  if (!result.success) throw new ConfigError('EXAPLUG_PLUGIN_OPTIONS', undefined, formatIssues(result.error.issues, path));
  return result.data;
}
