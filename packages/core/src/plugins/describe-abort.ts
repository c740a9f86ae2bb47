/** Why a check's signal was aborted, for its failure reason: `aborted: timeout after 2s`. */
export function describeAbort(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.message ? `aborted: ${reason.message}` : 'aborted';
}
