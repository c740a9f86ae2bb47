/** A command written to ExaBGP and not yet acknowledged. */
export interface PendingCommand {
  /** 1, 2, 3… in the order sent. */
  seq: number;
  command: string;
  sentAtMs: number;
}

/** A pending command matched with the ack that confirmed or refused it. */
export interface AcknowledgedCommand extends PendingCommand {
  ack: 'done' | 'error';
  ackedAtMs: number;
  /** 6.x `error: <reason>` text, when the caller saw one. */
  reason?: string;
}

export interface AckCounters {
  sent: number;
  done: number;
  error: number;
  timedOut: number;
  /** Acks that arrived with nothing pending (a late ack after a timeout, or acks turned on by hand). */
  unexpected: number;
}

export interface AckTrackerOptions {
  /** How long a command may wait for its ack; ExaBGP 4.2 never acks some bad commands. */
  timeoutMs: number;
  /** False when ExaBGP sends no acks (`exabgp.api.ack=false`): nothing is tracked. */
  enabled?: boolean;
}

/**
 * Pairs ExaBGP's `done`/`error` lines with the commands that caused them. ExaBGP acks in
 * command order and carries no id, so matching is FIFO. Pure: time is passed in.
 *
 * A command that never gets an ack shifts every later ack onto the wrong command until it
 * expires, so the runtime should keep one command in flight (or few) and expire often.
 */
export class AckTracker {
  readonly enabled: boolean;
  readonly timeoutMs: number;
  private readonly queue: PendingCommand[] = [];
  private seq = 0;
  private readonly count: AckCounters = { sent: 0, done: 0, error: 0, timedOut: 0, unexpected: 0 };

  constructor(options: AckTrackerOptions) {
    this.timeoutMs = options.timeoutMs;
    this.enabled = options.enabled ?? true;
  }

  /** Records a written command; returns its pending entry (undefined when acks are off). */
  sent(command: string, nowMs: number): PendingCommand | undefined {
    this.count.sent++;
    if (!this.enabled) return undefined;
    const entry = { seq: ++this.seq, command, sentAtMs: nowMs };
    this.queue.push(entry);
    return entry;
  }

  /** Matches an ack to the oldest pending command; undefined for an ack nobody waited for. */
  acknowledged(ack: 'done' | 'error', nowMs: number, reason?: string): AcknowledgedCommand | undefined {
    const entry = this.queue.shift();
    if (!entry) {
      this.count.unexpected++;
      return undefined;
    }
    this.count[ack]++;
    return reason === undefined ? { ...entry, ack, ackedAtMs: nowMs } : { ...entry, ack, ackedAtMs: nowMs, reason };
  }

  /** Removes and returns the commands that have waited timeoutMs or longer. */
  expire(nowMs: number): PendingCommand[] {
    const expired: PendingCommand[] = [];
    while (this.queue.length > 0 && nowMs - (this.queue[0] as PendingCommand).sentAtMs >= this.timeoutMs) {
      expired.push(this.queue.shift() as PendingCommand);
    }
    this.count.timedOut += expired.length;
    return expired;
  }

  /** When the oldest pending command expires, for the runtime's timer; undefined if none. */
  nextDeadlineMs(): number | undefined {
    const oldest = this.queue[0];
    return oldest === undefined ? undefined : oldest.sentAtMs + this.timeoutMs;
  }

  /** Drops every pending command (ExaBGP went away); returns them. */
  clear(): PendingCommand[] {
    return this.queue.splice(0);
  }

  /** The command the next ack (and any output before it) belongs to. */
  get oldest(): PendingCommand | undefined {
    return this.queue[0];
  }

  get pending(): number {
    return this.queue.length;
  }

  get counters(): Readonly<AckCounters> {
    return { ...this.count };
  }
}

/** An AckTracker; `enabled: false` for ExaBGP running with acks off. */
export function createAckTracker(options: AckTrackerOptions): AckTracker {
  return new AckTracker(options);
}
