import { createRequire } from 'node:module';
import { pino, type Logger as PinoLogger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevel } from '../logger.js';
import { redactSecrets } from '../redact/redact-secrets.js';

export type { LogLevel } from '../logger.js';

/**
 * pino writing synchronously to fd 2. Never stdout (ExaBGP's), never a transport worker:
 * ExaBGP SIGTERMs its processes and asynchronous transports lose the last lines.
 * Pretty, still synchronous, when a person is watching stderr. Secrets are redacted from
 * every call's arguments (URLs with passwords, tokens, connection strings in messages,
 * details and errors) and, as a second net, from the usual header and password fields.
 */
export function createLogger(options: { level: LogLevel; pretty?: boolean; name?: string }): PinoLogger {
  const isPretty = options.pretty ?? Boolean(process.stderr.isTTY);
  // Loaded only for a person at a terminal: ExaBGP's stderr is never one, and the import
  // costs about 50 ms of every start.
  const pretty = isPretty ? (createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty) : undefined;
  const destination = pretty
    ? pretty({ destination: 2, sync: true, colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' })
    : pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level: options.level,
      name: options.name ?? 'exaplug',
      base: { pid: process.pid },
      redact: { paths: redactedPaths, censor: '***' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactSecrets(args));
        },
      },
    },
    destination,
  );
}

/** Fields pino itself censors, whatever the hook above let through. */
const redactedPaths = ['password', '*.password', 'headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie'];
