import { isIP } from 'node:net';

/** Where to send queries: an IP literal and a port. */
export interface ServerAddress {
  host: string;
  port: number;
  family: 4 | 6;
}

const defaultDnsPort = 53;

/**
 * Parses `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]` or `[::1]:5353`.
 * Host names are refused on purpose: resolving the resolver would hide the failure being checked.
 */
export function parseServerAddress(text: string): ServerAddress | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return toAddress(bracketed[1] ?? '', bracketed[2], 6);
  if (isIP(text) === 6) return toAddress(text, undefined, 6);
  const [host = '', port, ...rest] = text.split(':');
  if (rest.length > 0) return undefined;
  return toAddress(host, port, 4);
}

function toAddress(host: string, portText: string | undefined, family: 4 | 6): ServerAddress | undefined {
  if (isIP(host) !== family) return undefined;
  const port = portText === undefined ? defaultDnsPort : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host, port, family };
}
