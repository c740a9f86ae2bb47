/** Where command lines go: ExaBGP's end of our stdout. One line per call, no newline. */
export interface LineSink {
  writeLine(line: string): void;
  /** Resolves once everything written so far has left the process (or the pipe is gone). */
  flushed(): Promise<void>;
}
