import type { ExaplugConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { Clock } from '../scheduler/clock.js';
import type { DrainStore } from './drain-control.js';
import type { LineSink } from './line-sink.js';
import type { NeighborTable } from './neighbor-table.js';
import type { RuntimeEvents } from './runtime-events.js';
import type { InterfaceAddresses } from './service-addresses.js';

export interface RuntimeOptions {
  config: ExaplugConfig;
  services: PreparedService[];
  sink: LineSink;
  clock: Clock;
  logger: Logger;
  random?: () => number;
  isDisabled?: (path: string) => Promise<boolean>;
  /** ExaBGP said it is shutting down; the shell should stop and exit. */
  onShutdownMessage?: () => void;
  probeWindowMs?: number;
  /** Service IPs on an interface (`ipSetup`): added before anything is announced, removed after the withdraws. */
  addresses?: InterfaceAddresses;
  /** The table the checks were given (prepareServices); the runtime keeps it up to date. */
  neighbors?: NeighborTable;
  /** Where maintenance drains are kept (`exaplug drain`), so they survive a restart; absent: no drains. */
  drains?: DrainStore;
  /** Subscribers may be attached before start (metrics, hooks, the control socket); logging always is. */
  events?: RuntimeEvents;
}

export interface StopOptions {
  /** False when ExaBGP is gone (stdin EOF): there is nobody to withdraw from. */
  withdraw: boolean;
  /** How long to wait for ExaBGP's acks to the withdraws. */
  maxWaitMs?: number;
}
