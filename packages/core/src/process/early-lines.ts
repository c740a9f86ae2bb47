import { parseExabgpLine } from '@exaplug/protocol';

/** Most neighbors remembered while the config loads; a route server may have hundreds. */
const maxNeighbors = 10_000;

/**
 * What ExaBGP said before the runtime could listen, boiled down to what still matters
 * once it starts: the latest state of each neighbor and whether ExaBGP is shutting down.
 * Everything else (received updates, by the tens of thousands) is counted and dropped:
 * the startup `show` queries fetch the current picture anyway.
 */
export class EarlyLines {
  private readonly states = new Map<string, string>();
  private shutdownLine: string | undefined;
  private droppedCount = 0;

  add(line: string): void {
    // Cheap filter first: a full table arrives as JSON updates, which never matter here.
    if (line.startsWith('{') && !line.includes('"state"') && !line.includes('"shutdown"')) {
      this.droppedCount += 1;
      return;
    }
    const parsed = parseExabgpLine(line);
    if (parsed.kind !== 'message') {
      if (parsed.kind !== 'empty') this.droppedCount += 1;
      return;
    }
    const message = parsed.message;
    if (message.type === 'shutdown') {
      this.shutdownLine = line;
    } else if (message.type === 'state') {
      const peer = message.neighbor.peer;
      this.states.delete(peer);
      if (this.states.size >= maxNeighbors) this.states.delete(this.states.keys().next().value as string);
      this.states.set(peer, line);
    } else {
      this.droppedCount += 1;
    }
  }

  /** True once ExaBGP has said it is shutting down. */
  get isShutdown(): boolean {
    return this.shutdownLine !== undefined;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** The lines to replay (latest state per neighbor, then the shutdown), and forgets them. */
  take(): string[] {
    const lines = [...this.states.values(), ...(this.shutdownLine ? [this.shutdownLine] : [])];
    this.states.clear();
    this.shutdownLine = undefined;
    this.droppedCount = 0;
    return lines;
  }
}
