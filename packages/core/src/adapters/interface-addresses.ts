import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from '../logger.js';
import type { InterfaceAddresses } from '../runtime/service-addresses.js';
import { parseIpPrefix } from '@exaplug/protocol';

const execFileAsync = promisify(execFile);

/** Runs `ip` with arguments; injected so tests can point it at a network namespace. */
export type IpCommand = (args: readonly string[]) => Promise<string>;

export type { InterfaceAddresses } from '../runtime/service-addresses.js';

/**
 * Puts the service IPs on an interface before they are announced, so a node never attracts
 * traffic for an address it does not hold, and takes them off only after the routes are
 * withdrawn (the other order black-holes traffic). Only host routes (/32, /128) are
 * addresses; anything else on the interface is left alone.
 */
export function createInterfaceAddresses(options: { device: string; logger: Logger; ip?: IpCommand }): InterfaceAddresses {
  const { device, logger } = options;
  const ip = options.ip ?? (async (args) => (await execFileAsync('ip', args, { timeout: 5000 })).stdout);
  const added = new Set<string>();

  const present = async (): Promise<Set<string>> => {
    const [link] = JSON.parse(await ip(['-j', 'addr', 'show', 'dev', device])) as Array<{ addr_info?: Array<{ family: string; local: string }> }>;
    return new Set((link?.addr_info ?? []).map((info) => parseIpPrefix(`${info.local}/${info.family === 'inet' ? 32 : 128}`).text));
  };

  const remove = async (prefixes: readonly string[]): Promise<void> => {
    for (const text of prefixes) {
      const address = parseIpPrefix(text).text;
      if (!added.has(address)) continue;
      try {
        await ip(['addr', 'del', address, 'dev', device]);
        logger.info({ address, device }, 'service address removed');
      } catch (error) {
        logger.warn({ err: error, address, device }, 'could not remove a service address');
      }
      added.delete(address);
    }
  };

  return {
    async add(prefixes) {
      const there = await present();
      for (const text of prefixes) {
        const prefix = parseIpPrefix(text);
        if (prefix.length !== (prefix.family === 4 ? 32 : 128)) {
          logger.warn({ prefix: prefix.text, device }, 'not a host address: not added to the interface');
          continue;
        }
        if (there.has(prefix.text)) continue;
        await ip(['addr', 'add', prefix.text, 'dev', device]);
        added.add(prefix.text);
        logger.info({ address: prefix.text, device }, 'service address added');
      }
    },
    remove,
    removeAdded: () => remove([...added]),
  };
}
