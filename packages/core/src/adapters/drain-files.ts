import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a service's drain is kept, so that it survives a restart. */
export function drainFileOf(stateDir: string, serviceName: string): string {
  return join(stateDir, `drain-${serviceName}`);
}

/** Writes or removes a service's drain file (root-only permissions, like the state dir). */
export async function setDrained(stateDir: string, serviceName: string, drained: boolean): Promise<void> {
  const file = drainFileOf(stateDir, serviceName);
  if (!drained) return rm(file, { force: true });
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `drained at ${new Date().toISOString()}\n`, { mode: 0o600 });
}

/** When a service's kept drain was made (`drained at <ISO time>`; a hand-made file: its content, or "unknown"), undefined without one. */
export async function drainedSince(stateDir: string, serviceName: string): Promise<string | undefined> {
  try {
    const text = await readFile(drainFileOf(stateDir, serviceName), 'utf8');
    return /^drained at (\S+)/.exec(text)?.[1] ?? 'unknown';
  } catch {
    return undefined;
  }
}
