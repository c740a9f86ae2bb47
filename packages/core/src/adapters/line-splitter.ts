import { StringDecoder } from 'node:string_decoder';

/**
 * Cuts a byte stream into lines (`\n`, a trailing `\r` dropped), UTF-8 decoded across
 * chunk boundaries; a line longer than `maxLineLength` is dropped whole, reported once.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private skippingLongLine = false;

  constructor(
    private readonly maxLineLength: number,
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: (error: Error) => void,
  ) {}

  /** A chunk read: each line it completes goes to `onLine`. */
  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      const piece = text.slice(from, newline);
      from = newline + 1;
      if (this.skippingLongLine) {
        this.skippingLongLine = false;
        this.partial = '';
        continue;
      }
      const line = this.partial === '' ? piece : this.partial + piece;
      this.partial = '';
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (!this.skippingLongLine) this.partial += text.slice(from);
    if (this.partial.length > this.maxLineLength) {
      this.onTooLong(new Error(`a line from exabgp longer than ${this.maxLineLength} characters was dropped`));
      this.partial = '';
      this.skippingLongLine = true;
    }
  }

  /** The stream ended: a last line without its newline goes to `onLine`. */
  end(): void {
    const rest = this.decoder.end() + this.partial;
    this.partial = '';
    if (rest !== '' && !this.skippingLongLine) this.onLine(rest);
  }
}
