import { connect, type Socket } from 'node:net';
import type { CheckWatchInput } from './define-check.js';

export interface WatchListenerOptions extends CheckWatchInput {
  host: string;
  port: number;
  /** Wait between connection attempts while the listener refuses (and after a connection that lived less). */
  retryMs: number;
  /** A connect that takes longer fails (told as a change, but not as refused: a slow service is not a dead one). */
  connectTimeoutMs: number;
}

/**
 * A `watch` for any TCP service: holds one idle connection to the listener. When the
 * server side closes it, connects again at once: refused means the service went away
 * (a killed process: the kernel closes its sockets), and `changed` is called within a
 * round trip instead of at the next poll, with `{ refused: true }` only for ECONNREFUSED
 * (conclusive: nobody listens); a connect that times out or fails otherwise is told without
 * it. Accepted again means an idle timeout, and nothing is said. While refused, retries
 * every `retryMs` and says so when it accepts again. Only the listener's changes are told,
 * never each refusal.
 */
export function watchListener(options: WatchListenerOptions): void {
  const { host, port, signal, changed, retryMs, connectTimeoutMs } = options;
  let accepting: boolean | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let socket: Socket | undefined;
  // Connections the server closed in a row, each within retryMs of the last reconnect.
  let quickCloses = 0;
  let lastReconnectAt = -Infinity;
  const onAbort = () => {
    clearTimeout(retryTimer);
    socket?.destroy();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  // Only ECONNREFUSED is evidence: nobody listens. A timeout may be a slow service.
  const tellFailure = (failure: string | undefined) => {
    if (failure === 'ECONNREFUSED') changed(`${host}:${port} refuses connections`, { refused: true });
    else if (failure === 'timeout') changed(`${host}:${port} accepts no connection within ${connectTimeoutMs} ms`);
    else changed(`${host}:${port}: connection failed (${failure ?? 'closed'})`);
  };
  const attempt = () => {
    if (signal.aborted) return;
    let opened = false;
    let failure: string | undefined;
    const current = connect({ host, port });
    socket = current;
    current.setTimeout(connectTimeoutMs, () => {
      failure = 'timeout';
      current.destroy();
    });
    current.once('connect', () => {
      current.setTimeout(0);
      opened = true;
      if (accepting === false) changed(`${host}:${port} accepts connections again`);
      accepting = true;
    });
    // A greeting (SMTP, SSH) is read and dropped; nothing is ever sent.
    current.on('data', () => {});
    current.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= error.code ?? 'error';
    });
    current.once('close', () => {
      if (signal.aborted) return;
      if (opened) {
        // Closed by the server: find out at once whether it still listens. A dying server
        // may still accept a reconnect and reset it (nginx's master keeps its listener a
        // moment after SIGTERM): quick closes in a row back off from 25 ms to retryMs,
        // so that case is seen within tens of ms while a server that closes every
        // connection costs a handful of reconnects, then one per retryMs.
        const now = performance.now();
        quickCloses = now - lastReconnectAt < retryMs ? quickCloses + 1 : 0;
        lastReconnectAt = now;
        retryTimer = setTimeout(attempt, quickCloses === 0 ? 0 : Math.min(retryMs, 25 * 2 ** (quickCloses - 1)));
        return;
      }
      if (accepting === true) tellFailure(failure);
      accepting = false;
      retryTimer = setTimeout(attempt, retryMs);
    });
  };
  attempt();
}
