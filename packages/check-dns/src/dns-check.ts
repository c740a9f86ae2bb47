import { randomInt } from 'node:crypto';
import { type CheckResult, defineCheck, failed } from '@exaplug/core/plugin';
import dnsPacket from 'dns-packet';
import { dnsOptionsSchema, type DnsOptions } from './dns-options.js';
import { evaluateResponse } from './evaluate-response.js';
import { exchangeTcp } from './exchange-tcp.js';
import { exchangeUdp } from './exchange-udp.js';
import { parseServerAddress, type ServerAddress } from './parse-server-address.js';

/** Asks one DNS server one question per run and judges the response code and answers. */
export const check = defineCheck({
  name: 'dns',
  coreVersion: '^0.1.0',
  options: dnsOptionsSchema,
  create(options: DnsOptions) {
    // The schema has already refused anything parseServerAddress cannot read.
    const server = parseServerAddress(options.server) as ServerAddress;
    const exchange = options.transport === 'tcp' ? exchangeTcp : exchangeUdp;
    return {
      async run({ signal }): Promise<CheckResult> {
        const id = randomInt(0, 65_536);
        const query = dnsPacket.encode({
          type: 'query',
          id,
          flags: options.recursion ? dnsPacket.RECURSION_DESIRED : 0,
          questions: [{ type: options.type, name: options.name, class: 'IN' }],
        });
        // The signal is the attempt's one deadline (the service's `timeout`).
        const outcome = await exchange(server, query, id, signal);
        if (outcome.kind === 'failure') return failed(outcome.reason);
        return evaluateResponse(outcome.packet, options);
      },
    };
  },
});

/** The same check under a name that reads well next to other plugins. */
export const dnsCheck = check;
