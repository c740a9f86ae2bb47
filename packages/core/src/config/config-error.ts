import { ExaplugError, type ErrorCode } from '../errors.js';
import type { ExaplugConfig } from './resolve-config.js';

/** A refused configuration: every problem, each as `path: reason`. */
export class ConfigError extends ExaplugError {
  readonly issues: readonly string[];
  readonly filepath: string | undefined;
  /** The valid rest of the config, for checking the plugins of the good services too. */
  readonly salvaged: ExaplugConfig | undefined;

  constructor(
    code: ErrorCode,
    filepath: string | undefined,
    issues: readonly string[],
    options: { cause?: unknown; salvaged?: ExaplugConfig } = {},
  ) {
    super(code, `${filepath ?? 'configuration'}: ${issues.join('; ')}`, { cause: options.cause });
    this.name = 'ConfigError';
    this.issues = issues;
    this.filepath = filepath;
    this.salvaged = options.salvaged;
  }
}
