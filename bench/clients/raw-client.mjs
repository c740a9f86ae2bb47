// Raw kept-alive sockets: N connections, one hand-written GET per interval each, the answer
// taken as whatever arrives. Below this, nothing in Node does HTTP for less.
import { connect } from 'node:net';

const [host, portText, countText, intervalText] = process.argv.slice(2);
const count = Number(countText);
const interval = Number(intervalText);
const requestBytes = Buffer.from(`GET /health HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
for (let i = 0; i < count; i++) {
  const socket = connect({ host, port: Number(portText) });
  socket.on('data', (chunk) => chunk.includes('ok'));
  socket.on('error', () => {});
  setTimeout(() => setInterval(() => socket.write(requestBytes), interval), (i * interval) / count);
}
