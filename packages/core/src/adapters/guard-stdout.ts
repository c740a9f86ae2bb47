import { Writable } from 'node:stream';
import type { Logger } from '../logger.js';
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
 * Takes fd 1 for the command writer alone. Anything else that writes to `process.stdout`
 * (console.log in a plugin, a chatty library) goes to stderr instead, and the first write
 * of each plugin is warned about by name: one stray `console.log('announce …')` would
 * otherwise be a route. Returns the stream the stdout line sink must write to.
 * Not covered: a child process started with `stdio: 'inherit'` writes fd 1 directly.
 */
export function guardStdout(logger: Logger): { commands: Writable; release(): void } {
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
  const commands = new Writable({
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
