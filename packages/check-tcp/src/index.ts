export { check, tcpCheck } from './tcp-check.js';
export { tcpOptionsSchema } from './tcp-options.js';
export type { TcpOptions } from './tcp-options.js';
