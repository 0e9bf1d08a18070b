import type { CliIo } from '../cli-io';
import type { CliLanguage } from '../cli-language';
import { AxisApiClient } from './axis-api-client';
import { resolveConnection, type ConnectionOptions } from './axis-connection';

export interface ApiCommandOptions extends ConnectionOptions {
  json: boolean;
}

/** The API client for a command's connection options (env defaults from `io.env`), in `language`. */
export function axisClient(
  options: ConnectionOptions,
  io: CliIo,
  language: CliLanguage,
): AxisApiClient {
  return new AxisApiClient(resolveConnection(options, io.env, language), language);
}

/** Prints the JSON answer (`--json`) or the human lines. */
export function printResult(
  io: CliIo,
  options: { json: boolean },
  value: unknown,
  human: () => string[],
): void {
  io.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human().join('\n')}\n`);
}
