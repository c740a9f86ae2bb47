import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hostRunDir } from '../config/control-paths.js';
import { readControlPaths } from '../config/read-control-paths.js';

/** The flags every control verb takes. */
export interface ControlTargetFlags {
  config?: string | undefined;
  socket?: string | undefined;
}

/**
 * Whom a control verb asks: one socket (`config`: the file the exaplug there must run), or
 * every socket in a directory.
 */
export type ControlTarget = { kind: 'socket'; socket: string; config?: string } | { kind: 'directory'; directory: string };

/**
 * `--socket PATH` (a socket, or a directory of them), else `--config FILE`'s socket (its
 * `control.socket`, else the per-process default, read even when the rest of the file is
 * invalid), else every exaplug of the host (`/run/exaplug`). A `--config` that cannot be
 * read fails with the reason: no other exaplug is asked in its place.
 * @throws ConfigError EXAPLUG_CONFIG_UNREADABLE, EXAPLUG_CONFIG_NOT_FOUND
 */
export async function resolveControlTarget(flags: ControlTargetFlags): Promise<ControlTarget> {
  const fromConfig = flags.config === undefined ? undefined : await readControlPaths({ path: flags.config });
  const config = fromConfig?.configPath === undefined ? {} : { config: fromConfig.configPath };
  if (flags.socket !== undefined) {
    const socket = resolve(flags.socket);
    return (await isDirectory(socket)) ? { kind: 'directory', directory: socket } : { kind: 'socket', socket, ...config };
  }
  if (fromConfig) return { kind: 'socket', socket: fromConfig.socket, ...config };
  return { kind: 'directory', directory: hostRunDir };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
