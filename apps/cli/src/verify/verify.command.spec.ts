import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import {
  appendAnnotation,
  flipByteInSignedRange,
  truncate,
} from '@docaxis/signature/testing/pdf-tampering';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import { testPki } from '@docaxis/testing/test-pki';
import { testRunDir } from '@docaxis/testing/test-run';
import { runCliCaptured } from '../testing/captured-cli-run';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface JsonFileReport {
  file: string;
  indication: string;
  subIndication?: string;
  messages: { code: string }[];
  signatures: { indication: string; signer: { commonName?: string; agencyCode?: string } }[];
}

let pki: DevPki;
let dir: string;
let agencyCode: string;
const files = {
  valid: '',
  annotated: '',
  tampered: '',
  unsigned: '',
  truncated: '',
  garbage: '',
  missing: '',
};

function pkiEnv(): NodeJS.ProcessEnv {
  return {
    TRUST_ANCHORS_DIR: pki.trustDir,
    TRUST_INTERMEDIATES_DIR: pki.intermediatesDir,
    CRL_DIR: pki.crlDir,
  };
}

function cli(argv: string[], env: NodeJS.ProcessEnv = pkiEnv()): Promise<CliResult> {
  return runCliCaptured(argv, env);
}

function parseJson(result: CliResult): JsonFileReport[] {
  return JSON.parse(result.stdout) as JsonFileReport[];
}

beforeAll(async () => {
  pki = await testPki();
  agencyCode = pki.agencies[0].code;
  dir = mkdtempSync(join(testRunDir(), 'cli-verify-'));
  const valid = await signedDispatchPdf(pki, agencyCode);
  const write = (name: string, bytes: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  files.valid = write('valid.pdf', valid);
  files.tampered = write('tampered.pdf', flipByteInSignedRange(valid));
  files.annotated = write('annotated.pdf', await appendAnnotation(valid));
  files.unsigned = write('unsigned.pdf', await buildUnsignedPdf());
  files.truncated = write('truncated.pdf', truncate(valid, Math.floor(valid.length / 2)));
  files.garbage = write('garbage.pdf', Buffer.from('this is not a PDF at all\n'));
  files.missing = join(dir, 'does-not-exist.pdf');
});

describe('docaxis verify (in-process)', () => {
  it('passes a PDF signed by the leader and the agency, naming both signers in Vietnamese', async () => {
    const result = await cli(['verify', files.valid]);
    const agency = pki.agency(agencyCode);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Kết luận: HỢP LỆ (TOTAL-PASSED)');
    expect(result.stdout).toContain(`Người ký: ${agency.leader.fullName} (cá nhân`);
    expect(result.stdout).toContain(`Người ký: ${agency.name} (tổ chức`);
    expect(result.stdout).toContain(`mã định danh: ${agencyCode}`);
    expect(result.stdout).toContain('Tình trạng thu hồi: chưa bị thu hồi (CRL)');
    expect(result.stdout).toContain('Tổng cộng: 1/1 tệp hợp lệ.');
    // Signing times in Vietnam time, as the Vietnamese PDF report gives them (not ISO UTC).
    expect(result.stdout).toMatch(
      /Thời điểm ký: \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(giờ Việt Nam\) \(theo /,
    );
    expect(result.stdout).not.toMatch(/Thời điểm ký: \d{4}-/);
  });

  it('prints English words with --lang en', async () => {
    const result = await cli(['verify', '--lang', 'en', files.valid, files.tampered]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Verdict: VALID (TOTAL-PASSED)');
    expect(result.stdout).toContain('Verdict: INVALID');
    expect(result.stdout).toContain('Revocation: not revoked (CRL)');
    expect(result.stdout).toContain('Total: 1/2 files valid.');
    expect(result.stdout).toMatch(/Signing time: \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(UTC\)/);
    expect(result.stdout).not.toContain('Kết luận');
  });

  it('says what each signature covers and what changed after it in Vietnamese, English unchanged', async () => {
    const vi = await cli(['verify', files.annotated]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('    - Ký bản sửa đổi thứ 2/4 của tệp (byte 0–');
    expect(vi.stdout).toContain('    - Trường chữ ký "Signature2" được thêm');
    expect(vi.stdout).toContain('    - Trang 1: chú thích /Text được thêm');
    expect(vi.stdout).toMatch(/ {4}- \d+ đối tượng được thêm\n/);
    expect(vi.stdout).not.toMatch(/signs revision|object\(s\) added|signature field/);
    const en = await cli(['verify', '--lang', 'en', files.annotated]);
    expect(en.stdout).toContain('    - signs revision 2 of 4 (bytes 0–');
    expect(en.stdout).toContain('    - signature field "Signature2" added');
    expect(en.stdout).toContain('    - page 1: /Text annotation added');
    expect(en.stdout).not.toContain('bản sửa đổi');
  });

  it('fails a PDF changed after signing', async () => {
    const result = await cli(['verify', '--json', files.tampered]);
    expect(result.code).toBe(1);
    const [report] = parseJson(result);
    expect(report.indication).toBe('TOTAL-FAILED');
    expect(report.subIndication).toBe('HASH_FAILURE');
  });

  it('fails an unsigned PDF', async () => {
    const result = await cli(['verify', files.unsigned]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'KHÔNG HỢP LỆ: tệp không có chữ ký số (TOTAL-FAILED / NO_SIGNATURE)',
    );
  });

  it('gives garbage and truncated files a FORMAT_FAILURE verdict, not a crash', async () => {
    const result = await cli(['verify', '--json', files.garbage, files.truncated]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const reports = parseJson(result);
    expect(reports.map((r) => [r.file, r.indication, r.subIndication])).toEqual([
      [files.garbage, 'TOTAL-FAILED', 'FORMAT_FAILURE'],
      [files.truncated, 'TOTAL-FAILED', 'FORMAT_FAILURE'],
    ]);
  });

  it('reports a nonexistent file as unreadable and still verifies the others', async () => {
    const result = await cli(['verify', '--json', files.missing, files.valid]);
    expect(result.code).toBe(1);
    const [missing, valid] = parseJson(result);
    expect(missing.file).toBe(files.missing);
    expect(missing.subIndication).toBe('FORMAT_FAILURE');
    expect(missing.messages).toEqual([
      { code: 'FILE_UNREADABLE', text: 'the file cannot be read: no such file' },
    ]);
    expect(valid.indication).toBe('TOTAL-PASSED');
  });

  it('says why a file is unreadable in Vietnamese too (it printed the English system error)', async () => {
    const result = await cli(['verify', files.missing]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '[FILE_UNREADABLE] Không đọc được tệp: không có tệp ở đường dẫn này, đó là thư mục, hoặc không có quyền đọc.',
    );
    expect(result.stdout).not.toContain('ENOENT');
  });

  it('prints one JSON report per file, with the file name and both signers', async () => {
    const result = await cli(['verify', '--json', files.valid]);
    expect(result.code).toBe(0);
    const reports = parseJson(result);
    expect(reports).toHaveLength(1);
    expect(reports[0].file).toBe(files.valid);
    expect(reports[0].indication).toBe('TOTAL-PASSED');
    const agency = pki.agency(agencyCode);
    expect(reports[0].signatures.map((s) => [s.indication, s.signer.commonName])).toEqual([
      ['TOTAL-PASSED', agency.leader.fullName],
      ['TOTAL-PASSED', agency.name],
    ]);
  });

  it('prints in --json exactly the report the library gives for the same bytes', async () => {
    const result = await cli(['verify', '--json', files.valid, files.tampered]);
    const printed = JSON.parse(result.stdout) as (JsonFileReport & { validationTime: string })[];
    const verifier = await createDevPkiPdfVerifier(pki);
    for (const [position, path] of [files.valid, files.tampered].entries()) {
      const { file, ...report } = printed[position];
      const expected = await verifier.verify(readFileSync(path), {
        validationTime: new Date(report.validationTime),
      });
      expect(file).toBe(path);
      expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  it('writes the readable PDF report of all files with --pdf-report, in the --lang language', async () => {
    const vi = join(dir, 'báo-cáo.pdf');
    const result = await cli(['verify', '--pdf-report', vi, files.valid, files.tampered]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Kết luận: HỢP LỆ (TOTAL-PASSED)');
    const text = extractPdfText(readFileSync(vi)).replace(/\s+/g, ' ');
    expect(text).toContain('Báo cáo kiểm tra chữ ký số');
    expect(text).toContain(`Tệp: ${files.valid}`);
    expect(text).toContain('HỢP LỆ (TOTAL-PASSED)');
    expect(text).toContain('KHÔNG HỢP LỆ: nội dung đã bị thay đổi sau khi ký');
    expect(text).toContain(pki.agency(agencyCode).leader.fullName);
    expect(text).toContain('Chuỗi chứng thư');

    const en = join(dir, 'report-en.pdf');
    expect(
      (await cli(['verify', '--lang', 'en', '--json', '--pdf-report', en, files.valid])).code,
    ).toBe(0);
    expect(extractPdfText(readFileSync(en))).toContain('Digital signature verification report');
  });

  it('exits 2 when the PDF report cannot be written', async () => {
    const result = await cli([
      'verify',
      '--pdf-report',
      join(dir, 'no-such-dir', 'r.pdf'),
      files.valid,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pdf-report');
  });

  it('exits 0 after printing help', async () => {
    const result = await cli(['verify', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--trust-anchor <pem>');
  });

  it('uses only the named trust files once --trust-anchor is given', async () => {
    const explicit = [
      '--trust-anchor',
      pki.root.certPath,
      '--intermediate',
      pki.issuing.certPath,
      '--crl',
      pki.crl('root-ca').pemPath,
      '--crl',
      pki.crl('issuing-ca').derPath,
    ];
    // An empty environment points at folders that do not exist: they must not be read.
    const passed = await cli(['verify', ...explicit, files.valid], {
      TRUST_ANCHORS_DIR: join(dir, 'nowhere'),
    });
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
  });

  it('fails a normal PDF when the only trust anchor is the rogue root', async () => {
    const result = await cli([
      'verify',
      '--json',
      '--trust-anchor',
      pki.special('rogue-root-ca').certPath,
      files.valid,
    ]);
    expect(result.code).toBe(1);
    const [report] = parseJson(result);
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it.each([
    ['no files', ['verify']],
    ['an unknown option', ['verify', '--frobnicate', 'x.pdf']],
    ['an unknown language', ['verify', '--lang', 'fr', 'x.pdf']],
    ['no command', []],
  ])('exits 2 on a usage error: %s', async (_name, argv) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
  });

  it('exits 2 when a trust anchor cannot be read or holds no certificate', async () => {
    const missing = await cli(['verify', '--trust-anchor', join(dir, 'no-root.pem'), files.valid]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--trust-anchor');
    expect(missing.stderr).toContain('cannot be read');
    expect(missing.stdout).toBe('');

    const notACertificate = await cli(['verify', '--trust-anchor', files.garbage, files.valid]);
    expect(notACertificate.code).toBe(2);
    expect(notACertificate.stderr).toContain('holds no CERTIFICATE');
  });

  it('exits 2 when --crl is given without a trust anchor', async () => {
    const result = await cli(['verify', '--crl', pki.crl('root-ca').pemPath, files.valid]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('need at least one --trust-anchor');
  });

  it('exits 2 when the configured trust store folder does not exist', async () => {
    const result = await cli(['verify', files.valid], {
      TRUST_ANCHORS_DIR: join(dir, 'nowhere'),
      CRL_DIR: pki.crlDir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('configured trust store cannot be read');
  });
});

describe('docaxis verify (real process)', () => {
  const repoRoot = resolve(__dirname, '../../../..');

  // Synchronous, so jest's timeout cannot end it: the child's own bound is generous, since
  // compiling and starting the CLI took ~9 s per run at load ~16.
  function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
    const child = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/cli/src/main.ts',
        ...args,
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, DOCAXIS_LANG: undefined, ...pkiEnv(), ...env },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
  }

  it('exits 0 for a valid PDF and 1 when a file is missing, without a stack trace', () => {
    const passed = spawnCli(['verify', '--lang', 'en', files.valid]);
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('Verdict: VALID (TOTAL-PASSED)');

    const failed = spawnCli(['verify', files.missing]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FILE_UNREADABLE');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an unknown option, worded in Vietnamese by default, in English by DOCAXIS_LANG', () => {
    const vi = spawnCli(['verify', '--nope', files.valid]);
    expect(vi).toEqual({ code: 2, stdout: '', stderr: "lỗi: không có tùy chọn '--nope'\n" });
    const en = spawnCli(['verify', '--nope', files.valid], { DOCAXIS_LANG: 'en' });
    expect(en).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--nope'\n" });
  });
});
