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
  ERR_TOO_MANY_REDIRECTS: 'too many redirects',
  HPE_INVALID_CONSTANT: 'not an HTTP response',
};

/** The timeouts in force, written for people (`2s`). */
export interface TimeoutWords {
  connect: string;
  total: string;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  event?: string;
}

// The timeout error tells which phase ran out of time; these are all before the connection is usable.
const connectPhases = new Set(['lookup', 'socket', 'connect', 'secureConnect']);

/** Turns an error from the request (Node's, or our timeout and redirect errors) into an operator's reason. */
export function describeRequestError(error: unknown, timeouts: TimeoutWords): string {
  const { name, code, message = String(error), event } = (error ?? {}) as ErrorLike;
  if (name === 'TimeoutError') {
    return event !== undefined && connectPhases.has(event)
      ? `connect timeout after ${timeouts.connect}`
      : `timeout after ${timeouts.total}`;
  }
  if (code !== undefined && reasonsByCode[code] !== undefined) return reasonsByCode[code];
  // Node's TLS verification codes (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID,
  // CERT_HAS_EXPIRED, ...) come with readable messages.
  if (code !== undefined && /CERT|TLS|SSL/.test(code)) return `TLS: ${message}`;
  return message;
}
