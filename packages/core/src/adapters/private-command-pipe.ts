import { closeSync, createWriteStream, fstatSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { WriteStream as TtyWriteStream } from 'node:tty';

/**
 * Moves ExaBGP's command pipe off fd 1 and points fd 1 at stderr, so that nothing but the
 * command writer can reach ExaBGP: not `fs.writeSync(1, …)` in a plugin, not a child
 * spawned with `stdio: 'inherit'`, not a shell writing to `/proc/<exaplug>/fd/1`. Node has
 * no dup2: the pipe is reopened through /proc on a new descriptor, fd 1 closed, and stderr
 * reopened, which takes the lowest free descriptor, 1. Done before any plugin loads (and
 * before `process.stdout` exists, whose handle would still hold the old fd 1).
 * Where stderr cannot be reopened (a socket, e.g. journald's), fd 1 becomes /dev/null:
 * a stray write is lost, never a command. Where fd 1 itself cannot be reopened (a socket:
 * Node's own `spawn` pipes are socketpairs; ExaBGP's are real pipes) nothing moves and the
 * caller keeps the stream-level guard only.
 */
export function takeCommandPipe(): { stream: Writable; fdOne: 'stderr' | '/dev/null' | 'unknown' } | { stream: undefined; reason: string } {
  let pipe: number;
  try {
    pipe = openSync('/proc/self/fd/1', 'a');
  } catch (error) {
    return { stream: undefined, reason: `cannot reopen fd 1 through /proc: ${(error as Error).message}` };
  }
  closeSync(1);
  // open() takes the lowest free descriptor: 1.
  const replacement = openReplacement();
  // Another thread may have opened a file between close and open, and hold fd 1 now: leave it be.
  if (replacement.fd !== 1) closeSync(replacement.fd);
  return { stream: writableFor(pipe), fdOne: replacement.fd === 1 ? replacement.what : 'unknown' };
}

function openReplacement(): { fd: number; what: 'stderr' | '/dev/null' } {
  try {
    return { fd: openSync('/proc/self/fd/2', 'a'), what: 'stderr' };
  } catch {
    return { fd: openSync('/dev/null', 'w'), what: '/dev/null' };
  }
}

/** The right Node stream for a descriptor: a pipe (ExaBGP), a terminal, or a file. */
function writableFor(fd: number): Writable {
  const stat = fstatSync(fd);
  if (stat.isFIFO() || stat.isSocket()) return new Socket({ fd, readable: false, writable: true });
  if (stat.isCharacterDevice()) return new TtyWriteStream(fd);
  return createWriteStream('', { fd, flags: 'a' });
}
