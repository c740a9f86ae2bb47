import { execFile } from 'node:child_process';

export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment children get: the test runner's own npm and vitest variables would
 * otherwise point npm at the monorepo and tell a nested vitest it is a worker.
 */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST|NODE_ENV$)/i.test(key));
  return { ...Object.fromEntries(inherited), NO_COLOR: '1', ...extra };
}

/** Runs a command to completion; never rejects, so a test can assert on the exit code. */
export function runCommand(
  file: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const env = childEnvironment(options.env ?? {});
    execFile(file, args, { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed; a failure throws with everything it printed. */
export async function runOrThrow(
  file: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CommandOutcome> {
  const outcome = await runCommand(file, args, options);
  if (outcome.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${outcome.code} in ${options.cwd}\n${outcome.stdout}\n${outcome.stderr}`);
  }
  return outcome;
}
