import { minUptimeBeforeExitMs } from './memory-limits.js';

/** Why the process stops. */
export type StopReason =
  | { kind: 'signal'; signal: string }
  /** stdin closed: ExaBGP exited or was killed. */
  | { kind: 'exabgp-gone' }
  /** ExaBGP's `shutdown` message: its sessions are already closed. */
  | { kind: 'exabgp-shutdown' }
  | { kind: 'memory-limit' };

/** How to stop for one reason. */
export interface StopPolicy {
  /** For the log: `SIGTERM`, `stdin closed: exabgp is gone`. */
  description: string;
  /** Withdraw what is announced (when `onStop: withdraw`). */
  withdraw: boolean;
  /** How long to wait for ExaBGP's acks to the withdraws. */
  maxAckWaitMs: number;
  exitCode: number;
  /** Do not exit before the process has lived this long (ExaBGP's respawn limit). */
  minUptimeMs: number;
}

/**
 * What each reason means for the routes. Withdrawing is pointless once ExaBGP is gone or
 * has said it is shutting down (4.2 and 5.0 close their sessions before telling us), and
 * waiting for acks then only delays ExaBGP's own exit: it waits for its processes.
 */
export function stopPolicy(reason: StopReason, exabgpShuttingDown: boolean): StopPolicy {
  switch (reason.kind) {
    case 'signal':
      return { description: reason.signal, withdraw: !exabgpShuttingDown, maxAckWaitMs: 2000, exitCode: 0, minUptimeMs: 0 };
    case 'exabgp-gone':
      return { description: 'stdin closed: exabgp is gone', withdraw: false, maxAckWaitMs: 0, exitCode: 0, minUptimeMs: 0 };
    case 'exabgp-shutdown':
      return { description: 'exabgp is shutting down', withdraw: false, maxAckWaitMs: 0, exitCode: 0, minUptimeMs: 0 };
    case 'memory-limit':
      return { description: 'memory limit', withdraw: true, maxAckWaitMs: 2000, exitCode: 1, minUptimeMs: minUptimeBeforeExitMs };
  }
}
