/**
 * Thrown at start-up when the environment does not describe a runnable app. It lists every
 * problem at once, with the variable name, so an operator fixes them in one pass.
 */
export class ConfigValidationError extends Error {
  constructor(
    readonly appName: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid configuration for ${appName}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See .env.example for every variable and its default.',
    );
    this.name = 'ConfigValidationError';
  }
}
