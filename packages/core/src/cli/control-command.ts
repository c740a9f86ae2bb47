import { Flags } from '@oclif/core';
import { listControlSockets, sendControlRequest } from '../adapters/control-client.js';
import type { AnsweringProcess, ControlRequest, StatusReport } from '../control/control-protocol.js';
import { ExaplugError } from '../errors.js';
import { redactSecrets } from '../redact/redact-secrets.js';
import { resolveControlTarget, type ControlTargetFlags } from './control-target.js';

/** The flags every control verb takes: which running exaplug to ask. */
export const controlFlags = {
  config: Flags.string({ char: 'c', description: 'ask the exaplug that runs this config file (its control.socket, else the socket derived from its path)' }),
  socket: Flags.string({ char: 's', description: 'a control socket, or a directory of them (default: every exaplug in /run/exaplug)' }),
};

/** One exaplug's answer, and who gave it (an exaplug before 0.2 does not say). */
export interface ControlAnswer {
  socket: string;
  answeredBy: AnsweringProcess | undefined;
  result: unknown;
}

/** What the exaplugs asked answered; `failures` are refusals and errors, one line each. */
export interface ControlOutcome {
  /** True when one socket was asked (`--config`, or `--socket` naming a socket). */
  single: boolean;
  answers: ControlAnswer[];
  failures: string[];
  /** Sockets in the directory that nobody answers on (a killed exaplug's): worth a line, not a failure. */
  skipped: string[];
}

/**
 * Sends a request to the running exaplug(s) the flags name (see resolveControlTarget). With
 * a directory, every exaplug there is asked; a request naming services goes only to the
 * exaplugs that run them, and a name none runs is a failure.
 * @throws ConfigError when `--config` cannot be read; ExaplugError when nobody can be asked
 */
export async function askRunningExaplugs(flags: ControlTargetFlags, request: ControlRequest, timeoutMs?: number): Promise<ControlOutcome> {
  const target = await resolveControlTarget(flags);
  if (target.kind === 'socket') {
    const asked = await askOne(target.socket, { ...request, ...(target.config !== undefined && { config: target.config }) }, timeoutMs);
    if ('failure' in asked) return { single: true, answers: [], failures: [asked.failure], skipped: [] };
    return { single: true, answers: [asked], failures: [], skipped: [] };
  }
  const sockets = await listControlSockets(target.directory);
  const outcome: ControlOutcome = { single: false, answers: [], failures: [], skipped: [] };
  const plan = await planRequests(sockets, request, outcome);
  for (const asked of await Promise.all(plan.map(({ socket, request: each }) => askOne(socket, each, timeoutMs)))) {
    if (!('failure' in asked)) outcome.answers.push(asked);
    else (asked.unreachable ? outcome.skipped : outcome.failures).push(asked.failure);
  }
  if (outcome.answers.length === 0 && outcome.failures.length === 0) {
    throw new ExaplugError('EXAPLUG_CONTROL_UNREACHABLE', `${target.directory}: no exaplug answers there (give --config FILE or --socket PATH)`);
  }
  return outcome;
}

/** Which socket gets which request: all of them, or for named services those that run them. */
async function planRequests(sockets: string[], request: ControlRequest, outcome: ControlOutcome): Promise<Array<{ socket: string; request: ControlRequest }>> {
  const named = 'services' in request && request.services !== 'all' ? request.services : undefined;
  if (!named) return sockets.map((socket) => ({ socket, request }));
  const reports = await Promise.all(sockets.map(async (socket) => ({ socket, asked: await askOne(socket, { command: 'status' }, 5000) })));
  const running: Array<{ socket: string; report: StatusReport }> = [];
  for (const { socket, asked } of reports) {
    if ('failure' in asked) outcome.skipped.push(asked.failure);
    else running.push({ socket, report: asked.result as StatusReport });
  }
  const plan = running.flatMap(({ socket, report }) => {
    const here = named.filter((name) => report.services.some((service) => service.name === name));
    return here.length === 0 ? [] : [{ socket, request: { ...request, services: here } as ControlRequest }];
  });
  const everywhere = running.flatMap(({ report }) => report.services.map((service) => service.name));
  for (const name of named.filter((name) => !everywhere.includes(name))) {
    outcome.failures.push(`no exaplug runs a service named ${JSON.stringify(name)} (services: ${everywhere.join(', ') || 'none'})`);
  }
  return plan;
}

/** One exchange; `unreachable` when nobody answered (a stale socket), as opposed to a refusal. */
async function askOne(socket: string, request: ControlRequest, timeoutMs?: number): Promise<ControlAnswer | { failure: string; unreachable?: true }> {
  let response;
  try {
    response = await sendControlRequest(socket, request, timeoutMs);
  } catch (error) {
    return { failure: (error as Error).message, unreachable: true };
  }
  if (!response.ok) return { failure: redactSecrets(`${response.error.message} (${response.error.code})`) };
  // A check's reason may quote its target (a URL with a password): never printed.
  const result = redactSecrets(response.result) as Record<string, unknown> | null;
  const answeredBy = (result?.answeredBy as AnsweringProcess | undefined) ?? undefined;
  return { socket, answeredBy, result };
}

/** `exaplug pid 4242, config /etc/exaplug/web.yaml`: which exaplug answered. */
export function describeAnswerer(answer: ControlAnswer): string {
  const who = answer.answeredBy;
  if (!who) return `exaplug at ${answer.socket}`;
  return `exaplug pid ${who.pid}, config ${who.config ?? '(given on its command line)'}`;
}
