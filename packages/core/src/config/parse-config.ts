import { ConfigError } from './config-error.js';
import { formatIssues } from './format-issues.js';
import { resolveConfig, type ExaplugConfig } from './resolve-config.js';
import { configSchema } from './schema.js';

/** Validates a raw config object (from any loader) and resolves it; throws ConfigError. */
export function parseConfig(raw: unknown, filepath: string | undefined, configDir: string): ExaplugConfig {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError('EXAPLUG_CONFIG_INVALID', filepath, formatIssues(result.error.issues));
  return resolveConfig(result.data, filepath, configDir);
}
