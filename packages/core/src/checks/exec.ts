import { spawn } from 'node:child_process';
import { z } from 'zod';
import { defineCheck } from '../plugins/define-check.js';
import { coreVersion } from '../plugins/core-version.js';
import { failed, healthy } from '../plugins/check-result.js';

const execOptions = z
  .strictObject({
    /** Run by `/bin/sh -c`, like the healthcheck's `--cmd`. */
    command: z.string().min(1).optional(),
    /** Run directly, without a shell. */
    argv: z.array(z.string()).min(1).optional(),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
  })
  .refine((o) => (o.command === undefined) !== (o.argv === undefined), { message: 'give exactly one of command or argv' });

/** The most output kept for the failure reason; a check's chatter must not fill memory. */
const maxOutputBytes = 2048;

/**
 * Runs a command; exit status 0 is healthy. The drop-in for ExaBGP healthcheck's `--cmd`.
 * The child gets its own process group so that a timeout kills the whole pipeline.
 */
export const execCheck = defineCheck({
  name: 'exec',
  coreVersion: `^${coreVersion}`,
  options: execOptions,
  create(options, context) {
    const [file, ...args] = options.argv ?? ['/bin/sh', '-c', options.command as string];
    return {
      run: ({ signal }) =>
        new Promise((resolve) => {
          const child = spawn(file as string, args, {
            cwd: options.cwd ?? context.configDir,
            env: { ...process.env, ...options.env },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
          });
          let output = '';
          const collect = (chunk: Buffer) => {
            if (output.length < maxOutputBytes) output += chunk.toString('utf8');
          };
          child.stdout.on('data', collect);
          child.stderr.on('data', collect);
          const kill = () => {
            try {
              if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              // already gone
            }
          };
          signal.addEventListener('abort', kill, { once: true });
          child.on('error', (error) => {
            signal.removeEventListener('abort', kill);
            resolve(failed(`cannot run ${file}: ${error.message}`));
          });
          child.on('close', (code, killedBy) => {
            signal.removeEventListener('abort', kill);
            const tail = output.trim().slice(-200);
            if (code === 0) resolve(healthy('exit 0'));
            else if (killedBy) resolve(failed(`killed by ${killedBy}${tail ? `: ${tail}` : ''}`));
            else resolve(failed(`exit ${code}${tail ? `: ${tail}` : ''}`));
          });
        }),
    };
  },
});
