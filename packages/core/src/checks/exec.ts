import { z } from 'zod';
import { defineCheck } from '../plugins/define-check.js';
import { coreVersion } from '../plugins/core-version.js';
import { failed, healthy } from '../plugins/check-result.js';
import { describeAbort } from '../plugins/describe-abort.js';
import { killProcessTree, spawnInGroup } from '../plugins/process-group.js';

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
 * The child leads its own process group: at the timeout the whole group gets SIGTERM, then
 * SIGKILL, and whatever the command leaves running when it exits (a background job) is
 * killed the same way, so no check leaves processes behind.
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
          const child = spawnInGroup(file as string, args, {
            cwd: options.cwd ?? context.configDir,
            env: { ...process.env, ...options.env },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          const collect = (chunk: Buffer) => {
            if (output.length < maxOutputBytes) output += chunk.toString('utf8');
          };
          child.stdout?.on('data', collect);
          child.stderr?.on('data', collect);
          // The group is reaped in the background: the verdict does not wait for a child
          // that ignores SIGTERM (the shell reaps any group still alive when it stops).
          const abort = () => {
            void killProcessTree(child);
            resolve(failed(describeAbort(signal)));
          };
          signal.addEventListener('abort', abort, { once: true });
          child.on('error', (error) => {
            signal.removeEventListener('abort', abort);
            resolve(failed(`cannot run ${file}: ${error.message}`));
          });
          child.on('close', (code, killedBy) => {
            signal.removeEventListener('abort', abort);
            void killProcessTree(child);
            const tail = output.trim().slice(-200);
            if (code === 0) resolve(healthy('exit 0'));
            else if (killedBy) resolve(failed(`killed by ${killedBy}${tail ? `: ${tail}` : ''}`));
            else resolve(failed(`exit ${code}${tail ? `: ${tail}` : ''}`));
          });
        }),
    };
  },
});
