import { mkdir, rm, writeFile } from 'node:fs/promises';
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
