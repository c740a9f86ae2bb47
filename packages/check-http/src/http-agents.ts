import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** One check's connection pool: a kept-alive connection, or a new one per attempt. */
export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
  destroy(): void;
}

/**
 * One socket per service is enough (rounds never overlap). With keepAlive the next attempt
 * reuses it: no handshake, no TIME_WAIT on either side, but the server's accept path is
 * not exercised; without it every attempt connects (and TLS-handshakes) afresh.
 */
export function createHttpAgents(keepAlive: boolean): HttpAgents {
  const options = { keepAlive, maxSockets: 1, maxFreeSockets: 1, scheduling: 'lifo' as const };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return {
    http,
    https,
    destroy() {
      http.destroy();
      https.destroy();
    },
  };
}
