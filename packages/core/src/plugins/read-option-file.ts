import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExaplugError } from '../errors.js';

/**
 * Reads a file an option names (a CA, a certificate, a key), relative to the config's
 * directory, once at start: a missing file is a config problem, not a failed check.
 */
export function readOptionFile(option: string, path: string | undefined, configDir: string): Buffer | undefined {
  if (path === undefined) return undefined;
  const file = resolve(configDir, path);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ExaplugError('EXAPLUG_PLUGIN_OPTIONS', `${option}: cannot read ${file}`, { cause: error });
  }
}
