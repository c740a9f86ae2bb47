import type { RouteIntent } from '@exaplug/protocol';
import type { HealthStateName } from '../health/health-state.js';
import type { IdleRoutesReport, IdleStatus } from '../process/idle-mode.js';
import type { ReadBackReport } from '../runtime/route-readback.js';

export type { IdleRoutesReport, IdleStatus as IdleReport };

/**
 * The control socket speaks one JSON object per line each way: a request, then its
 * response. Small on purpose: `exaplug status|drain|undrain|recheck|reload` are its only
 * clients, and `socat - UNIX:/run/exaplug/NAME.sock` is enough to debug it.
 */
export type ControlRequest = (
  | { command: 'status' }
  /** `keep: false`: a drain for a planned stop, not kept across a restart. */
  | { command: 'drain'; services: string[] | 'all'; wait?: boolean; keep?: boolean }
  | { command: 'undrain'; services: string[] | 'all' }
  | { command: 'recheck'; services: string[] | 'all' }
  | { command: 'reload' }
) & {
  /**
   * The config file the client means (absolute). An exaplug running another file refuses
   * the request before doing anything: two configs naming one socket must not let
   * `reload --config b.yaml` reload the exaplug of a.yaml.
   */
  config?: string;
};

/** Which exaplug answered: every result carries it, so that each verb can say whom it reached. */
export interface AnsweringProcess {
  pid: number;
  /** The config file it runs (absolute), even while idle; undefined for a config given in memory. */
  config: string | undefined;
  socket: string;
}

export type ControlResponse = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** What `exaplug status` shows. */
export interface StatusReport {
  pid: number;
  version: string;
  state: string;
  config: string | undefined;
  /** Whether the last load of the config (start or reload) succeeded. */
  configValid?: boolean | undefined;
  /** Set while idle: why, and what happens to the routes a previous exaplug left. */
  idle?: IdleStatus;
  answeredBy?: AnsweringProcess;
  exabgp?: { version: string | undefined; dialect: string; acks: string; counters: Record<string, number>; readBack?: ReadBackReport };
  services: Array<{
    name: string;
    state: HealthStateName;
    announced: string | undefined;
    drained: false | 'announced' | 'withdrawn';
    /** Since when (ISO 8601) and by which verb, for a drained service. */
    drain?: { by: string; since: string };
    lastResult?: { status: string; reason?: string | undefined; durationMs?: number | undefined };
    /** The latest numbers the check reported, which a live-value strategy follows (absent: none). */
    values?: Record<string, number>;
    routes: RouteIntent[];
  }>;
  neighbors: Array<{ peer: string; state: string; since: number; receivedRoutes: number }>;
  watchdog?: Record<string, unknown>;
}

/** Reads one request line; undefined when it is not one. */
export function parseControlRequest(line: string): ControlRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const request = value as Record<string, unknown>;
  if (request.config !== undefined && typeof request.config !== 'string') return undefined;
  const config = typeof request.config === 'string' ? { config: request.config } : {};
  const command = parseCommand(request);
  return command && { ...command, ...config };
}

function parseCommand(request: Record<string, unknown>): ControlRequest | undefined {
  const services = request.services;
  const validServices = services === 'all' || (Array.isArray(services) && services.every((name) => typeof name === 'string'));
  switch (request.command) {
    case 'status':
    case 'reload':
      return { command: request.command };
    case 'drain':
      return validServices ? { command: 'drain', services: services as string[] | 'all', wait: request.wait === true, keep: request.keep !== false } : undefined;
    case 'undrain':
    case 'recheck':
      return validServices ? { command: request.command, services: services as string[] | 'all' } : undefined;
    default:
      return undefined;
  }
}

export type { ReadBackReport } from '../runtime/route-readback.js';
