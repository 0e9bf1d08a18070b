import { BenchArgumentError } from './bench-argument-error';

/** A kind of number an option takes, as its refusal names it (`--count needs <description>`). */
export interface NumberRequirement {
  description: string;
  accepts(value: number): boolean;
}

export const POSITIVE_INTEGER: NumberRequirement = {
  description: 'a positive integer',
  accepts: (value) => Number.isInteger(value) && value >= 1,
};

export const POSITIVE_NUMBER: NumberRequirement = {
  description: 'a positive number',
  accepts: (value) => value > 0,
};

export const NON_NEGATIVE_NUMBER: NumberRequirement = {
  description: 'a non-negative number',
  accepts: (value) => value >= 0,
};

export function integerOfAtLeast(minimum: number): NumberRequirement {
  return {
    description: `an integer of at least ${minimum}`,
    accepts: (value) => Number.isInteger(value) && value >= minimum,
  };
}

/** What a refusal says was given: the value, or `nothing` for a missing or blank one. */
function given(raw: string | undefined): string {
  return raw?.trim() ? raw : 'nothing';
}

/**
 * The number after `flag`. A missing or blank value is refused rather than read as 0 (what
 * `Number('')` gives), and so is anything not finite (NaN, Infinity).
 */
export function readNumberArgument(
  flag: string,
  raw: string | undefined,
  requirement: NumberRequirement,
): number {
  const value = Number(raw);
  if (!raw?.trim() || !Number.isFinite(value) || !requirement.accepts(value)) {
    throw new BenchArgumentError(`${flag} needs ${requirement.description}, got ${given(raw)}`);
  }
  return value;
}

const PINO_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The value of `--log-level`: one of pino's levels, `silent` only where the bench allows it. */
export function readLogLevelArgument(
  raw: string | undefined,
  options: { allowSilent: boolean },
): string {
  const levels: readonly string[] = options.allowSilent
    ? PINO_LEVELS
    : PINO_LEVELS.filter((level) => level !== 'silent');
  if (raw === undefined || !levels.includes(raw)) {
    throw new BenchArgumentError(`--log-level must be a pino level, got ${given(raw)}`);
  }
  return raw;
}

/** The path after `flag` (`--cpu-prof FILE`), refused when missing: `--cpu-prof needs a file`. */
export function readPathArgument(
  flag: string,
  raw: string | undefined,
  what: 'a file' | 'a folder',
): string {
  if (!raw) throw new BenchArgumentError(`${flag} needs ${what}`);
  return raw;
}
