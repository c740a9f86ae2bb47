import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpResponseSummary } from './evaluate-http-response.js';
import type { HttpAgents } from './http-agents.js';
import type { HttpSettings } from './http-settings.js';
import { RequestTimeoutError, TooManyRedirectsError } from './request-errors.js';

const maxRedirects = 10;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one request (and its redirects, when asked) and reads at most maxBodyBytes of the
 * answer. Never retries. Rejects on connection, TLS, timeout or abort; any status resolves.
 * Node's own client, not got: at a thousand checks a second got's per-request machinery
 * cost four times the CPU of the request itself.
 */
export async function fetchHttpResponse(settings: HttpSettings, signal: AbortSignal, agents: HttpAgents): Promise<HttpResponseSummary> {
  const startedAt = performance.now();
  const deadline = startedAt + settings.timeoutMs;
  let url = new URL(settings.url);
  let method: string = settings.method;
  let body = settings.body;
  for (let redirects = 0; ; redirects += 1) {
    const response = await sendOnce(url, method, body, settings, signal, agents, deadline - performance.now());
    const location = response.location;
    if (!settings.followRedirects || !redirectStatuses.has(response.statusCode) || location === undefined) {
      return { ...response.summary, elapsedMs: performance.now() - startedAt };
    }
    if (redirects === maxRedirects) throw new TooManyRedirectsError(maxRedirects);
    url = new URL(location, url);
    if (response.statusCode === 303) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
    }
  }
}

interface OneResponse {
  statusCode: number;
  location: string | undefined;
  summary: Omit<HttpResponseSummary, 'elapsedMs'>;
}

function sendOnce(
  url: URL,
  method: string,
  body: string | undefined,
  settings: HttpSettings,
  signal: AbortSignal,
  agents: HttpAgents,
  remainingMs: number,
): Promise<OneResponse> {
  return new Promise((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    const { tls } = settings;
    const options = {
      method,
      headers: settings.headers,
      signal,
      agent: isHttps ? agents.https : agents.http,
      ...(isHttps && { servername: tls.servername, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: !tls.insecure }),
    };
    let settled = false;
    let request: ClientRequest | undefined = undefined;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      request?.destroy();
      reject(error);
    };
    const totalTimer = setTimeout(() => fail(new RequestTimeoutError('request', settings.timeoutMs)), Math.max(0, remainingMs));
    let connectTimer: NodeJS.Timeout | undefined;
    request = (isHttps ? httpsRequest : httpRequest)(url, options, (response: IncomingMessage) => {
      clearTimeout(connectTimer);
      readBody(response, settings.maxBodyBytes).then((summary) => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        resolve({ statusCode: summary.statusCode, location: response.headers.location, summary });
      }, fail);
    });
    request.on('error', fail);
    request.on('socket', (socket) => {
      // A reused kept-alive socket is already connected (and through TLS).
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => fail(new RequestTimeoutError('connect', settings.connectTimeoutMs)), settings.connectTimeoutMs);
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.end(body);
  });
}

/** Reads the body up to `maxBytes`; past that the response is destroyed (its socket is not reused). */
function readBody(response: IncomingMessage, maxBytes: number): Promise<Omit<HttpResponseSummary, 'elapsedMs'>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const body = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).subarray(0, maxBytes).toString('utf8');
      resolve({ statusCode: response.statusCode ?? 0, body, bodyBytes: Math.min(bodyBytes, maxBytes) });
    };
    response.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      bodyBytes += chunk.length;
      if (bodyBytes >= maxBytes) {
        // Enough to judge: stop reading a huge (or endless) body.
        finish();
        response.destroy();
      }
    });
    response.on('end', finish);
    response.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}
