import { connect, type Socket } from 'node:net';
import type { CheckWatchInput } from './define-check.js';

export interface WatchListenerOptions extends CheckWatchInput {
  host: string;
  port: number;
  /** Wait between connection attempts while the listener refuses (and after a connection that lived less). */
  retryMs: number;
  /** A connect that takes longer counts as refused. */
  connectTimeoutMs: number;
}

/**
 * A `watch` for any TCP service: holds one idle connection to the listener. When the
 * server side closes it, connects again at once: refused means the service went away
 * (a killed process: the kernel closes its sockets), and `changed` is called within a
 * round trip instead of at the next poll. Accepted again means an idle timeout, and
 * nothing is said. While refused, retries every `retryMs` and says so when it accepts
 * again. Only the listener's changes are told, never each refusal.
 */
export function watchListener(options: WatchListenerOptions): void {
  const { host, port, signal, changed, retryMs, connectTimeoutMs } = options;
  let accepting: boolean | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let socket: Socket | undefined;
  let lastReconnectAt = -Infinity;
  const onAbort = () => {
    clearTimeout(retryTimer);
    socket?.destroy();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const attempt = () => {
    if (signal.aborted) return;
    let opened = false;
    const current = connect({ host, port });
    socket = current;
    current.setTimeout(connectTimeoutMs, () => current.destroy());
    current.once('connect', () => {
      current.setTimeout(0);
      opened = true;
      if (accepting === false) changed(`${host}:${port} accepts connections again`);
      accepting = true;
    });
    // A greeting (SMTP, SSH) is read and dropped; nothing is ever sent.
    current.on('data', () => {});
    current.on('error', () => {});
    current.once('close', () => {
      if (signal.aborted) return;
      if (opened) {
        // Closed by the server: find out at once whether it still listens. A server that
        // closes every connection at once is retried at the slower pace, not in a loop.
        const now = performance.now();
        const looping = now - lastReconnectAt < retryMs;
        if (!looping) lastReconnectAt = now;
        retryTimer = setTimeout(attempt, looping ? retryMs : 0);
        return;
      }
      if (accepting === true) changed(`${host}:${port} refuses connections`);
      accepting = false;
      retryTimer = setTimeout(attempt, retryMs);
    });
  };
  attempt();
}
