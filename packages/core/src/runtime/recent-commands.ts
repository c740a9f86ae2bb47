/** Commands kept to explain a NOTIFICATION from a peer. */
const recentLimit = 20;

/**
 * The last route commands written, so that when a peer closes its session with an UPDATE
 * Message Error the log can show what reached it.
 */
export class RecentCommands {
  private readonly commands: string[] = [];

  /** Keeps a route command, forgetting the oldest past the limit. */
  add(command: string): void {
    this.commands.push(command);
    if (this.commands.length > recentLimit) this.commands.shift();
  }

  /** The last commands that could have reached a peer (addressed to it, or to every neighbor), oldest first. */
  for(peer: string): string[] {
    return this.commands.filter((command) => !command.startsWith('neighbor ') || command.includes(`neighbor ${peer} `) || command.includes(`neighbor ${peer},`));
  }
}
