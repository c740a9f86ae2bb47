// Node's own http.Agent with keep-alive: N clients, one kept connection each, one GET per
// interval each, staggered like exaplug's services. The floor for an HTTP client in Node.
import { Agent, request } from 'node:http';

const [url, countText, intervalText] = process.argv.slice(2);
const count = Number(countText);
const interval = Number(intervalText);
for (let i = 0; i < count; i++) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () => {
    const req = request(url, { agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => Buffer.concat(chunks).toString('utf8').includes('ok'));
    });
    req.on('error', () => {});
    req.end();
  };
  setTimeout(() => setInterval(once, interval), (i * interval) / count);
}
