import { z } from '@exaplug/core/plugin';

/** MULTI_EXIT_DISC is an unsigned 32-bit number; lower wins. */
const med = z.number().int().min(0).max(4_294_967_295);

/** While down or disabled: withdraw the route, or keep it with this (worse) MED as a last resort. */
const fallback = z.union([z.literal('withdraw'), med]);

/**
 * What a service's `strategy.with` may hold. Defaults live here. Strict, so that a
 * misspelt option is an error rather than silently ignored.
 */
export const exampleOptions = z.strictObject({
  /** `self` lets ExaBGP use the session's local address. */
  nextHop: z.string().min(1).default('self'),
  /** MED while up, keyed by the prefix exactly as written in the service's `ips`. */
  weights: z.record(z.string(), med).default({}),
  /** MED while up for prefixes the table does not list. */
  defaultMed: med.default(100),
  whenDown: fallback.default('withdraw'),
  whenDisabled: fallback.default('withdraw'),
});

/** The options after defaults, as `create` receives them. */
export type ExampleOptions = z.output<typeof exampleOptions>;
