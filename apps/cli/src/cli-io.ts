/** Where a command writes and what it reads from its environment; injected so specs run in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

/** Exit codes of every docaxis command. */
export const EXIT_OK = 0;
export const EXIT_VERDICT_NOT_PASSED = 1;
export const EXIT_USAGE = 2;
/** Commands that talk to the axis: it refused the request (4xx; the stable code is printed). */
export const EXIT_REFUSED = 1;
/** Commands that talk to the axis: it could not be reached or failed (5xx); retrying may help. */
export const EXIT_UNAVAILABLE = 3;
