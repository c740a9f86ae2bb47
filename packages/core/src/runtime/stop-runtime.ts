import { closeServices } from '../loading/prepare-services.js';
import type { StopOptions } from './runtime-options.js';
import type { RuntimeParts } from './runtime-parts.js';

/**
 * Stops the checks and the read-back, withdraws what is announced (unless ExaBGP is gone
 * or `onStop: keep`) and waits for the acks, removes the addresses it added, closes the plugins.
 */
export async function stopRuntime(parts: RuntimeParts, { withdraw, maxWaitMs = 2000 }: StopOptions): Promise<void> {
  parts.services.stop();
  parts.readback.stop();
  if (withdraw && parts.config.onStop === 'withdraw') {
    parts.desk.withdrawAll();
    await parts.session.drained(maxWaitMs);
  }
  // Only after the withdraws (or with ExaBGP gone): an address removed while still
  // announced black-holes its traffic. `onStop: keep` keeps the routes, so the addresses too.
  if (parts.config.onStop === 'withdraw') await parts.addresses.removeAdded();
  await closeServices([...parts.services.all]);
}
