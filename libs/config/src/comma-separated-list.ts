import { z } from 'zod';

/** An environment variable holding a comma-separated list, read as its non-empty trimmed entries. */
export function commaSeparatedList(fallback = '') {
  return z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
}
