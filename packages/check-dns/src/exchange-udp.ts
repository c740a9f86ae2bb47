import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { ServerAddress } from './parse-server-address.js';
import { describeSocketError, runAttempt, type DnsExchange } from './run-attempt.js';
import { formatServerAddress } from './format-server-address.js';

/** Sends one query over UDP and waits for the response that carries its id; no retries. */
export function exchangeUdp(server: ServerAddress, query: Buffer, id: number, signal: AbortSignal): Promise<DnsExchange> {
  const where = formatServerAddress(server);
  return runAttempt(signal, where, (finish) => {
    const socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
    socket.on('error', (error) => finish({ kind: 'failure', reason: describeSocketError(error, where) }));
    socket.on('message', (message) => {
      const packet = decodeOrUndefined(message);
      // Late answers to an earlier query, or spoofed ones, carry another id: keep waiting.
      if (packet?.type === 'response' && packet.id === id) finish({ kind: 'response', packet });
    });
    // A connected socket receives ICMP port unreachable as ECONNREFUSED instead of silence.
    socket.connect(server.port, server.host, () => socket.send(query));
    return () => {
      try {
        socket.close();
      } catch {
        // Already closed after an error.
      }
    };
  });
}

function decodeOrUndefined(message: Buffer) {
  try {
    return dnsPacket.decode(message);
  } catch {
    return undefined;
  }
}
