import { detectExabgp, versionProbeCommand, type CommandDialect, type ExabgpVersion, type ParsedLine, type TimedLine } from '@exaplug/protocol';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import type { CommandWriter } from './command-writer.js';
import type { LineSink } from './line-sink.js';

/** What the probe needs: where to write it, the config's settings (`auto` is detected), and the writer it tells about acks. */
export interface VersionProbeOptions {
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  acks: 'auto' | 'on' | 'off';
  dialect: 'auto' | CommandDialect;
  /** How long to wait for the answer to the probe before deciding acks are off. */
  probeWindowMs?: number | undefined;
  /** Told whether ExaBGP acknowledges commands, once that is known. */
  writer: CommandWriter;
}

/**
 * Learns who answers with `system version` (answered by 4.2, 5.0 and 6.x): the version,
 * the dialect and whether acks are on, unless the config says so; and holds anything
 * asked meanwhile, in order, since a command's format and pairing depend on the answer.
 */
export class VersionProbe {
  private readonly options: VersionProbeOptions;
  private running: { sentAtMs: number; lines: TimedLine[]; cancel: () => void } | undefined;
  private readonly waiting: Array<() => void> = [];
  private markReady: () => void = () => {};
  /** Resolves once ExaBGP is known: the probe settled (or was not needed). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));
  version: ExabgpVersion | undefined;
  dialect: CommandDialect;

  constructor(options: VersionProbeOptions) {
    this.options = options;
    this.dialect = options.dialect === 'auto' ? 'neighbor' : options.dialect;
    if (options.acks === 'off') options.writer.useAcks(false);
  }

  /** Writes the probe when anything is left to detect. */
  start(): void {
    if (this.options.acks !== 'auto' && this.options.dialect !== 'auto') {
      this.settled();
      return;
    }
    const { clock, sink } = this.options;
    const cancel = clock.setTimer(this.options.probeWindowMs ?? 1000, () => this.settle(true));
    this.running = { sentAtMs: clock.now(), lines: [], cancel };
    sink.writeLine(versionProbeCommand);
  }

  /** Whether the probe waits for its answer: lines then belong to it. */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** A line written while the probe runs. */
  take(parsed: ParsedLine): void {
    this.running?.lines.push({ parsed, atMs: this.options.clock.now() });
    this.settle(false);
  }

  /** Runs `action` now, or once the probe has settled. */
  whenSettled<T>(action: () => Promise<T>): Promise<T> {
    if (!this.running) return action();
    return new Promise((resolve) => this.waiting.push(() => void action().then(resolve)));
  }

  private settle(windowClosed: boolean): void {
    const probe = this.running;
    if (!probe) return;
    const { clock, logger, writer } = this.options;
    const detection = detectExabgp(probe.lines, {
      sentAtMs: probe.sentAtMs,
      windowMs: this.options.probeWindowMs ?? 1000,
      nowMs: windowClosed ? Number.POSITIVE_INFINITY : clock.now(),
    });
    if (!detection.settled) return;
    probe.cancel();
    this.running = undefined;
    this.version = detection.version;
    if (this.options.dialect === 'auto') this.dialect = detection.dialect;
    if (this.options.acks === 'auto') writer.useAcks(detection.acks === 'on');
    logger.info({ exabgp: detection.version?.text ?? 'unknown', dialect: this.dialect, acks: writer.acksEnabled ? 'on' : 'off' }, 'exabgp detected');
    this.settled();
  }

  private settled(): void {
    this.markReady();
    for (const action of this.waiting.splice(0)) action();
  }
}
