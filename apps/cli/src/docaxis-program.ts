import { Command } from 'commander';
import type { CliIo } from './cli-io';
import { addLanguageOption, type CliLanguage } from './cli-language';
import { CLI_MESSAGES } from './cli-messages';
import { speakCommanderIn } from './commander-localization';
import { registerAuditCommand } from './audit/audit.command';
import { registerCertsCommand } from './certs/certs-dev.command';
import { registerAgenciesCommand } from './directory/agencies.command';
import { registerAckCommand } from './dispatches/ack.command';
import { registerFetchCommand } from './dispatches/fetch.command';
import { registerInboxCommand } from './dispatches/inbox.command';
import { registerRecallCommand } from './dispatches/recall.command';
import { registerSendCommand } from './dispatches/send.command';
import { registerStatusCommand } from './dispatches/status.command';
import { registerVerifyCommand } from './verify/verify.command';

/**
 * The docaxis program with every command, its help and commander's usage errors in
 * `helpLanguage` (what the commands print follows the parsed --lang). Commander throws instead
 * of exiting (exitOverride); verdict commands report their exit code through `setExitCode`.
 */
export function createDocaxisProgram(
  io: CliIo,
  helpLanguage: CliLanguage,
  setExitCode: (code: number) => void,
): Command {
  const program = speakCommanderIn(new Command('docaxis'), helpLanguage)
    .description(CLI_MESSAGES[helpLanguage].help.programDescription)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  addLanguageOption(program, io.env, helpLanguage);
  registerVerifyCommand(program, io, helpLanguage, setExitCode);
  registerAuditCommand(program, io, helpLanguage, setExitCode);
  registerSendCommand(program, io, helpLanguage);
  registerInboxCommand(program, io, helpLanguage);
  registerFetchCommand(program, io, helpLanguage);
  registerAckCommand(program, io, helpLanguage, setExitCode);
  registerStatusCommand(program, io, helpLanguage);
  registerRecallCommand(program, io, helpLanguage);
  registerAgenciesCommand(program, io, helpLanguage);
  registerCertsCommand(program, io, helpLanguage);
  return program;
}
