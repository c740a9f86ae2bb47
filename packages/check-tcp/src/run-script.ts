import type { Socket } from 'node:net';
import type { ScriptStep } from './script-step.js';
import type { SocketReader } from './socket-reader.js';

function send(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
}

/**
 * Runs the steps in order on a connected socket. `onStep` tells the caller what it is doing
 * so a timeout can say what it was waiting for.
 */
export async function runScript(
  socket: Socket,
  reader: SocketReader,
  steps: readonly ScriptStep[],
  signal: AbortSignal,
  onStep: (activity: string) => void,
): Promise<void> {
  for (const step of steps) {
    if (step.kind === 'send') {
      onStep('while sending');
      await send(socket, step.data);
    } else {
      onStep(`waiting for ${step.label}`);
      await reader.waitFor(step.label, step.findEnd, signal);
    }
  }
}
