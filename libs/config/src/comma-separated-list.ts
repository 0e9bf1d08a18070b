import { resolve } from 'node:path';
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

/** A comma-separated list of file paths, each resolved against the working directory. */
export function commaSeparatedPathList(fallback = '') {
  return commaSeparatedList(fallback).transform((paths) => paths.map((path) => resolve(path)));
}
