import type { ClientRequest, IncomingMessage } from 'node:http';
import type { StartRequest } from './create-got-client.js';
import type { HttpResponseSummary } from './evaluate-http-response.js';
import { phasesOf } from './request-phases.js';

/**
 * Sends one request (and its redirects, when the client follows them) and reads at most
 * `maxBodyBytes` of the answer: past that the request is destroyed (its socket is not
 * reused) instead of reading a huge or endless body. Rejects with got's errors; any status
 * resolves.
 */
export function readHttpResponse(startRequest: StartRequest, signal: AbortSignal, maxBodyBytes: number): Promise<Omit<HttpResponseSummary, 'elapsedMs'>> {
  return new Promise((resolve, reject) => {
    const stream = startRequest(signal);
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    let statusCode = 0;
    let isReusedSocket = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const body = whole.subarray(0, maxBodyBytes).toString('utf8');
      resolve({ statusCode, body, bodyBytes: Math.min(bodyBytes, maxBodyBytes), phases: phasesOf(stream.timings, isReusedSocket) });
    };
    // Node sets `req` on every client response; its types leave it out.
    stream.once('response', (response: IncomingMessage & { req?: ClientRequest }) => {
      statusCode = response.statusCode ?? 0;
      isReusedSocket = response.req?.reusedSocket === true;
    });
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      bodyBytes += chunk.length;
      if (bodyBytes >= maxBodyBytes) {
        // Enough to judge: stop reading.
        finish();
        stream.destroy();
      }
    });
    stream.once('end', finish);
    stream.once('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
  });
}
