import { durationOption, regexOption, z } from '@exaplug/core/plugin';

/** Options of the `sql` check (PostgreSQL). */
export const sqlOptionsSchema = z
  .strictObject({
    /** `postgresql://user@host:port/db?sslmode=…`; keep the password out of it (use passwordEnv/passwordFile). */
    connectionString: z.string().optional(),
    host: z.string().optional(),
    port: z.number().int().min(1).max(65_535).default(5432),
    database: z.string().optional(),
    user: z.string().optional(),
    /** Name of the environment variable that holds the password. */
    passwordEnv: z.string().min(1).optional(),
    /** File that holds the password (trailing newline ignored), relative to the config file. */
    passwordFile: z.string().min(1).optional(),
    query: z.string().min(1).default('SELECT 1'),
    expectRows: z.number().int().min(0).optional(),
    /** The first column of the first row, compared as text. */
    expectValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    expectValueRegex: regexOption.optional(),
    role: z.enum(['any', 'primary', 'replica']).default('any'),
    /** On a replica: fail when replay is further behind than this. */
    maxReplicationLag: durationOption.optional(),
    statementTimeout: durationOption.prefault('5s'),
    connectTimeout: durationOption.prefault('2s'),
  })
  .refine((o) => !(o.connectionString && o.host), {
    error: 'give connectionString or host, not both',
    path: ['host'],
  })
  .refine((o) => !(o.passwordEnv && o.passwordFile), {
    error: 'give passwordEnv or passwordFile, not both',
    path: ['passwordFile'],
  })
  .refine((o) => !(o.maxReplicationLag !== undefined && o.role === 'primary'), {
    error: 'maxReplicationLag applies to replicas; use role: replica or any',
    path: ['maxReplicationLag'],
  });

export type SqlOptions = z.output<typeof sqlOptionsSchema>;
