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
/**
 * The command could not finish for a reason none of the above names (an unwritable output file,
 * a query failing mid-walk, a bug). Never 1: for `verify` and `audit` 1 is a verdict (not passed,
 * the trail does not verify), and a script must not read a failed run as one.
 */
export const EXIT_INTERNAL = 4;
