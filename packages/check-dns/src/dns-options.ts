import { movedTimeoutOption, z } from '@exaplug/core/plugin';
import { parseServerAddress } from './parse-server-address.js';

/** The record types this check knows how to compare. */
export const recordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SOA', 'NS'] as const;
export type RecordType = (typeof recordTypes)[number];

/** The response codes an operator may expect. */
export const responseCodes = ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED'] as const;

const expectSchema = z.union([
  z.strictObject({ contains: z.array(z.string()).min(1) }),
  z.strictObject({ equals: z.array(z.string()) }),
]);

/** Options of the `dns` check. */
export const dnsOptionsSchema = z.strictObject({
  /** `IP`, `IP:port` or `[IPv6]:port` of the server to ask. */
  server: z.string().refine((value) => parseServerAddress(value) !== undefined, {
    error: 'expected an IP address, IP:port or [IPv6]:port',
  }),
  name: z.string().min(1),
  type: z.enum(recordTypes).default('A'),
  /** Answers that must be present (`contains`) or exactly the set returned (`equals`). */
  expect: expectSchema.optional(),
  expectRcode: z.enum(responseCodes).default('NOERROR'),
  transport: z.enum(['udp', 'tcp']).default('udp'),
  timeout: movedTimeoutOption,
  /** Sets the RD bit: needed when asking a resolver, ignored by authoritative servers. */
  recursion: z.boolean().default(true),
});

export type DnsOptions = z.output<typeof dnsOptionsSchema>;
export type DnsExpectation = z.output<typeof expectSchema>;
