import { createConnection } from 'node:net';
import dnsPacket from 'dns-packet';
import { formatServerAddress } from './format-server-address.js';
import type { ServerAddress } from './parse-server-address.js';
import { describeSocketError, runAttempt, type DnsExchange } from './run-attempt.js';

/** Sends one query over TCP (RFC 1035 §4.2.2: each message is preceded by a 2-byte length). */
export function exchangeTcp(server: ServerAddress, query: Buffer, id: number, signal: AbortSignal): Promise<DnsExchange> {
  const where = formatServerAddress(server);
  return runAttempt(signal, where, (finish) => {
    const socket = createConnection({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    socket.on('error', (error) => finish({ kind: 'failure', reason: describeSocketError(error, where) }));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
      finish(decodeResponse(received.subarray(2, 2 + received.readUInt16BE(0)), id));
    });
    socket.on('end', () => finish({ kind: 'failure', reason: `server closed the connection before answering (${where})` }));
    return () => socket.destroy();
  });
}

function decodeResponse(message: Buffer, id: number): DnsExchange {
  try {
    const packet = dnsPacket.decode(message);
    if (packet.id !== id) return { kind: 'failure', reason: `response id ${packet.id} does not match query id ${id}` };
    return { kind: 'response', packet };
  } catch (error) {
    return { kind: 'failure', reason: `malformed response: ${(error as Error).message}` };
  }
}
