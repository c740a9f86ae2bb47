/** Reasons for socket errors that need no more words than their code. */
const reasonsByCode: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed, try again',
};

/** Turns a Node socket or TLS error into an operator's reason. */
export function describeSocketError(error: unknown): string {
  const { code, message = String(error) } = (error ?? {}) as { code?: string; message?: string };
  if (code !== undefined && reasonsByCode[code] !== undefined) return reasonsByCode[code];
  // Node's TLS verification codes (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, ...)
  // come with readable messages; handshake failures from OpenSSL have ERR_SSL_ codes.
  if (code !== undefined && /CERT|TLS|SSL/.test(code)) return `TLS: ${message}`;
  return message;
}
