import { dirname, resolve } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';
import type { ExaplugConfig } from './resolve-config.js';

const moduleName = 'exaplug';

/** Where cosmiconfig looks: in the working directory only, not its parents (`--config` names the file instead). */
export const configSearchPlaces = [
  'package.json',
  `.${moduleName}rc`,
  `.${moduleName}rc.json`,
  `.${moduleName}rc.yaml`,
  `.${moduleName}rc.yml`,
  `.${moduleName}rc.js`,
  `.${moduleName}rc.mjs`,
  `.${moduleName}rc.cjs`,
  `${moduleName}.config.js`,
  `${moduleName}.config.mjs`,
  `${moduleName}.config.cjs`,
  `${moduleName}.config.ts`,
  `${moduleName}.config.yaml`,
  `${moduleName}.config.yml`,
  `${moduleName}.config.json`,
  `${moduleName}.yaml`,
  `${moduleName}.yml`,
];

/** Where a config comes from: a file (given or searched for) or an object already built. */
export interface ConfigSource {
  path?: string;
  cwd?: string;
  /**
   * A config built in memory (e.g. from `exaplug healthcheck` flags), validated like a
   * file's content; relative paths in it resolve against `cwd`. Wins over `path`.
   */
  config?: unknown;
}

/** Finds (or reads the given) config file, validates it and resolves it. */
export async function loadConfig(options: ConfigSource = {}): Promise<ExaplugConfig> {
  if (options.config !== undefined) return parseConfig(options.config, undefined, options.cwd ?? process.cwd());
  const explorer = cosmiconfig(moduleName, { searchPlaces: configSearchPlaces, cache: false });
  let found;
  try {
    found = options.path ? await explorer.load(resolve(options.cwd ?? process.cwd(), options.path)) : await explorer.search(options.cwd);
  } catch (error) {
    const where = options.path ? resolve(options.cwd ?? process.cwd(), options.path) : undefined;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError('EXAPLUG_CONFIG_UNREADABLE', where, [reason], { cause: error });
  }
  if (!found || found.isEmpty) {
    const where = options.path ?? options.cwd ?? process.cwd();
    throw new ConfigError('EXAPLUG_CONFIG_NOT_FOUND', undefined, [
      found?.isEmpty ? `${found.filepath} is empty` : `no exaplug configuration found from ${where} (try --config PATH)`,
    ]);
  }
  return parseConfig(found.config, found.filepath, dirname(found.filepath));
}
