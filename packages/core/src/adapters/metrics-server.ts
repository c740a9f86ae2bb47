import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { parseListenAddress } from '../config/listen-address.js';
import type { Logger } from '../logger.js';

/** Serves `GET /metrics` in the Prometheus text format; anything else is a 404. */
export async function startMetricsServer(registry: Registry, listen: string, logger: Logger): Promise<Server> {
  // The config schema refused a malformed address already.
  const { host, port } = parseListenAddress(listen) ?? { host: '127.0.0.1', port: 9324 };
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics could not be collected');
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host === '' ? undefined : host, () => resolve());
  });
  server.unref();
  logger.info({ listen }, 'metrics listening');
  return server;
}
