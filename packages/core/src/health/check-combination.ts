/**
 * How a composite check judges its parts (`check: { all | any | quorum }`). A config
 * concept the schema and the composite check share; it sits in health/ so that neither
 * config/ nor health/ depends on the plugin API for it.
 */
export type CheckCombination = { mode: 'all' } | { mode: 'any' } | { mode: 'quorum'; quorum: number };
