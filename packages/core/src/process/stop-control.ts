import type { ShellParts } from './shell-parts.js';
import { stopPolicy, type StopPolicy, type StopReason } from './stop-policy.js';
import { windDown } from './wind-down.js';

/**
 * How the shell stops: the policy of the reason (withdraw or not, exit code, minimum
 * uptime), logged once with the true reason; a second request while stopping exits at once.
 */
export class StopControl {
  private readonly parts: ShellParts;
  private readonly leaveIdle: () => Promise<void>;
  /** ExaBGP said `shutdown`: its sessions are closed, whatever stops us next. */
  private exabgpShuttingDown = false;
  private policy: StopPolicy | undefined;

  constructor(parts: ShellParts, leaveIdle: () => Promise<void>) {
    this.parts = parts;
    this.leaveIdle = leaveIdle;
  }

  /**
   * Stops: withdraws or not as the reason requires, closes the checks, exits. A second
   * request while stopping (a second signal, ExaBGP's SIGTERM after its `shutdown`,
   * stdin EOF) exits at once.
   */
  stop(reason: StopReason): void {
    const { options, lifecycle } = this.parts;
    const { logger, sink } = options;
    if (lifecycle.state === 'stopped') return;
    if (reason.kind === 'exabgp-shutdown') this.exabgpShuttingDown = true;
    const policy = stopPolicy(reason, this.exabgpShuttingDown);
    if (lifecycle.state === 'stopping') {
      logger.info({ reason: policy.description, stopping: this.policy?.description }, 'stopping now');
      lifecycle.finish(this.policy?.exitCode ?? 0);
      return;
    }
    this.policy = policy;
    logger.info({ reason: policy.description }, 'stopping');
    lifecycle.set('stopping');
    const shell = { leaveIdle: this.leaveIdle, runtime: this.parts.running?.runtime, startedAtMs: this.parts.startedAtMs, isStopping: () => lifecycle.state === 'stopping' };
    void windDown(options, policy, shell).then(
      () => lifecycle.finish(policy.exitCode, () => sink.flushed()),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        lifecycle.finish(policy.exitCode);
      },
    );
  }
}
