import { readIpPrefix } from '@exaplug/protocol';

const addressLine = /^\d+:\s+\S+\s+inet6?\s+([\da-f.:]+)\/(\d+)\s+.*/;
const labelPart = /.*\s+lo:(\S+).*/;

/** 127.0.0.0/8 and ::1 are the host's own, never a service. */
function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

/**
 * The non-loopback addresses in `ip -o address show dev lo` output, as the healthcheck
 * reads them: with a label, only those labelled `lo:<label>…`. Host bits are kept as a
 * host route (`192.0.2.1/24` on lo is the service IP 192.0.2.1).
 */
export function parseLoopbackAddresses(output: string, label: string | undefined): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    const match = addressLine.exec(line.trim());
    if (!match || isLoopback(match[1] as string)) continue;
    if (label !== undefined && !(labelPart.exec(line.trim())?.[1] ?? '').startsWith(label)) continue;
    const prefix = readIpPrefix(`${match[1]}/${match[2]}`);
    const host = readIpPrefix(match[1]);
    const chosen = typeof prefix === 'string' ? host : prefix;
    if (typeof chosen !== 'string') found.push(chosen.text);
  }
  return found;
}
