// A bare loop of got configured as @exaplug/check-http configures it (create-got-client.ts):
// N clients, each one got.extend instance with its own keep-alive agent of one socket, its
// options prepared once with the URL, one stream request per interval with a fresh signal
// (the attempt's deadline), the body read up to 64 KiB and looked at. Staggered like
// exaplug's services. exaplug ÷ this is the framework's cost of an HTTP check.
import { Agent } from 'node:http';
import got, { Options } from 'got';

const [url, countText, intervalText] = process.argv.slice(2);
const count = Number(countText);
const interval = Number(intervalText);
const maxBodyBytes = 65_536;

function createClient() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, scheduling: 'lifo' });
  const instance = got.extend({
    method: 'GET',
    headers: {},
    agent: { http: agent },
    retry: { limit: 0 },
    decompress: false,
    throwHttpErrors: false,
    followRedirect: false,
    maxRedirects: 10,
    https: { rejectUnauthorized: true },
    timeout: {},
  });
  const prepared = new Options(url, undefined, instance.defaults.options);
  return () =>
    new Promise((resolve) => {
      const stream = instance(undefined, { signal: new AbortController().signal, isStream: true }, prepared);
      const chunks = [];
      let bytes = 0;
      stream.once('response', () => {});
      stream.on('data', (chunk) => {
        chunks.push(chunk);
        bytes += chunk.length;
        if (bytes >= maxBodyBytes) stream.destroy();
      });
      stream.once('end', () => resolve(Buffer.concat(chunks).toString('utf8').includes('ok')));
      stream.once('error', () => resolve(false));
    });
}

for (let i = 0; i < count; i++) {
  const once = createClient();
  setTimeout(() => setInterval(once, interval), (i * interval) / count);
}
