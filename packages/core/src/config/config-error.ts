import { ExaplugError, type ErrorCode } from '../errors.js';
import type { SafetySettings } from './read-safety-settings.js';
import type { ExaplugConfig } from './resolve-config.js';

/** A refused configuration: every problem, each as `path: reason`. */
export class ConfigError extends ExaplugError {
  readonly issues: readonly string[];
  readonly filepath: string | undefined;
  /** The valid rest of the config, for checking the plugins of the good services too. */
  readonly salvaged: ExaplugConfig | undefined;
  /** The allow-list and `onInvalidConfig`, when they could be read: what idle mode may still do. */
  readonly safety: SafetySettings | undefined;

  constructor(
    code: ErrorCode,
    filepath: string | undefined,
    issues: readonly string[],
    options: { cause?: unknown; salvaged?: ExaplugConfig; safety?: SafetySettings } = {},
  ) {
    super(code, `${filepath ?? 'configuration'}: ${issues.join('; ')}`, { cause: options.cause });
    this.name = 'ConfigError';
    this.issues = issues;
    this.filepath = filepath;
    this.salvaged = options.salvaged;
    this.safety = options.safety;
  }
}
