/** What a reason may mention besides the error itself. */
export interface ErrorContext {
  /** `host:port` of the server. */
  where: string;
  connectTimeout: string;
  statementTimeout: string;
}

const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'cannot resolve host',
  EAI_AGAIN: 'cannot resolve host',
};

/** An error from pg or the socket below it, in an operator's words. */
export function describePgError(error: unknown, context: ErrorContext): string {
  const { code, message = String(error) } = (error ?? {}) as { code?: string; message?: string };
  const network = code ? networkReasons[code] : undefined;
  if (network) return `${network} (${context.where})`;
  // pg destroys the socket with this message when connectionTimeoutMillis passes.
  if (message === 'timeout expired') return `connect timeout after ${context.connectTimeout} (${context.where})`;
  if (message.includes('client password must be a')) {
    return 'the server asks for a password, but none is configured (passwordEnv or passwordFile)';
  }
  if (code === '57014' && message.includes('statement timeout')) return `statement timeout after ${context.statementTimeout}`;
  if (/Connection terminated/i.test(message)) return `connection lost (${context.where})`;
  return message;
}

/** True for an error that ended only the statement: the connection is still good to reuse. */
export function isStatementError(error: unknown): boolean {
  // pg's DatabaseError carries the server's severity; FATAL and PANIC end the session.
  return (error as { severity?: string } | undefined)?.severity === 'ERROR';
}

/** Replaces every secret in a text, so a server that echoes one cannot leak it into logs. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let redacted = text;
  for (const secret of secrets) if (secret) redacted = redacted.replaceAll(secret, '***');
  return redacted;
}
