import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, as ExaBGP runs it. The README's test command builds before testing. */
export const exaplugBin = fileURLToPath(new URL('../bin/run.js', import.meta.url));

export function assertBuilt(): void {
  const command = fileURLToPath(new URL('../dist/cli/commands/run.js', import.meta.url));
  if (!existsSync(command)) throw new Error(`${command} is missing: run "npm run build" first`);
}

/** The argv ExaBGP's `run` gets for exaplug with this config. */
export function exaplugRun(configPath: string): string[] {
  return [process.execPath, exaplugBin, 'run', '--config', configPath];
}

/** What a finished CLI run printed, and its exit code. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `exaplug` with these arguments to completion; never throws for a non-zero exit. */
export function runExaplug(...args: string[]): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [exaplugBin, ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
