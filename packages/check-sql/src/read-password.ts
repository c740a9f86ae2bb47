import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The password, none, or why it could not be read (never the value itself). */
export type PasswordLookup = { kind: 'found'; password: string | undefined } | { kind: 'missing'; reason: string };

/**
 * Reads the password at connect time, so a rotated secret is picked up on the next
 * reconnect without restarting exaplug.
 */
export async function readPassword(
  source: { passwordEnv?: string; passwordFile?: string },
  configDir: string,
): Promise<PasswordLookup> {
  if (source.passwordEnv !== undefined) {
    const value = process.env[source.passwordEnv];
    if (value === undefined) return { kind: 'missing', reason: `environment variable ${source.passwordEnv} is not set` };
    return { kind: 'found', password: value };
  }
  if (source.passwordFile !== undefined) {
    const path = resolve(configDir, source.passwordFile);
    try {
      return { kind: 'found', password: (await readFile(path, 'utf8')).replace(/\r?\n$/, '') };
    } catch (error) {
      // Node's message reads "ENOENT: no such file or directory, open '…'": keep the reason, not the path twice.
      const reason = (error as Error).message.split(', ')[0] ?? (error as NodeJS.ErrnoException).code ?? 'error';
      return { kind: 'missing', reason: `cannot read password file ${path}: ${reason}` };
    }
  }
  return { kind: 'found', password: undefined };
}
