import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf, type CliLanguage } from '../cli-language';
import { DISPATCH_MESSAGES } from './dispatch-messages';
import { inboxItemLine, type InboxLineItem } from './inbox-item-line';

interface InboxOptions extends ApiCommandOptions {
  cursor?: string;
  limit?: string;
}

interface InboxPage {
  items: InboxLineItem[];
  nextCursor: string | null;
}

/**
 * `docaxis inbox [--cursor C] [--limit N]`: what was delivered to the calling agency, dispatches
 * and status notices on what it sent. Its help is in `helpLanguage`.
 */
export function registerInboxCommand(program: Command, io: CliIo, helpLanguage: CliLanguage): void {
  const help = DISPATCH_MESSAGES[helpLanguage].help.inbox;
  withConnectionOptions(
    program
      .command('inbox')
      .description(help.description)
      .option('--cursor <cursor>', help.cursor)
      .option('--limit <n>', help.limit),
    helpLanguage,
  ).action(async (options: InboxOptions, command: Command) => {
    const language = languageOf(command);
    const messages = DISPATCH_MESSAGES[language];
    const query = new URLSearchParams();
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.limit) query.set('limit', options.limit);
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    const page = await axisClient(options, io, language).json<InboxPage>('GET', `/inbox${suffix}`);
    printResult(io, options, page, () => [
      ...(page.items.length === 0 ? [messages.inboxEmpty] : []),
      ...page.items.map((item) => inboxItemLine(item, messages)),
      ...(page.nextCursor ? [messages.nextPage(page.nextCursor)] : []),
    ]);
  });
}
