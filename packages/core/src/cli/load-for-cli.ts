import { ConfigError } from '../config/config-error.js';
import type { ExaplugConfig } from '../config/resolve-config.js';
import { isExaplugError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { redactText } from '../redact/redact-secrets.js';
import { loadServices } from '../loading/load-services.js';
import type { PreparedService } from '../loading/prepare-services.js';

/** A refusal a person can read: the file, then one `path: reason` per line; never a secret. */
export function describeLoadError(error: unknown): string {
  return redactText(describeUnredacted(error));
}

function describeUnredacted(error: unknown): string {
  if (error instanceof ConfigError) {
    return [`${headlineOf(error)} (${error.code}):`, ...error.issues.map((issue) => `  ${issue}`)].join('\n');
  }
  if (isExaplugError(error)) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Loads the config and every plugin, as `run` would, for the commands people type. */
export async function loadForCli(configPath: string | undefined): Promise<{ config: ExaplugConfig; services: PreparedService[] }> {
  return loadServices(configPath === undefined ? {} : { path: configPath }, silentLogger);
}

function headlineOf(error: ConfigError): string {
  if (error.code === 'EXAPLUG_CONFIG_NOT_FOUND') return 'no configuration found';
  if (error.code === 'EXAPLUG_CONFIG_UNREADABLE') return `${error.filepath ?? 'the configuration'} cannot be read`;
  return `${error.filepath ?? 'configuration'} is invalid`;
}
