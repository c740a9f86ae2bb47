import { connect } from 'node:net';

/** What came back: the text read so far, or why there was none. */
export type Conversation = { reply: string } | { error: string };

export interface ConversationTarget {
  host: string;
  port: number;
  send?: string;
  expect: string;
}

/** Replies longer than this are cut off: a health check has no reason to buffer a flood. */
const maxReplyLength = 64 * 1024;

/**
 * Connects, writes `send`, and reads until the reply contains `expect`, the peer closes,
 * or `signal` aborts. Never rejects: every failure becomes an `error` the check reports.
 */
export function converse(target: ConversationTarget, signal: AbortSignal): Promise<Conversation> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect({ host: target.host, port: target.port });
    const finish = (outcome: Conversation): void => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ error: `no reply containing ${JSON.stringify(target.expect)} in time` });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      if (target.send !== undefined) socket.write(target.send);
    });
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (reply.includes(target.expect) || reply.length > maxReplyLength) finish({ reply });
    });
    socket.on('end', () => finish({ reply }));
    socket.on('error', (error) => finish({ error: error.message }));
  });
}
