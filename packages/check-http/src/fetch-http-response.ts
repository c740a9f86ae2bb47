import got from 'got';
import type { HttpResponseSummary } from './evaluate-http-response.js';
import type { HttpSettings } from './http-settings.js';

/**
 * Sends one request and reads at most maxBodyBytes of the answer. Never retries. Rejects
 * with got's error on connection, TLS, timeout or abort; any status resolves.
 */
export function fetchHttpResponse(settings: HttpSettings, signal: AbortSignal): Promise<HttpResponseSummary> {
  const startedAt = performance.now();
  const stream = got.stream(settings.url, {
    method: settings.method,
    headers: settings.headers,
    body: settings.body,
    signal,
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: settings.followRedirects,
    timeout: { connect: settings.connectTimeoutMs, secureConnect: settings.connectTimeoutMs, request: settings.timeoutMs },
    https: {
      serverName: settings.tls.servername,
      certificateAuthority: settings.tls.ca,
      certificate: settings.tls.cert,
      key: settings.tls.key,
      rejectUnauthorized: !settings.tls.insecure,
    },
  });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    let statusCode = 0;
    const finish = () => {
      const body = Buffer.concat(chunks).subarray(0, settings.maxBodyBytes).toString('utf8');
      resolve({ statusCode, body, bodyBytes: Math.min(bodyBytes, settings.maxBodyBytes), elapsedMs: performance.now() - startedAt });
    };
    stream.on('response', (response: { statusCode: number }) => {
      statusCode = response.statusCode;
    });
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      bodyBytes += chunk.length;
      if (bodyBytes >= settings.maxBodyBytes) {
        // Enough to judge: stop reading a huge (or endless) body.
        finish();
        stream.destroy();
      }
    });
    stream.on('end', finish);
    stream.on('error', reject);
  });
}
