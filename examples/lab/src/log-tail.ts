import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** A log file read from where it stood when the tail was made (a failover's lines only). */
export interface LogTail {
  /** The complete lines written since, in order. */
  lines(): string[];
}

/** Starts reading `path` at its current end (a missing file counts as empty). */
export function tailLog(path: string): LogTail {
  let offset = 0;
  try {
    offset = statSync(path).size;
  } catch {
    // not written yet
  }
  const start = offset;
  return {
    lines() {
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch {
        return [];
      }
      try {
        const size = statSync(path).size;
        const buffer = Buffer.alloc(Math.max(0, size - start));
        readSync(fd, buffer, 0, buffer.length, start);
        const text = buffer.toString('utf8');
        // A line still being written is left for the next read.
        return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
      } finally {
        closeSync(fd);
      }
    },
  };
}
