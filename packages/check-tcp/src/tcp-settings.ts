import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExaplugError, parseDuration } from '@exaplug/core/plugin';
import { toScriptStep, type ScriptStep } from './script-step.js';
import type { TcpOptions } from './tcp-options.js';

/** TLS settings with PEM contents read. */
export interface TcpTlsSettings {
  servername?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  insecure: boolean;
}

/** What one attempt needs, ready to use. */
export interface TcpSettings {
  host: string;
  port: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  script: ScriptStep[];
  maxReadBytes: number;
  tls?: TcpTlsSettings;
}

function readPem(option: string, path: string | undefined, configDir: string): Buffer | undefined {
  if (path === undefined) return undefined;
  const file = resolve(configDir, path);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ExaplugError('EXAPLUG_PLUGIN_OPTIONS', `tls.${option}: cannot read ${file}`, { cause: error });
  }
}

/** Turns validated options into settings; reads TLS files once, at start, relative to `configDir`. */
export function toTcpSettings(options: TcpOptions, configDir: string): TcpSettings {
  const tls = options.tls;
  return {
    // `[::1]` is how people write IPv6 next to a port; sockets want it bare.
    host: options.host.replace(/^\[(.*)\]$/, '$1'),
    port: options.port,
    connectTimeoutMs: parseDuration(options.connectTimeout),
    timeoutMs: parseDuration(options.timeout),
    script: options.script.map(toScriptStep),
    maxReadBytes: options.maxReadBytes,
    tls: tls && {
      servername: tls.servername,
      ca: readPem('ca', tls.ca, configDir),
      cert: readPem('cert', tls.cert, configDir),
      key: readPem('key', tls.key, configDir),
      insecure: tls.insecure,
    },
  };
}
