import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { axisClient, printResult, type ApiCommandOptions } from '../api/api-command';
import { withConnectionOptions } from '../api/axis-connection';
import { SendInputError } from '../dispatches/send-input.error';

interface AgencyView {
  code: string;
  name: string;
  parentCode: string | null;
  status: string;
}

interface CertificateView {
  fingerprint: string;
  roles: string[];
  subject: string;
  notAfter: string;
  status: string;
}

const agencyLine = (a: AgencyView) =>
  `${a.code.padEnd(16)} ${a.status.padEnd(10)} ${a.name}${a.parentCode ? ` (under ${a.parentCode})` : ''}`;
const certificateLine = (c: CertificateView) =>
  `  ${c.fingerprint.slice(0, 16)}…  ${c.status.padEnd(8)} ${c.roles.join(',').padEnd(20)} until ${c.notAfter}  ${c.subject}`;
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
    async (options: ApiCommandOptions) => {
      const result = await axisClient(options, io).json<{ agencies: AgencyView[] }>(
        'GET',
        '/admin/agencies',
      );
      printResult(io, options, result, () => result.agencies.map(agencyLine));
    },
  );

  withConnectionOptions(
    agencies
      .command('show')
      .description('one agency and its client certificates')
      .argument('<code>'),
  ).action(async (code: string, options: ApiCommandOptions) => {
    const agency = await axisClient(options, io).json<
      AgencyView & { certificates: CertificateView[] }
    >('GET', path(code));
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
  ).action(async (code: string, name: string, options: ApiCommandOptions & { parent?: string }) => {
    const agency = await axisClient(options, io).json<AgencyView>('POST', '/admin/agencies', {
      json: { code, name, ...(options.parent ? { parentCode: options.parent } : {}) },
    });
    printResult(io, options, agency, () => [`Registered: ${agencyLine(agency)}`]);
  });

  for (const [verb, description] of [
    ['suspend', 'suspend an agency: refused everywhere until reactivated'],
    ['reactivate', 'reactivate a suspended agency'],
  ] as const) {
    withConnectionOptions(
      agencies.command(verb).description(description).argument('<code>'),
    ).action(async (code: string, options: ApiCommandOptions) => {
      const agency = await axisClient(options, io).json<AgencyView>('POST', path(code, `/${verb}`));
      printResult(io, options, agency, () => [agencyLine(agency)]);
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
    async (code: string, pemFile: string, options: ApiCommandOptions & { role: string[] }) => {
      const certificatePem = await readFile(pemFile, 'utf8').catch(() => {
        throw new SendInputError(`cannot read ${pemFile}`);
      });
      const certificate = await axisClient(options, io).json<CertificateView>(
        'POST',
        path(code, '/certificates'),
        { json: { certificatePem, roles: options.role } },
      );
      printResult(io, options, certificate, () => [`Registered:${certificateLine(certificate)}`]);
    },
  );

  withConnectionOptions(
    agencies
      .command('revoke-cert')
      .description('revoke (retire) a client certificate at once')
      .argument('<code>')
      .argument('<fingerprint>', 'hex SHA-256 of the certificate'),
  ).action(async (code: string, fingerprint: string, options: ApiCommandOptions) => {
    const certificate = await axisClient(options, io).json<CertificateView>(
      'POST',
      path(code, `/certificates/${encodeURIComponent(fingerprint)}/revoke`),
    );
    printResult(io, options, certificate, () => [`Revoked:${certificateLine(certificate)}`]);
  });
}
