import type { ServerAddress } from './parse-server-address.js';

/** `192.0.2.1:53` or `[2001:db8::1]:53`, for reasons and logs. */
export function formatServerAddress(server: ServerAddress): string {
  return server.family === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
