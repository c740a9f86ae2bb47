import { ExaplugError, type ErrorCode } from '../errors.js';

/** A refused configuration: every problem, each as `path: reason`. */
export class ConfigError extends ExaplugError {
  readonly issues: readonly string[];
  readonly filepath: string | undefined;

  constructor(code: ErrorCode, filepath: string | undefined, issues: readonly string[], options?: { cause?: unknown }) {
    super(code, `${filepath ?? 'configuration'}: ${issues.join('; ')}`, options);
    this.name = 'ConfigError';
    this.issues = issues;
    this.filepath = filepath;
  }
}
