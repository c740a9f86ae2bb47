import { readOptionFile } from '@exaplug/core/plugin';
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
  script: ScriptStep[];
  maxReadBytes: number;
  tls?: TcpTlsSettings;
}

/** Turns validated options into settings; reads TLS files once, at start, relative to `configDir`. */
export function toTcpSettings(options: TcpOptions, configDir: string): TcpSettings {
  const tls = options.tls;
  return {
    // `[::1]` is how people write IPv6 next to a port; sockets want it bare.
    host: options.host.replace(/^\[(.*)\]$/, '$1'),
    port: options.port,
    connectTimeoutMs: options.connectTimeout,
    script: options.script.map(toScriptStep),
    maxReadBytes: options.maxReadBytes,
    tls: tls && {
      servername: tls.servername,
      ca: readOptionFile('tls.ca', tls.ca, configDir),
      cert: readOptionFile('tls.cert', tls.cert, configDir),
      key: readOptionFile('tls.key', tls.key, configDir),
      insecure: tls.insecure,
    },
  };
}
