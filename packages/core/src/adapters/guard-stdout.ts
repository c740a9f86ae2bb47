import { Writable } from 'node:stream';
import type { Logger } from '../logger.js';
import { takeCommandPipe } from './private-command-pipe.js';
import { currentPluginScope } from '../plugins/plugin-scope.js';

/** Where a stray write to stdout came from: the plugin scope, or the first caller outside core and Node. */
function describeWriter(): { service?: string; plugin: string } {
  const scope = currentPluginScope();
  if (scope) return scope;
  const frame = new Error().stack
    ?.split('\n')
    .slice(1)
    .map((line) => line.trim())
    .find((line) => !line.includes('node:') && !/[/\\]core[/\\](dist|src)[/\\]/.test(line) && !line.includes('/node_modules/pino'));
  return { plugin: frame?.replace(/^at\s+/, '') ?? 'unknown' };
}

/**
 * Takes ExaBGP's command pipe for the command writer alone. First the pipe moves off fd 1,
 * which then points at stderr (`takeCommandPipe`): a raw write to fd 1, a child inheriting
 * it, a shell writing to `/proc/<pid>/fd/1` all land on stderr. Then anything that writes
 * to `process.stdout` (console.log in a plugin, a chatty library) goes to stderr too, and
 * the first write of each plugin is warned about by name: one stray `console.log('announce
 * …')` would otherwise be a route. Returns the stream the stdout line sink must write to.
 */
export function guardStdout(logger: Logger): { commands: Writable; release(): void } {
  const pipe = takeCommandPipe();
  if (!pipe.stream) logger.info({ reason: pipe.reason }, 'fd 1 stays the command channel (not a pipe, as ExaBGP\'s are): only process.stdout is guarded');
  else if (pipe.fdOne !== 'stderr') logger.debug({ fdOne: pipe.fdOne }, 'fd 1 could not be pointed at stderr: stray writes there are lost');
  const stdout = process.stdout;
  const original = stdout.write as (chunk: Uint8Array | string, callback: (error?: Error | null) => void) => boolean;
  const warned = new Set<string>();

  const redirected = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const writer = describeWriter();
    const key = `${writer.service ?? ''}\0${writer.plugin}`;
    if (!warned.has(key)) {
      warned.add(key);
      logger.warn({ ...writer, code: 'EXAPLUG_STDOUT_WRITE' }, 'a plugin wrote to stdout; sent to stderr instead');
    }
    return (process.stderr.write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  stdout.write = redirected as typeof stdout.write;

  // Errors (EPIPE once ExaBGP is gone) reach the sink through the write callbacks; without
  // a listener Node would turn the same error event into an uncaught exception.
  const ignore = () => {};
  stdout.on('error', ignore);
  const commands =
    pipe.stream ??
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        original.call(stdout, chunk, (error?: Error | null) => callback(error ?? undefined));
      },
    });

  return {
    commands,
    release() {
      if (stdout.write === redirected) stdout.write = original as typeof stdout.write;
      stdout.off('error', ignore);
    },
  };
}
