/**
 * Routes SIGTERM/SIGINT to a stop and SIGHUP to a reload. ExaBGP 4.2 waits forever for a
 * child that ignores SIGTERM, so a stop must always end in an exit.
 */
export function onProcessSignals(handlers: { stop(signal: NodeJS.Signals): void; reload?(): void }): () => void {
  const stop = (signal: NodeJS.Signals) => handlers.stop(signal);
  const reload = () => handlers.reload?.();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', reload);
  return () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    process.off('SIGHUP', reload);
  };
}
