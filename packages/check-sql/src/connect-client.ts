import pg from 'pg';
import { describePgError, type ErrorContext } from './describe-pg-error.js';
import { readPassword } from './read-password.js';

/** A connected client, or why there is none (already in an operator's words). */
export type ConnectOutcome = { kind: 'connected'; client: pg.Client } | { kind: 'failure'; reason: string };

/** Everything needed to open a connection; the password is read anew for each one. */
export interface ConnectSettings {
  config: pg.ClientConfig;
  password: { passwordEnv?: string; passwordFile?: string };
  configDir: string;
  timeouts: Omit<ErrorContext, 'where'>;
  /** Collects every password seen, so reasons can be scrubbed of them. */
  secrets: Set<string>;
}

/** Opens one connection; `onLost` fires once if the server or the network ends it later. */
export async function connectClient(settings: ConnectSettings, onLost: (client: pg.Client) => void): Promise<ConnectOutcome> {
  const password = await readPassword(settings.password, settings.configDir);
  if (password.kind === 'missing') return { kind: 'failure', reason: password.reason };
  const client = new pg.Client(settings.config);
  // With a connectionString pg takes the password from the URL only, so set it afterwards.
  if (password.password !== undefined) client.password = password.password;
  if (typeof client.password === 'string') settings.secrets.add(client.password);
  let isLost = false;
  const markLost = (): void => {
    if (isLost) return;
    isLost = true;
    onLost(client);
  };
  // Without an 'error' listener a server shutdown would crash the whole process.
  client.on('error', markLost);
  client.on('end', markLost);
  try {
    await client.connect();
    return { kind: 'connected', client };
  } catch (error) {
    isLost = true;
    client.end().catch(() => {});
    return { kind: 'failure', reason: describePgError(error, { ...settings.timeouts, where: describeTarget(client) }) };
  }
}

/** `host:port` of a client, for reasons. */
export function describeTarget(client: pg.Client): string {
  return `${client.host}:${client.port}`;
}
