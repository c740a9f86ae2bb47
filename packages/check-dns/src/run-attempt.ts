/** The outcome of sending one query: a decoded response, or why there is none. */
export type DnsExchange = { kind: 'response'; packet: import('dns-packet').DecodedPacket } | { kind: 'failure'; reason: string };

type Finish = (outcome: DnsExchange) => void;

/** The runtime's words for why it cut the attempt short (`timeout after 2s`), or `aborted`. */
function abortWords(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name !== 'AbortError' && reason.message ? reason.message : 'aborted';
}

/**
 * Runs `start` until it calls `finish` or the signal aborts, whichever is first; the cleanup
 * `start` returns always runs exactly once. The signal is the attempt's one deadline (the
 * service's `timeout`): `timeout after 2s, no answer from 127.0.0.1:53`.
 */
export function runAttempt(signal: AbortSignal, where: string, start: (finish: Finish) => () => void): Promise<DnsExchange> {
  const cutShort = (): DnsExchange => ({ kind: 'failure', reason: `${abortWords(signal)}, no answer from ${where}` });
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(cutShort());
      return;
    }
    let done = false;
    let cleanup: () => void = () => {};
    const finish: Finish = (outcome) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      cleanup();
      resolve(outcome);
    };
    const onAbort = (): void => finish(cutShort());
    signal.addEventListener('abort', onAbort, { once: true });
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
