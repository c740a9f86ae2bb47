import { isIP } from 'node:net';
import { z } from 'zod';
import { defineCheck } from '../plugins/define-check.js';
import { coreVersion } from '../plugins/core-version.js';
import { failed, healthy } from '../plugins/check-result.js';
import { servicePrefixSchema } from '../config/schema.js';

const neighborOptions = z.strictObject({
  /** Only this neighbor counts (its peer address); default: any. */
  peer: z.string().refine((value) => isIP(value) !== 0, { error: 'expected an IP address' }).optional(),
  /** The route that neighbor must be sending us, e.g. an upstream default `::/0`. */
  prefix: servicePrefixSchema.optional(),
  /** How many neighbors must qualify. */
  minimum: z.number().int().min(1).default(1),
});

/**
 * Healthy while BGP itself looks right: enough sessions established and, with `prefix`,
 * that route received from them (ExaBGP must pass received updates: `api { receive
 * { parsed; update; } }`). For anycast nodes that should step back when they lose their
 * upstream, with the session state and adj-rib-in exaplug already tracks.
 */
export const neighborCheck = defineCheck({
  name: 'neighbor',
  coreVersion: `^${coreVersion}`,
  options: neighborOptions,
  needs: { receivedRoutes: (options) => (options.prefix === undefined ? [] : [options.prefix]) },
  create(options, context) {
    const what = options.prefix ? `with ${options.prefix}` : 'established';
    return {
      async run() {
        const considered = [...context.neighbors].filter(([peer]) => options.peer === undefined || peer === options.peer);
        const qualifying = considered.filter(
          ([, entry]) => entry.state === 'up' && (options.prefix === undefined || entry.received.has(options.prefix)),
        );
        const summary = `${qualifying.length} of ${considered.length} neighbor${considered.length === 1 ? '' : 's'} ${what}`;
        if (qualifying.length >= options.minimum) return healthy(summary);
        if (considered.length === 0) return failed(options.peer ? `no session with ${options.peer} seen yet` : 'no BGP session seen yet');
        return failed(`${summary}, need ${options.minimum}`);
      },
    };
  },
});
