import type { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';

/** Validates `env` against an app's schema; fails with every problem listed, never a partial config. */
export function loadConfig<S extends z.ZodType>(
  appName: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigValidationError(
      appName,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}
