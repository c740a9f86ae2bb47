import type { CommandDialect } from './route-intent.js';
import type { ParsedLine } from './messages.js';

/**
 * The command to ask with. `system version` is the 6.x API v6 form; 4.2 and 5.0 answer it
 * like `version` (ExaBGP matches a command by its last words), and 6.x API v6 rejects a
 * bare `version`.
 */
export const versionProbeCommand = 'system version';

export interface ExabgpVersion {
  major: number;
  minor: number;
  patch: number;
  /** As ExaBGP printed it, e.g. `4.2.21`, `6.0.0-20260822+uncontrolled`. */
  text: string;
}

/**
 * Reads the daemon version from one answer line: `exabgp 4.2.21`, `exabgp 5.0.13`, 6.x API v4
 * `exabgp 6.0.0-…`, 6.x API v6 `{"version": "6.0.0-…", "application": "exabgp"}`, or
 * `ExaBGP : 4.2.21` (`exabgp --version`). Undefined for anything else.
 */
export function parseExabgpVersion(line: string): ExabgpVersion | undefined {
  const text = line.trim();
  let version: string | undefined;
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text) as { version?: unknown; application?: unknown };
      if (value.application === 'exabgp' && typeof value.version === 'string') version = value.version;
    } catch {
      return undefined;
    }
  } else {
    version = /^exabgp\s*:?\s+(\d+\.\d+\.\d+\S*)$/i.exec(text)?.[1];
  }
  const match = version === undefined ? null : /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match || version === undefined) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text: version };
}

/** 6.x speaks `peer …` (its API v4 mode accepts that too); 4.x and 5.x only `neighbor …`. */
export function defaultDialectFor(version: ExabgpVersion | undefined): CommandDialect {
  return version !== undefined && version.major >= 6 ? 'peer' : 'neighbor';
}

/** A line ExaBGP wrote, with the time the process read it. */
export interface TimedLine {
  parsed: ParsedLine;
  atMs: number;
}

export interface ExabgpDetection {
  version: ExabgpVersion | undefined;
  dialect: CommandDialect;
  /** `unknown` until an ack came or the window closed. */
  acks: 'on' | 'off' | 'unknown';
  /** True once the answer is final: an ack came (ExaBGP writes output before the ack) or the window closed. */
  settled: boolean;
}

/**
 * Decides, from the lines read after the probe was written, which ExaBGP answered and
 * whether it acks. Messages interleaved with the answer are ignored. Acks are on when a
 * `done`/`error` ack arrives within `windowMs` of the probe; off when the window closed
 * (`nowMs`) without one. A 6.x API v6 daemon answers a bare `version` with `error`, which
 * also means `peer` dialect.
 */
export function detectExabgp(
  lines: readonly TimedLine[],
  probe: { sentAtMs: number; windowMs: number; nowMs: number },
): ExabgpDetection {
  const deadline = probe.sentAtMs + probe.windowMs;
  let version: ExabgpVersion | undefined;
  let acks: ExabgpDetection['acks'] = 'unknown';
  let errorWithoutVersion = false;
  for (const { parsed, atMs } of lines) {
    if (atMs < probe.sentAtMs || atMs > deadline) continue;
    if (parsed.kind === 'output' && version === undefined) version = parseExabgpVersion(parsed.text);
    if (parsed.kind === 'ack' && acks === 'unknown') {
      acks = 'on';
      if (parsed.ack === 'error' && version === undefined) errorWithoutVersion = true;
    }
  }
  if (acks === 'unknown' && probe.nowMs >= deadline) acks = 'off';
  const dialect = version === undefined && errorWithoutVersion ? 'peer' : defaultDialectFor(version);
  return { version, dialect, acks, settled: acks !== 'unknown' };
}
