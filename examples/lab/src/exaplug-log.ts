/** What exaplug on the primary logged during a failover (pino's `time`: whole milliseconds since the epoch). */
export interface ExaplugMoment {
  /** The first failed check. */
  failedMs?: number;
  /** Health `down`: the fall rule satisfied. */
  downMs?: number;
  /** The down MED's command for the IP written to ExaBGP. */
  commandMs?: number;
}

interface PinoLine {
  time?: number;
  msg?: string;
  status?: string;
  to?: string;
  command?: string;
}

function parseLine(line: string): PinoLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as PinoLine;
  } catch {
    return undefined;
  }
}

/**
 * Reads exaplug's own stages from the JSON lines ExaBGP copied into its output (exaplug
 * logs on stderr), the first of each at or after `sinceMs`: where the time between the kill
 * and the UPDATE went.
 */
export function findExaplugMoment(lines: readonly string[], sinceMs: number, ip: string): ExaplugMoment {
  const moment: ExaplugMoment = {};
  for (const line of lines) {
    const entry = parseLine(line);
    if (entry?.time === undefined || entry.time < sinceMs) continue;
    if (entry.msg === 'check result changed' && entry.status === 'failed') moment.failedMs ??= entry.time;
    if (entry.msg === 'health changed' && entry.to === 'down') moment.downMs ??= entry.time;
    const med = /^announce route (\S+) .*med (\d+)/.exec(entry.command ?? '');
    if (entry.msg === 'command sent' && med?.[1] === `${ip}/128` && Number(med[2]) >= 1000) moment.commandMs ??= entry.time;
  }
  return moment;
}
