import { z } from 'zod';

/**
 * The `timeout` a check's options used to have. An attempt has one deadline, the service's
 * `timeout` (the runtime aborts the attempt's signal then): a second one here only raced
 * it. Kept in the schema so that an old config is refused with where the value belongs,
 * rather than with a bare "unknown key".
 */
export const movedTimeoutOption = z
  .never({ error: "the attempt's deadline is the service's `timeout`: move it there (services.<name>.timeout or defaults.timeout)" })
  .optional();
