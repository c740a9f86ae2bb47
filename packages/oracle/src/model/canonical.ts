/** One spelling per address: IPv6 compressed and lower-case (as WHATWG URLs write it), IPv4 as is. */
export function canonicalAddress(address: string): string {
  if (!address.includes(':')) return address;
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** One spelling per prefix: canonical address, explicit length. */
export function canonicalPrefix(prefix: string): string {
  const [address = '', length] = prefix.split('/');
  const canonical = canonicalAddress(address);
  return `${canonical}/${length ?? (canonical.includes(':') ? 128 : 32)}`;
}
