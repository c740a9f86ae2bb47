/** RFC 1997 / RFC 3765 / RFC 7999 well-known communities by the names ExaBGP accepts and prints. */
export const wellKnownCommunities: Readonly<Record<string, string>> = {
  'no-export': '65535:65281',
  'no-advertise': '65535:65282',
  'no-export-subconfed': '65535:65283',
  nopeer: '65535:65284',
  blackhole: '65535:666',
};

/** `no-export` → `65535:65281`; anything else unchanged. */
export function toNumericCommunity(community: string): string {
  // Own keys only: `toString` or `constructor` from a peer must stay a string.
  return Object.hasOwn(wellKnownCommunities, community) ? (wellKnownCommunities[community] as string) : community;
}
