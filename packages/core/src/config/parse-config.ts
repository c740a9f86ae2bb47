import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { formatIssues } from './format-issues.js';
import { readSafetySettings } from './read-safety-settings.js';
import { resolveConfig, type ExaplugConfig } from './resolve-config.js';
import { configSchema } from './schema.js';

/** Validates a raw config object (from any loader) and resolves it; throws ConfigError. */
export function parseConfig(raw: unknown, filepath: string | undefined, configDir: string): ExaplugConfig {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return resolveConfig(result.data, filepath, configDir);
  const salvaged = salvage(raw, result.error.issues, filepath, configDir);
  throw new ConfigError('EXAPLUG_CONFIG_INVALID', filepath, formatIssues(result.error.issues, [], configSchema), {
    ...(salvaged && { salvaged }),
    safety: readSafetySettings(raw),
  });
}

/**
 * The config without the services and sections that have problems, when what is left is
 * valid: lets `validate` also check the plugins of the good services, so one run shows
 * every problem. Never used to run anything.
 */
function salvage(raw: unknown, issues: readonly z.core.$ZodIssue[], filepath: string | undefined, configDir: string) {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const services = typeof copy.services === 'object' && copy.services !== null ? { ...(copy.services as Record<string, unknown>) } : undefined;
  for (const issue of issues) {
    const [section, name] = issue.path;
    if (section === 'services' && services && typeof name === 'string') delete services[name];
    else if (typeof section === 'string' && section !== 'services') delete copy[section];
  }
  if (!services || Object.keys(services).length === 0) return undefined;
  const retry = configSchema.safeParse({ ...copy, services });
  return retry.success ? resolveConfig(retry.data, filepath, configDir) : undefined;
}
