export { check, dnsCheck } from './dns-check.js';
export { dnsOptionsSchema, recordTypes, responseCodes } from './dns-options.js';
export type { DnsOptions, RecordType } from './dns-options.js';
