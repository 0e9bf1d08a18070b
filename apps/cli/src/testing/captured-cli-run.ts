import { run } from '../cli-program';

/** What one in-process run of the CLI printed and how it ended. */
export interface CapturedCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the docaxis CLI in-process on `argv` with exactly `env`, capturing what it prints. */
export async function runCliCaptured(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CapturedCliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  return { code, stdout, stderr };
}
