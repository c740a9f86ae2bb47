/** Namespace names of one lab instance; the prefix keeps them apart from anything else. */
export interface LabNames {
  prefix: string;
  ns(node: string): string;
}

/** Default prefix of `npm run lab`; the test uses its own so both can run at once. */
export const defaultPrefix = 'xp-';

export function createLabNames(prefix = defaultPrefix): LabNames {
  return { prefix, ns: (node) => `${prefix}${node}` };
}
