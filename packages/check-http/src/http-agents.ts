import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** One check's connection pool: a kept-alive connection, or a new one per attempt. */
export interface HttpAgents {
  http?: HttpAgent;
  https?: HttpsAgent;
  destroy(): void;
}

/** How the check's requests may go: the URL's scheme, and both when redirects are followed. */
export interface AgentNeeds {
  keepAlive: boolean;
  http: boolean;
  https: boolean;
  servername?: string;
}

/**
 * One socket per service is enough (rounds never overlap). With keepAlive the next attempt
 * reuses it: no handshake, no TIME_WAIT on either side, but the server's accept path is
 * not exercised; without it every attempt connects (and TLS-handshakes) afresh. Explicit
 * agents even then: Node's global agent keeps connections alive since Node 19. Only the
 * schemes the check can reach get one (a thousand unused agents are a thousand Maps).
 * `servername` lives here because got has no option for it: an agent's options override
 * the request's when Node opens the TLS socket.
 */
export function createHttpAgents(needs: AgentNeeds): HttpAgents {
  const options = { keepAlive: needs.keepAlive, maxSockets: 1, maxFreeSockets: 1, scheduling: 'lifo' as const };
  const http = needs.http ? new HttpAgent(options) : undefined;
  const https = needs.https ? new HttpsAgent(needs.servername === undefined ? options : { ...options, servername: needs.servername }) : undefined;
  return {
    http,
    https,
    destroy() {
      http?.destroy();
      https?.destroy();
    },
  };
}
