import { type CheckContext, type CheckResult, defineCheck, describeDuration, failed } from '@exaplug/core/plugin';
import type pg from 'pg';
import { connectClient, describeTarget } from './connect-client.js';
import { describePgError, isStatementError, redactSecrets } from './describe-pg-error.js';
import { evaluateQueryResult } from './evaluate-query-result.js';
import { evaluateRole, roleQuery, type RoleExpectation } from './evaluate-role.js';
import { keepClient } from './keep-client.js';
import { sqlOptionsSchema, type SqlOptions } from './sql-options.js';
import { aborted, untilAborted } from './until-aborted.js';

interface RoleRow {
  is_in_recovery: boolean;
  lag_seconds: number | null;
}

/** Runs one query per run on a persistent PostgreSQL connection and checks rows, role and lag. */
export const check = defineCheck({
  name: 'sql',
  coreVersion: '^0.1.0',
  options: sqlOptionsSchema,
  create(options: SqlOptions, context: CheckContext) {
    const timeouts = {
      connectTimeout: describeDuration(options.connectTimeout),
      statementTimeout: describeDuration(options.statementTimeout),
    };
    const secrets = new Set<string>();
    const keeper = keepClient((onLost) =>
      connectClient(
        { config: buildClientConfig(options, context.serviceName), password: options, configDir: context.configDir, timeouts, secrets },
        onLost,
      ),
    );
    const roleExpectation = roleExpectationOf(options);

    const query = async (client: pg.Client, signal: AbortSignal): Promise<CheckResult> => {
      const result = await queryOnce(client, signal, options, roleExpectation);
      if (result !== aborted) return result;
      // The statement may still be running on that connection; a fresh one is cheaper than waiting.
      keeper.discard(client);
      return failed('aborted');
    };

    const attempt = async (signal: AbortSignal): Promise<CheckResult> => {
      const outcome = await untilAborted(keeper.acquire(), signal);
      if (outcome === aborted) return failed('aborted');
      if (outcome.kind === 'failure') return failed(redactSecrets(outcome.reason, secrets));
      const { client } = outcome;
      try {
        return await query(client, signal);
      } catch (error) {
        if (!isStatementError(error)) keeper.discard(client);
        return failed(redactSecrets(describePgError(error, { ...timeouts, where: describeTarget(client) }), secrets));
      }
    };

    // Overlapping runs take turns: one connection carries one statement at a time.
    let previous: Promise<unknown> = Promise.resolve();
    return {
      async run({ signal }): Promise<CheckResult> {
        const turn = previous.then(async () => {
          if (signal.aborted) return failed('aborted');
          return attempt(signal);
        });
        previous = turn.catch(() => {});
        const result = await untilAborted(turn, signal);
        return result === aborted ? failed('aborted') : result;
      },
      close: () => keeper.close(),
    };
  },
});

/** What the role query must find, or undefined when the options do not care about the role. */
function roleExpectationOf(options: SqlOptions): RoleExpectation | undefined {
  if (options.role === 'any' && options.maxReplicationLag === undefined) return undefined;
  return {
    role: options.role,
    maxLagMs: options.maxReplicationLag,
    maxLagText: options.maxReplicationLag === undefined ? undefined : describeDuration(options.maxReplicationLag),
  };
}

/** One run's statements on a client: the role first (when asked for), then the query; `aborted` if the signal came first. */
async function queryOnce(client: pg.Client, signal: AbortSignal, options: SqlOptions, roleExpectation: RoleExpectation | undefined): Promise<CheckResult | typeof aborted> {
  let role: CheckResult | undefined;
  if (roleExpectation) {
    const facts = await untilAborted(client.query<RoleRow>(roleQuery), signal);
    if (facts === aborted) return aborted;
    const row = facts.rows[0];
    role = evaluateRole({ isInRecovery: row?.is_in_recovery === true, lagSeconds: row?.lag_seconds ?? null }, roleExpectation);
    if (role.status === 'failed') return role;
  }
  const result = await untilAborted(client.query<unknown[]>({ text: options.query, rowMode: 'array' }), signal);
  if (result === aborted) return aborted;
  const verdict = evaluateQueryResult(result.rows, options);
  if (!role || verdict.status === 'failed') return verdict;
  return { ...verdict, reason: `${role.reason}, ${verdict.reason}`, details: { ...role.details, ...verdict.details } };
}

/** The same check under a name that reads well next to other plugins. */
export const sqlCheck = check;

function buildClientConfig(options: SqlOptions, serviceName: string): pg.ClientConfig {
  const common = {
    connectionTimeoutMillis: options.connectTimeout,
    statement_timeout: options.statementTimeout,
    // Shows up in pg_stat_activity, so a DBA can tell whose connection this is.
    application_name: `exaplug:${serviceName}`.slice(0, 63),
    keepAlive: true,
  };
  if (options.connectionString) return { connectionString: options.connectionString, ...common };
  return { host: options.host, port: options.port, database: options.database, user: options.user, ...common };
}
