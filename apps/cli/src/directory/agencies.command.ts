import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf, type CliLanguage } from '../cli-language';
import { SendInputError } from '../dispatches/send-input.error';
import { DIRECTORY_MESSAGES, type AgencyView, type CertificateView } from './directory-messages';

const path = (code: string, rest = '') => `/admin/agencies/${encodeURIComponent(code)}${rest}`;

/**
 * `docaxis agencies …`: the agency directory (danh bạ cơ quan) through the admin API, with the
 * administrator's client certificate (reading also works for auditors). Their help is in
 * `helpLanguage`.
 */
export function registerAgenciesCommand(
  program: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
): void {
  const { help } = DIRECTORY_MESSAGES[helpLanguage];
  const agencies = program.command('agencies').description(help.description);

  withConnectionOptions(agencies.command('list').description(help.list), helpLanguage).action(
    async (options: ApiCommandOptions, command: Command) => {
      const language = languageOf(command);
      const result = await axisClient(options, io, language).json<{ agencies: AgencyView[] }>(
        'GET',
        '/admin/agencies',
      );
      const { agencyLine } = DIRECTORY_MESSAGES[language];
      printResult(io, options, result, () => result.agencies.map(agencyLine));
    },
  );

  withConnectionOptions(
    agencies.command('show').description(help.show).argument('<code>', help.code),
    helpLanguage,
  ).action(async (code: string, options: ApiCommandOptions, command: Command) => {
    const language = languageOf(command);
    const agency = await axisClient(options, io, language).json<
      AgencyView & { certificates: CertificateView[] }
    >('GET', path(code));
    const { agencyLine, certificateLine } = DIRECTORY_MESSAGES[language];
    printResult(io, options, agency, () => [
      agencyLine(agency),
      ...agency.certificates.map(certificateLine),
    ]);
  });

  withConnectionOptions(
    agencies
      .command('register')
      .description(help.register.description)
      .argument('<code>', help.code)
      .argument('<name>', help.register.name)
      .option('--parent <code>', help.register.parent),
    helpLanguage,
  ).action(
    async (
      code: string,
      name: string,
      options: ApiCommandOptions & { parent?: string },
      command: Command,
    ) => {
      const language = languageOf(command);
      const messages = DIRECTORY_MESSAGES[language];
      const agency = await axisClient(options, io, language).json<AgencyView>(
        'POST',
        '/admin/agencies',
        { json: { code, name, ...(options.parent ? { parentCode: options.parent } : {}) } },
      );
      printResult(io, options, agency, () => [messages.registered(messages.agencyLine(agency))]);
    },
  );

  for (const [verb, description] of [
    ['suspend', help.suspend],
    ['reactivate', help.reactivate],
  ] as const) {
    withConnectionOptions(
      agencies.command(verb).description(description).argument('<code>', help.code),
      helpLanguage,
    ).action(async (code: string, options: ApiCommandOptions, command: Command) => {
      const language = languageOf(command);
      const agency = await axisClient(options, io, language).json<AgencyView>(
        'POST',
        path(code, `/${verb}`),
      );
      printResult(io, options, agency, () => [DIRECTORY_MESSAGES[language].agencyLine(agency)]);
    });
  }

  withConnectionOptions(
    agencies
      .command('add-cert')
      .description(help.addCert.description)
      .argument('<code>', help.code)
      .argument('<pem>', help.addCert.pem)
      .requiredOption('--role <role...>', help.addCert.role),
    helpLanguage,
  ).action(
    async (
      code: string,
      pemFile: string,
      options: ApiCommandOptions & { role: string[] },
      command: Command,
    ) => {
      const language = languageOf(command);
      const messages = DIRECTORY_MESSAGES[language];
      const certificatePem = await readFile(pemFile, 'utf8').catch(() => {
        throw new SendInputError(messages.cannotReadCertificate(pemFile));
      });
      const certificate = await axisClient(options, io, language).json<CertificateView>(
        'POST',
        path(code, '/certificates'),
        { json: { certificatePem, roles: options.role } },
      );
      printResult(io, options, certificate, () => [
        messages.registered(messages.certificateLine(certificate)),
      ]);
    },
  );

  withConnectionOptions(
    agencies
      .command('revoke-cert')
      .description(help.revokeCert.description)
      .argument('<code>', help.code)
      .argument('<fingerprint>', help.revokeCert.fingerprint),
    helpLanguage,
  ).action(
    async (code: string, fingerprint: string, options: ApiCommandOptions, command: Command) => {
      const language = languageOf(command);
      const messages = DIRECTORY_MESSAGES[language];
      const certificate = await axisClient(options, io, language).json<CertificateView>(
        'POST',
        path(code, `/certificates/${encodeURIComponent(fingerprint)}/revoke`),
      );
      printResult(io, options, certificate, () => [
        messages.revoked(messages.certificateLine(certificate)),
      ]);
    },
  );
}
