import { connect as connectPlain, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { formatDuration } from '@exaplug/core/plugin';
import type { TcpSettings } from './tcp-settings.js';
import { TcpFailure } from './tcp-failure.js';

/** Where to connect; without connectTimeoutMs only the signal bounds the connect. */
type Target = Pick<TcpSettings, 'host' | 'port' | 'tls'> & { connectTimeoutMs: number | undefined };

function startSocket(target: Target): { socket: Socket; readyEvent: string } {
  const { host, port, tls } = target;
  if (!tls) return { socket: connectPlain({ host, port }), readyEvent: 'connect' };
  const socket = connectTls({
    host,
    port,
    // SNI takes names only; Node warns when given an IP address.
    servername: tls.servername ?? (isIP(host) ? undefined : host),
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: !tls.insecure,
  });
  return { socket, readyEvent: 'secureConnect' };
}

/**
 * Connects (and completes the TLS handshake, if asked) within connectTimeoutMs, when given.
 * Rejects with a TcpFailure on connect timeout, with the socket error otherwise, or with
 * `signal.reason`.
 */
export function openConnection(target: Target, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const { socket, readyEvent } = startSocket(target);
    const settle = (error?: unknown) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.off('error', settle);
      if (error === undefined) {
        resolve(socket);
      } else {
        socket.destroy();
        reject(error);
      }
    };
    const onAbort = () => settle(signal.reason);
    const { connectTimeoutMs } = target;
    const timer =
      connectTimeoutMs === undefined
        ? undefined
        : setTimeout(() => settle(new TcpFailure(`connect timeout after ${formatDuration(connectTimeoutMs)}`)), connectTimeoutMs);
    socket.once(readyEvent, () => settle());
    socket.on('error', settle);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
