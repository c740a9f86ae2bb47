import { z } from 'zod';

function isRegex(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

/** A regular expression option, refused at load time when it does not compile. */
export const regexOption = z.string().refine(isRegex, { error: 'expected a valid regular expression' });
