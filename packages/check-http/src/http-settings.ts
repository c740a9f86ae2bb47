import { readOptionFile } from '@exaplug/core/plugin';
import type { HttpOptions } from './http-options.js';
import { parseStatusRanges, type StatusRange } from './status-ranges.js';

/** What one attempt needs, ready to use: durations in ms, ranges, regexes, PEM contents. */
export interface HttpSettings {
  url: string;
  method: HttpOptions['method'];
  headers: Record<string, string>;
  body?: string;
  expectStatus: StatusRange[];
  degradedStatus: StatusRange[];
  expectBody?: string;
  expectBodyRegex?: RegExp;
  rejectBody?: string;
  rejectBodyRegex?: RegExp;
  degradedAfterMs?: number;
  connectTimeoutMs: number;
  followRedirects: boolean;
  maxBodyBytes: number;
  tls: { servername?: string; ca?: Buffer; cert?: Buffer; key?: Buffer; insecure: boolean };
  keepAlive: boolean;
  /** Where the watch connects (the URL's host and port), or undefined when it is off. */
  watch?: { host: string; port: number };
}

const optionalRegex = (source: string | undefined) => (source === undefined ? undefined : new RegExp(source));

/** Turns validated options into settings; reads TLS files once, at start, relative to `configDir`. */
export function toHttpSettings(options: HttpOptions, configDir: string): HttpSettings {
  return {
    url: options.url,
    method: options.method,
    headers: options.headers,
    body: options.body,
    expectStatus: parseStatusRanges(options.expectStatus),
    degradedStatus: parseStatusRanges(options.degradedStatus),
    expectBody: options.expectBody,
    expectBodyRegex: optionalRegex(options.expectBodyRegex),
    rejectBody: options.rejectBody,
    rejectBodyRegex: optionalRegex(options.rejectBodyRegex),
    degradedAfterMs: options.degradedAfter,
    connectTimeoutMs: options.connectTimeout,
    followRedirects: options.followRedirects,
    maxBodyBytes: options.maxBodyBytes,
    tls: {
      servername: options.servername,
      ca: readOptionFile('ca', options.ca, configDir),
      cert: readOptionFile('cert', options.cert, configDir),
      key: readOptionFile('key', options.key, configDir),
      insecure: options.insecure,
    },
    keepAlive: options.keepAlive,
    watch: options.watch ? listenerOf(new URL(options.url)) : undefined,
  };
}

/** The host and port a URL connects to; IPv6 literals without their brackets. */
function listenerOf(url: URL): { host: string; port: number } {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port) };
}
