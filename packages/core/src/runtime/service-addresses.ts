import type { Logger } from '../logger.js';

/**
 * The service IPs on an interface (`lo` by default), as ExaBGP's healthcheck sets them up:
 * the port the runtime needs, implemented by `adapters/interface-addresses.ts` (so runtime/
 * does not depend on adapters/, even for a type).
 */
export interface InterfaceAddresses {
  /** Adds each host address that is not there yet; remembers which ones it added. */
  add(prefixes: readonly string[]): Promise<void>;
  /** Removes those of `prefixes` it added (a service a reload removed), never one that was there before it. */
  remove(prefixes: readonly string[]): Promise<void>;
  /** Removes every address it added, never one that was there before it. */
  removeAdded(): Promise<void>;
}

/**
 * The service IPs on an interface (`ipSetup`), in the only safe order: added before
 * anything is announced, removed only once ExaBGP has acknowledged their withdraws. The
 * other order black-holes traffic. Without `ipSetup` every step is a no-op.
 */
export class ServiceAddresses {
  private readonly addresses: InterfaceAddresses | undefined;
  private readonly logger: Logger;

  constructor(addresses: InterfaceAddresses | undefined, logger: Logger) {
    this.addresses = addresses;
    this.logger = logger;
  }

  /** False when the IPs could not be put on the interface: announcing them would black-hole traffic. */
  async setUp(ips: readonly string[]): Promise<boolean> {
    if (!this.addresses) return true;
    try {
      await this.addresses.add(ips);
      return true;
    } catch (error) {
      this.logger.error({ err: error, code: 'EXAPLUG_IP_SETUP' }, 'cannot put the service IPs on the interface: nothing will be announced');
      return false;
    }
  }

  /** A reload added services: their IPs go on before they can announce. */
  async add(ips: readonly string[]): Promise<void> {
    await this.addresses?.add(ips);
  }

  /**
   * Takes IPs no service owns any more off the interface once `withdrawn` says ExaBGP has
   * acknowledged their withdraws. Unacknowledged in time, they stay (an address costs
   * nothing; a route without one does).
   */
  async release(ips: readonly string[], withdrawn: () => Promise<boolean>): Promise<void> {
    if (!this.addresses || ips.length === 0) return;
    if (await withdrawn()) await this.addresses.remove(ips);
    else this.logger.warn({ addresses: ips }, 'withdraws not acknowledged in time: the addresses of removed services stay on the interface');
  }

  /** At stop, after the withdraws: every IP exaplug added. */
  async removeAdded(): Promise<void> {
    await this.addresses?.removeAdded();
  }
}
