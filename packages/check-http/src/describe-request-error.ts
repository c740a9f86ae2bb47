import { phaseAt, type Timings } from './request-phases.js';

/** Reasons for errors that need no more words than their code. */
const reasonsByCode: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'connection closed while sending the request',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed, try again',
  HPE_INVALID_CONSTANT: 'not an HTTP response',
};

/** What a got timeout's `event` ran out of, for people. */
const timedOutPhases: Record<string, string> = {
  lookup: 'host name lookup',
  connect: 'connect',
  secureConnect: 'TLS handshake',
};

/** The request as the reason needs it. */
export interface RequestFacts {
  /** `connectTimeout`, written for people (`2s`). */
  connectTimeout: string;
  isHttps: boolean;
}

interface GotErrorLike {
  name?: string;
  code?: string;
  message?: string;
  event?: string;
  timings?: Partial<Timings>;
}

/**
 * Turns got's errors into an operator's reason: its RequestError carries Node's code
 * (`ECONNREFUSED`, a certificate code); TimeoutError (`ETIMEDOUT`) the phase in `event`
 * (only connectTimeout's timers are got's: the attempt's deadline is the runtime's signal);
 * MaxRedirectsError `ERR_TOO_MANY_REDIRECTS`; ReadError a response cut short.
 */
export function describeRequestError(error: unknown, facts: RequestFacts): string {
  const { name, code, message = String(error), event, timings } = (error ?? {}) as GotErrorLike;
  if (name === 'TimeoutError' && event !== undefined) return `${timedOutPhases[event] ?? event} timeout after ${facts.connectTimeout}`;
  if (code === 'ERR_TOO_MANY_REDIRECTS') return 'too many redirects';
  if (name === 'ReadError') {
    const why = code !== undefined && reasonsByCode[code] !== undefined ? reasonsByCode[code] : message;
    return `${why} while ${phaseAt(timings, facts.isHttps) ?? 'reading the body'}`;
  }
  if (code !== undefined && reasonsByCode[code] !== undefined) return reasonsByCode[code];
  // Node's TLS verification codes (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID,
  // CERT_HAS_EXPIRED, ...) come with readable messages; handshake failures have ERR_SSL_ codes.
  if (code !== undefined && /CERT|TLS|SSL/.test(code)) return `TLS: ${message}`;
  return message;
}

/**
 * The reason for an attempt its signal cut short: the runtime's words (`timeout after 2s`,
 * the service's timeout) and where the request stood, from got's timings:
 * `timeout after 2s while waiting for the response`.
 */
export function describeCutShort(signal: AbortSignal, error: unknown, isHttps: boolean): string {
  const reason: unknown = signal.reason;
  const said = reason instanceof Error && reason.name !== 'AbortError' && reason.message ? reason.message : 'aborted';
  const phase = phaseAt((error as GotErrorLike | undefined)?.timings, isHttps);
  return phase === undefined ? said : `${said} while ${phase}`;
}
