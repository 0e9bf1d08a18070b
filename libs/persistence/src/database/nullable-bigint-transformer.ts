import type { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; inbox positions stay well inside Number's safe range. */
export const NULLABLE_BIGINT_AS_NUMBER: ValueTransformer = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
