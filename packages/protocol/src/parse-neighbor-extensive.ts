import { isIP } from './ip-address.js';

/** One neighbor of `show neighbor extensive`: its session state and the families it is configured for. */
export interface NeighborDescription {
  peer: string;
  /** Lower case, as in ExaBGP's FSM: `established`, `idle`, `active`, … */
  state: string;
  /** The peer's AS (the Setup table's Remote column), when known. */
  peerAs?: number;
  /**
   * The families ExaBGP is configured to carry on this session (`ipv4 unicast`), from the
   * Local column: a route of any other family is never sent there, whatever the peer offers.
   */
  families: string[];
}

/**
 * Reads the answer of `show neighbor extensive` (4.2 and 5.0), a block per configured
 * neighbor, established or not:
 * ```
 * Neighbor 127.0.0.1
 *    state                    ESTABLISHED
 *   Setup                           Local          Remote
 *    AS                             65001           65002
 *   Families                        Local          Remote        Add-Path
 *    ipv4 unicast:                enabled         enabled        disabled
 * ```
 * Lines of other sections are skipped.
 */
export function parseNeighborExtensive(lines: readonly string[]): NeighborDescription[] {
  const neighbors: NeighborDescription[] = [];
  let current: NeighborDescription | undefined;
  let section = '';
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'Neighbor' && words[1] && isIP(words[1]) !== 0) {
      current = { peer: words[1], state: 'unknown', families: [] };
      neighbors.push(current);
      section = '';
      continue;
    }
    if (!current) continue;
    // Section headers name their columns ("Families  Local  Remote  Add-Path"); indentation
    // is not relied on, since a line may reach us trimmed.
    if (words[1] === 'Local' || words[1] === 'Statistic') section = (words[0] ?? '').toLowerCase();
    else readRow(current, section, words);
  }
  return neighbors;
}

function readRow(neighbor: NeighborDescription, section: string, words: string[]): void {
  if (section === 'session' && words[0] === 'state' && words[1]) neighbor.state = words[1].toLowerCase();
  if (section === 'setup' && words[0] === 'AS' && /^\d+$/.test(words[2] ?? '')) neighbor.peerAs = Number(words[2]);
  if (section === 'families' && words.length >= 3 && words[1]?.endsWith(':') && words[2] === 'enabled') {
    neighbor.families.push(`${words[0]} ${words[1].slice(0, -1)}`);
  }
}
