import { Flags } from '@oclif/core';
import { sendControlRequest } from '../adapters/control-client.js';
import { loadConfig } from '../config/load-config.js';
import type { ControlRequest } from '../control/control-protocol.js';
import { ExaplugError } from '../errors.js';
import { redactSecrets } from '../redact/redact-secrets.js';

/** The flags every control verb takes: where the running exaplug listens. */
export const controlFlags = {
  config: Flags.string({ char: 'c', description: 'config of the running exaplug (its control.socket)' }),
  socket: Flags.string({ char: 's', description: 'control socket path (default: control.socket from the config)' }),
};

const defaultSocket = '/run/exaplug/exaplug.sock';

/**
 * Sends a request to the running exaplug and returns its result; the socket is the one
 * given, else the config's `control.socket` (even a config refused for other reasons
 * names its socket), else the default.
 */
export async function askRunningExaplug(flags: { config?: string | undefined; socket?: string | undefined }, request: ControlRequest, timeoutMs?: number) {
  const socket = flags.socket ?? (await socketFromConfig(flags.config));
  const response = await sendControlRequest(socket, request, timeoutMs);
  if (!response.ok) throw new ExaplugError('EXAPLUG_CONTROL_REQUEST', redactSecrets(`${response.error.message} (${response.error.code})`));
  // A check's reason may quote its target (a URL with a password): never printed.
  return redactSecrets(response.result);
}

async function socketFromConfig(path: string | undefined): Promise<string> {
  try {
    return (await loadConfig(path === undefined ? {} : { path })).control.socket;
  } catch {
    return defaultSocket;
  }
}
