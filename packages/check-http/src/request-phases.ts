import type { Request } from 'got';

/** got's timings of one request (http-timer's, which got does not re-export). */
export type Timings = NonNullable<Request['timings']>;

/** How long each phase of the request took, in ms (got's `timings.phases`), for a result's details. */
export interface RequestPhases {
  dns?: number;
  tcp?: number;
  tls?: number;
  firstByte?: number;
  download?: number;
  total?: number;
}

const allPhases = ['dns', 'tcp', 'tls', 'firstByte', 'download', 'total'] as const;
const requestPhases = ['firstByte', 'download', 'total'] as const;

/**
 * The phases got measured for the last request of an attempt (after redirects, the final
 * one). A phase that never happened is left out: lookup, connect and TLS over a reused
 * connection, TLS on http, the download of a body cut at maxBodyBytes.
 */
export function phasesOf(timings: Timings | undefined, isReusedSocket: boolean): RequestPhases {
  const phases = timings?.phases;
  if (!phases) return {};
  const picked: RequestPhases = {};
  for (const name of isReusedSocket ? requestPhases : allPhases) {
    const ms = phases[name];
    if (ms !== undefined) picked[name] = ms;
  }
  return picked;
}

/**
 * Where a request stood when it was cut short, from got's timings: "connecting",
 * "waiting for the response", … An attempt that had not reached the socket yet says nothing.
 */
export function phaseAt(timings: Partial<Timings> | undefined, isHttps: boolean): string | undefined {
  if (timings?.socket === undefined) return undefined;
  if (timings.connect === undefined) return 'connecting';
  if (isHttps && timings.secureConnect === undefined) return 'in the TLS handshake';
  if (timings.response === undefined) return 'waiting for the response';
  return 'reading the body';
}
