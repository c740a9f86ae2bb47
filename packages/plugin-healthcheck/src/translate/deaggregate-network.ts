import { ExaplugError } from '@exaplug/core/plugin';
import { readIpPrefix } from '@exaplug/protocol';

/** More host routes than this from one network is a mistake, not a service. */
const maxAddresses = 4096;

function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, index) => ((value >> BigInt(112 - 16 * index)) & 0xffffn).toString(16));
  return groups.join(':');
}

/**
 * Every address of a network as a host route, network and broadcast addresses included,
 * as the healthcheck's `--deaggregate-networks` does (`for ip in ip_network(...)`).
 * @throws ExaplugError EXAPLUG_HEALTHCHECK_ARGS for an invalid or oversized network
 */
export function deaggregateNetwork(prefix: string): string[] {
  const parsed = readIpPrefix(prefix);
  if (typeof parsed === 'string') throw new ExaplugError('EXAPLUG_HEALTHCHECK_ARGS', `argument --ip: ${JSON.stringify(prefix)} ${parsed}`);
  const width = parsed.family === 4 ? 32 : 128;
  const size = 1n << BigInt(width - parsed.length);
  if (size > BigInt(maxAddresses)) {
    throw new ExaplugError('EXAPLUG_HEALTHCHECK_ARGS', `--deaggregate-networks: ${parsed.text} holds ${size} addresses; at most ${maxAddresses}`);
  }
  return Array.from({ length: Number(size) }, (_, offset) => {
    const host = readIpPrefix(`${formatAddress(parsed.family, parsed.network + BigInt(offset))}/${width}`);
    return typeof host === 'string' ? '' : host.text;
  });
}
