/**
 * Reading a failover out of the route servers' own logs, stamped by the servers to the
 * microsecond in local time: BIRD's route trace (`timeformat log iso long us`, `debug {
 * routes }`) and FRR bgpd's debug log (`log timestamp precision 6`, `debug bgp updates in`,
 * `debug bgp bestpath`).
 */

/** When a route server received the primary's down UPDATE and when it held the backup as best (µs since the epoch). */
export interface ServerMoment {
  receivedUs?: number;
  bestUs?: number;
}

const stampPattern = /^(\d{4})[-/](\d{2})[-/](\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6}) /;

/** A log line's leading `2026-12-07 14:17:27.797207` (BIRD) or `2026/12/07 14:17:27.797207` (FRR), local time, as µs since the epoch. */
export function parseLogStampUs(line: string): number | undefined {
  const m = stampPattern.exec(line);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, micros] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return new Date(year, month - 1, day, hour, minute, second).getTime() * 1000 + micros;
}

function firstAfter(lines: readonly string[], sinceUs: number, accept: (line: string) => boolean): number | undefined {
  for (const line of lines) {
    const at = parseLogStampUs(line);
    if (at !== undefined && at >= sinceUs && accept(line)) return at;
  }
  return undefined;
}

/**
 * BIRD (rs1): `<TRACE> w1.ipv6 > added 2001:db8:30::3/128 …` is the primary's UPDATE
 * entering the table, no longer `[best]`; `<TRACE> r1.ipv6 < replaced 2001:db8:30::3/128 …`
 * is the new best path exported to r1, which only ever gets the best path. BIRD 2.0 runs
 * both in the same event, so the two stamps are microseconds apart.
 */
export function findBirdMoment(lines: readonly string[], sinceUs: number, ip: string, primary: string): ServerMoment {
  const net = ` ${ip}/128 `;
  const receivedUs = firstAfter(lines, sinceUs, (line) => line.includes(`<TRACE> ${primary}.ipv6 > `) && line.includes(net) && !line.includes('[best]'));
  if (receivedUs === undefined) return {};
  const bestUs = firstAfter(lines, receivedUs, (line) => line.includes('<TRACE> r1.ipv6 < ') && line.includes(net));
  return { receivedUs, bestUs };
}

/**
 * FRR (rs2): `<primary> rcvd 2001:db8:30::3/128 IPv6 unicast` is the UPDATE parsed;
 * `2001:db8:30::3/128(VRF default): After path selection, newbest is path <backup>` is
 * bgp_process's best-path run, which waits in bgpd's work queue after the receipt.
 */
export function findFrrMoment(lines: readonly string[], sinceUs: number, ip: string, primaryAddress: string, backupAddress: string): ServerMoment {
  const receivedUs = firstAfter(lines, sinceUs, (line) => line.includes(` ${primaryAddress}(`) && line.includes(` rcvd ${ip}/128 `));
  if (receivedUs === undefined) return {};
  const bestUs = firstAfter(lines, receivedUs, (line) => line.includes(` ${ip}/128(`) && line.includes(`newbest is path ${backupAddress} `));
  return { receivedUs, bestUs };
}

/**
 * r1 (BIRD, the route servers' one client): `<TRACE> rs3.ipv6 > added [best] 2001:db8:30::3/128 …`
 * is the route server's new best path arriving; after the server's own record, this adds its
 * sending (FRR's update-group timers) and the wire: a check of the servers' records too.
 */
export function findRouterReceipt(lines: readonly string[], sinceUs: number, ip: string, routeServer: string): number | undefined {
  return firstAfter(lines, sinceUs, (line) => line.includes(`<TRACE> ${routeServer}.ipv6 > `) && line.includes(` ${ip}/128 `));
}
