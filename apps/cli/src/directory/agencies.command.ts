import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { languageOf } from '../cli-language';
import { SendInputError } from '../dispatches/send-input.error';
import { DIRECTORY_MESSAGES, type AgencyView, type CertificateView } from './directory-messages';

const path = (code: string, rest = '') => `/admin/agencies/${encodeURIComponent(code)}${rest}`;

/**
 * `docaxis agencies …`: the agency directory (danh bạ cơ quan) through the admin API, with the
 * administrator's client certificate (reading also works for auditors).
 */
export function registerAgenciesCommand(program: Command, io: CliIo): void {
  const agencies = program
    .command('agencies')
    .description('administer the agency directory (admin certificate; auditors may read)');

  withConnectionOptions(agencies.command('list').description('every agency, by code')).action(
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
    agencies
      .command('show')
      .description('one agency and its client certificates')
      .argument('<code>'),
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
      .description('register an agency')
      .argument('<code>', 'agency code (mã định danh)')
      .argument('<name>', 'agency name')
      .option('--parent <code>', 'parent agency (implied by the code when omitted)'),
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
    ['suspend', 'suspend an agency: refused everywhere until reactivated'],
    ['reactivate', 'reactivate a suspended agency'],
  ] as const) {
    withConnectionOptions(
      agencies.command(verb).description(description).argument('<code>'),
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
      .description("register a client certificate for an agency's system or staff")
      .argument('<code>')
      .argument('<pem>', 'the certificate, a PEM file')
      .requiredOption('--role <role...>', 'agency-system, clerk, auditor or admin'),
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
      .description('revoke (retire) a client certificate at once')
      .argument('<code>')
      .argument('<fingerprint>', 'hex SHA-256 of the certificate'),
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
