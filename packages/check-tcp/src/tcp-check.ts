import type { Socket } from 'node:net';
import { type CheckResult, defineCheck, failed, formatDuration, healthy, watchListener } from '@exaplug/core/plugin';
import { describeReceived } from './describe-received.js';
import { describeSocketError } from './describe-socket-error.js';
import { openConnection } from './open-connection.js';
import { runScript } from './run-script.js';
import { createSocketReader, type SocketReader } from './socket-reader.js';
import { TcpFailure } from './tcp-failure.js';
import { tcpOptionsSchema } from './tcp-options.js';
import { toTcpSettings, type TcpSettings } from './tcp-settings.js';

/** The runtime's words for why it cut the attempt short (`timeout after 2s`), or `aborted`. */
function abortWords(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name !== 'AbortError' && reason.message ? reason.message : 'aborted';
}

/**
 * One attempt. Its one deadline is the runtime's signal (the service's `timeout`);
 * connectTimeout only bounds the connect, and only when it is shorter than that deadline.
 */
async function attempt(settings: TcpSettings, signal: AbortSignal, deadlineMs: number | undefined, sockets: Set<Socket>): Promise<CheckResult> {
  const startedAt = performance.now();
  let activity = 'while connecting';
  let socket: Socket | undefined;
  let reader: SocketReader | undefined;
  try {
    const connectTimeoutMs = deadlineMs !== undefined && settings.connectTimeoutMs >= deadlineMs ? undefined : settings.connectTimeoutMs;
    socket = await openConnection({ ...settings, connectTimeoutMs }, signal);
    sockets.add(socket);
    reader = createSocketReader(socket, settings.maxReadBytes);
    await runScript(socket, reader, settings.script, signal, (now) => (activity = now));
    const elapsedMs = performance.now() - startedAt;
    const what = settings.script.length === 0 ? 'connected' : `connected, ${settings.script.length} script steps passed`;
    return healthy(`${what} in ${formatDuration(elapsedMs)}`, { elapsedMs: Math.round(elapsedMs) });
  } catch (error) {
    if (signal.aborted) {
      const received = reader && activity.startsWith('waiting') ? `, ${describeReceived(reader.unconsumed())}` : '';
      return failed(`${abortWords(signal)} ${activity}${received}`);
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
      run: ({ signal, timeoutMs }) => attempt(settings, signal, timeoutMs, sockets),
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
