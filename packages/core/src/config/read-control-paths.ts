import { dirname, resolve } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { ConfigError } from './config-error.js';
import { controlPathsOf, type ControlPaths } from './control-paths.js';
import { configSearchPlaces, type ConfigSource } from './load-config.js';

/** Where one exaplug listens, keeps its state and serves metrics, and the file that says so. */
export interface ProcessPaths extends ControlPaths {
  /** The config file, absolute; undefined for a config given in memory. */
  configPath: string | undefined;
  /** `metrics.listen` when the metrics section is valid on its own. */
  metricsListen: string | undefined;
}

/**
 * Reads a config's control socket, state dir and metrics address without validating the
 * rest: a file refused for a typo in a service still leads to the exaplug that loaded
 * its valid version. Finds the file as loadConfig does.
 * @throws ConfigError EXAPLUG_CONFIG_UNREADABLE, EXAPLUG_CONFIG_NOT_FOUND: the file cannot
 * be read (a mistyped `--config`), so no socket can be told.
 */
export async function readControlPaths(source: ConfigSource = {}): Promise<ProcessPaths> {
  const cwd = source.cwd ?? process.cwd();
  if (source.config !== undefined) return { ...controlPathsOf(source.config, undefined, cwd), configPath: undefined };
  const explorer = cosmiconfig('exaplug', { searchPlaces: configSearchPlaces, cache: false });
  const where = source.path === undefined ? undefined : resolve(cwd, source.path);
  let found;
  try {
    found = where === undefined ? await explorer.search(cwd) : await explorer.load(where);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError('EXAPLUG_CONFIG_UNREADABLE', where, [reason], { cause: error });
  }
  if (!found) throw new ConfigError('EXAPLUG_CONFIG_NOT_FOUND', undefined, [`no exaplug configuration found from ${cwd} (try --config PATH)`]);
  // An empty file is refused by `run` too, but it still names the process it belongs to.
  return { ...controlPathsOf(found.config, found.filepath, dirname(found.filepath)), configPath: found.filepath };
}
