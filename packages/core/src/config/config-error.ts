import { ExaplugError, type ErrorCode } from '../errors.js';
import type { SafetySettings } from './read-safety-settings.js';
import type { ExaplugConfig } from './resolve-config.js';

/** One reason a config is refused, at its place in the file, with the code and cause kept. */
export interface ConfigProblem {
  /** `services.web.check.with.url`; empty for the file as a whole. */
  path: string;
  code: ErrorCode;
  message: string;
  cause?: unknown;
}

/** A refused configuration: every problem, each with its path, code and cause. */
export class ConfigError extends ExaplugError {
  readonly problems: readonly ConfigProblem[];
  readonly filepath: string | undefined;
  /** The valid rest of the config, for checking the plugins of the good services too. */
  readonly salvaged: ExaplugConfig | undefined;
  /** The allow-list and `onInvalidConfig`, when they could be read: what idle mode may still do. */
  readonly safety: SafetySettings | undefined;

  /**
   * `problems` may be given as `path: reason` lines (what schema issues flatten to); they
   * then take the error's code.
   */
  constructor(
    code: ErrorCode,
    filepath: string | undefined,
    problems: readonly (ConfigProblem | string)[],
    options: { cause?: unknown; salvaged?: ExaplugConfig; safety?: SafetySettings } = {},
  ) {
    const structured = problems.map((problem) => (typeof problem === 'string' ? problemFromLine(problem, code) : problem));
    super(code, `${filepath ?? 'configuration'}: ${structured.map(describeProblem).join('; ')}`, { cause: options.cause });
    this.name = 'ConfigError';
    this.problems = structured;
    this.filepath = filepath;
    this.salvaged = options.salvaged;
    this.safety = options.safety;
  }

  /** Each problem as the `path: reason` line people read. */
  get issues(): string[] {
    return this.problems.map(describeProblem);
  }
}

/** `services.web.ips.0: reason`, or the reason alone for the whole file. */
export function describeProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

function problemFromLine(line: string, code: ErrorCode): ConfigProblem {
  const match = /^([^\s:]+|\(root\)): (.*)$/s.exec(line);
  return match ? { path: match[1] as string, code, message: match[2] as string } : { path: '', code, message: line };
}
