/** The outcome of sending one query: a decoded response, or why there is none. */
export type DnsExchange = { kind: 'response'; packet: import('dns-packet').DecodedPacket } | { kind: 'failure'; reason: string };

/** How long one attempt may take and who may cut it short. */
export interface AttemptLimits {
  signal: AbortSignal;
  timeoutMs: number;
  /** Said when the timeout fires, e.g. "timeout after 2s". */
  timeoutReason: string;
}

type Finish = (outcome: DnsExchange) => void;

/**
 * Runs `start` until it calls `finish`, the timeout fires or the signal aborts, whichever is
 * first; the cleanup `start` returns always runs exactly once.
 */
export function runAttempt(limits: AttemptLimits, start: (finish: Finish) => () => void): Promise<DnsExchange> {
  return new Promise((resolve) => {
    if (limits.signal.aborted) {
      resolve({ kind: 'failure', reason: 'aborted' });
      return;
    }
    let done = false;
    let cleanup: () => void = () => {};
    const finish: Finish = (outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      limits.signal.removeEventListener('abort', onAbort);
      cleanup();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ kind: 'failure', reason: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'failure', reason: limits.timeoutReason }), limits.timeoutMs);
    limits.signal.addEventListener('abort', onAbort, { once: true });
    cleanup = start(finish);
    if (done) cleanup();
  });
}

const socketErrorReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

/** A socket error in an operator's words ("connection refused"), with the server's address. */
export function describeSocketError(error: NodeJS.ErrnoException, where: string): string {
  const known = error.code ? socketErrorReasons[error.code] : undefined;
  return `${known ?? error.message} (${where})`;
}
