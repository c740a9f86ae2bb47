import type { Socket } from 'node:net';
import { type CheckResult, defineCheck, describeAbort, failed, formatDuration, healthy, watchListener } from '@exaplug/core/plugin';
import { describeReceived } from './describe-received.js';
import { describeSocketError } from './describe-socket-error.js';
import { openConnection } from './open-connection.js';
import { runScript } from './run-script.js';
import { createSocketReader, type SocketReader } from './socket-reader.js';
import { TcpFailure } from './tcp-failure.js';
import { tcpOptionsSchema } from './tcp-options.js';
import { toTcpSettings, type TcpSettings } from './tcp-settings.js';

async function attempt(settings: TcpSettings, signal: AbortSignal, sockets: Set<Socket>): Promise<CheckResult> {
  const startedAt = performance.now();
  const ownTimeout = AbortSignal.timeout(settings.timeoutMs);
  const deadline = AbortSignal.any([signal, ownTimeout]);
  let activity = 'connecting';
  let socket: Socket | undefined;
  let reader: SocketReader | undefined;
  try {
    socket = await openConnection(settings, deadline);
    sockets.add(socket);
    reader = createSocketReader(socket, settings.maxReadBytes);
    await runScript(socket, reader, settings.script, deadline, (now) => (activity = now));
    const elapsedMs = performance.now() - startedAt;
    const what = settings.script.length === 0 ? 'connected' : `connected, ${settings.script.length} script steps passed`;
    return healthy(`${what} in ${formatDuration(elapsedMs)}`, { elapsedMs: Math.round(elapsedMs) });
  } catch (error) {
    if (signal.aborted) return failed(describeAbort(signal));
    if (ownTimeout.aborted) {
      const received = reader && activity.startsWith('waiting') ? `, ${describeReceived(reader.unconsumed())}` : '';
      return failed(`timeout after ${formatDuration(settings.timeoutMs)} ${activity}${received}`);
    }
    if (error instanceof TcpFailure) return failed(error.message);
    return failed(describeSocketError(error));
  } finally {
    socket?.destroy();
    if (socket) sockets.delete(socket);
  }
}

/** Connects to host:port, optionally over TLS, and runs a send/expect script. */
export const check = defineCheck({
  name: 'tcp',
  coreVersion: '^0.1.0',
  options: tcpOptionsSchema,
  create(options, context) {
    const settings = toTcpSettings(options, context.configDir);
    const sockets = new Set<Socket>();
    return {
      run: ({ signal }) => attempt(settings, signal, sockets),
      ...(options.watch && {
        watch: (input) => watchListener({ ...input, host: settings.host, port: settings.port, retryMs: 1000, connectTimeoutMs: settings.connectTimeoutMs }),
      }),
      close() {
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      },
    };
  },
});

/** The same check under a name that says what it is, for imports beside other checks. */
export const tcpCheck = check;
