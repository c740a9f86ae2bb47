// The translation of ExaBGP's healthcheck into exaplug config, for programs other than the
// CLI: the `healthcheck` and `migrate` commands are oclif's to load (see package.json `oclif`).
export { parseHealthcheckArgs, parseHealthcheckCommandLine, configFileArgs } from './translate/parse-healthcheck-args.js';
export { translateHealthcheckArgs, translateHealthcheckOptions } from './translate/translate-healthcheck-args.js';
export type { HealthcheckTranslation } from './translate/translate-healthcheck-args.js';
export type { HealthcheckOptions } from './translate/healthcheck-flags.js';
export { formatMigration } from './translate/format-migration.js';
export { readHealthcheckTranslation } from './read-healthcheck-translation.js';
