import type pg from 'pg';
import type { ConnectOutcome } from './connect-client.js';

/** One persistent connection per service, reopened on demand after a failure. */
export interface ClientKeeper {
  /** The connected client, connecting first if needed; concurrent callers share one attempt. */
  acquire(): Promise<ConnectOutcome>;
  /** Drops a client that failed or is stuck, so the next acquire reconnects. */
  discard(client: pg.Client): void;
  close(): Promise<void>;
}

/**
 * Keeps at most one client and at most one connection attempt in flight, so a flapping
 * server sees one reconnect per check interval, never a storm.
 */
export function keepClient(connect: (onLost: (client: pg.Client) => void) => Promise<ConnectOutcome>): ClientKeeper {
  let current: pg.Client | undefined;
  let pending: Promise<ConnectOutcome> | undefined;
  let isClosed = false;

  const discard = (client: pg.Client): void => {
    if (current === client) current = undefined;
    client.end().catch(() => {});
  };

  const acquire = (): Promise<ConnectOutcome> => {
    if (isClosed) return Promise.resolve({ kind: 'failure', reason: 'check is closed' });
    if (current) return Promise.resolve({ kind: 'connected', client: current });
    pending ??= connect(discard).then((outcome) => {
      pending = undefined;
      if (outcome.kind !== 'connected') return outcome;
      if (isClosed) {
        discard(outcome.client);
        return { kind: 'failure', reason: 'check is closed' };
      }
      current = outcome.client;
      return outcome;
    });
    return pending;
  };

  const close = async (): Promise<void> => {
    isClosed = true;
    await pending;
    const client = current;
    current = undefined;
    if (!client) return;
    // A server that stopped answering must not hold up exaplug's shutdown.
    await Promise.race([client.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  };

  return { acquire, discard, close };
}
