import { connect } from 'node:net';

/** One request on exaplug's control socket (one JSON object per line each way, as `exaplug drain|reload` send it). */
export function askControlSocket(path: string, request: Record<string, unknown>, timeoutMs = 15_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${path}: no answer to ${JSON.stringify(request)} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk) => {
      received += chunk.toString();
      const newline = received.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      socket.end();
      const response = JSON.parse(received.slice(0, newline)) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
      if (response.ok) resolve(response.result);
      else reject(new Error(`${request.command as string}: ${response.error?.message} (${response.error?.code})`));
    });
  });
}
