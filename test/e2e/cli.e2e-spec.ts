import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../apps/cli/src/cli-program';
import type { DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

const A = '000.00.00.G22';
const B = '000.00.00.H41';
const C = '000.00.14.H20';

/** The docaxis CLI driving the real running axis (gateway over mutual TLS, all four apps). */
describe('docaxis CLI against the running axis', () => {
  let axis: RunningAxis;
  let dir: string;
  let pdf: Buffer;
  let pdfFile: string;

  beforeAll(async () => {
    // A gateway limit lower than the CLI's default batch, as an operator may configure it.
    axis = await startAxis('cli', { ACK_BATCH_MAX: '2' });
    dir = temporaryDirectory('docaxis-cli-');
    pdf = await signedDispatchPdf(axis.pki, A);
    pdfFile = join(dir, 'cong-van.pdf');
    writeFileSync(pdfFile, pdf);
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** Runs the CLI in-process as `credential`; the connection comes from the environment. */
  async function cli(credential: DevPkiCredential, ...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {
        DOCAXIS_URL: axis.gatewayUrl,
        DOCAXIS_CERT: credential.certPath,
        DOCAXIS_KEY: credential.keyPath,
        DOCAXIS_CA: axis.pki.server.caBundlePath,
      },
    });
    return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
  }
  const agency = (code: string) => axis.pki.agency(code).client;

  function envelopeFile(overrides: Parameters<typeof envelopeJson>[2] = {}): string {
    const file = join(dir, `envelope-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(envelopeJson(A, [B], overrides)));
    return file;
  }

  it('send → inbox → fetch → ack: a dispatch to two agencies, JSON for scripts, exit 0', async () => {
    const sent = await cli(
      agency(A),
      'send',
      envelopeFile(),
      pdfFile,
      '--to',
      B,
      '--to',
      `${C}=Sở Thông tin và Truyền thông Đồng Tháp`,
      '--json',
    );
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    const dispatchId = sent.json().dispatchId as string;

    const inbox = await waitFor(
      async () => (await cli(agency(C), 'inbox', '--json')).json(),
      (page) => JSON.stringify(page).includes(dispatchId),
      'the dispatch in the inbox of C',
    );
    expect(inbox.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ dispatchId, senderCode: A })]),
    );

    const out = join(dir, 'fetched');
    const fetched = await cli(agency(C), 'fetch', dispatchId, '--out', out);
    expect(fetched.code).toBe(0);
    // Vietnamese by default: every line the CLI prints for people.
    expect(fetched.stdout).toContain(`gửi ${C}: `);
    expect(fetched.stdout).toContain('đã đối chiếu');
    expect(readFileSync(join(out, 'cong-van.pdf')).equals(pdf)).toBe(true);

    const status = await cli(agency(C), 'status', dispatchId, '01', '--staff', 'Lê Thị Hoa');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toContain(`Đã ghi nhận trạng thái 01 (`);
    expect(status.stdout).toContain(`đang chuyển tới ${A}`);
    // The sender's inbox holds the notice: the human listing shows it (it used to stop on it).
    const senderInbox = await waitFor(
      () => cli(agency(A), 'inbox'),
      (listed) => listed.stdout.includes('trạng thái 01'),
      'the status notice in the inbox of A',
    );
    expect(senderInbox).toMatchObject({ code: 0, stderr: '' });
    expect(senderInbox.stdout).toContain(`${dispatchId}  trạng thái 01   từ ${C}`);
    const senderInboxEn = await cli(agency(A), 'inbox', '--lang', 'en');
    expect(senderInboxEn.stdout).toContain(`${dispatchId}  status 01    from ${C}`);

    const acked = await cli(agency(C), 'ack', dispatchId);
    expect(acked).toMatchObject({ code: 0 });
    expect(acked.stdout).toContain(
      `Đã xác nhận đã nhận: văn bản ${dispatchId}, cơ quan nhận ${C} (đã xác nhận)`,
    );
    const again = await cli(agency(C), 'ack', dispatchId);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toBe(
      `Đã xác nhận từ trước: văn bản ${dispatchId}, cơ quan nhận ${C} (đã xác nhận)\n`,
    );
    // Many at once (POST /inbox/ack): what can be acknowledged is, the rest is named with its code.
    const unknown = '00000000-0000-4000-8000-000000000000';
    const many = await cli(agency(B), 'ack', dispatchId, unknown, dispatchId, '--lang', 'en');
    expect(many.code).toBe(1);
    expect(many.stdout).toBe(`Acknowledged: dispatch ${dispatchId} for ${B} (acknowledged)\n`);
    expect(many.stderr).toBe(
      `docaxis: dispatch ${unknown}: DISPATCH_NOT_FOUND: No dispatch ${unknown} is visible to your agency.\n`,
    );

    const human = await cli(agency(A), 'fetch', dispatchId, '--no-files', '--lang', 'en');
    expect(human.stdout).toContain(`to ${B}: `);
    expect(human.stdout).toContain(`to ${C}: acknowledged`);
  });

  it('ack: sent again in batches of the limit the axis reports, each UUID once whatever its case', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const acked = await cli(
      agency(B),
      'ack',
      ids[0],
      ids[1],
      ids[0].toUpperCase(),
      ids[2],
      '--json',
    );
    // None of them is B's: each is answered on its own, not the whole request refused.
    expect(acked.code).toBe(1);
    expect(acked.stderr).not.toContain('ACK_BATCH_');
    const { results } = acked.json() as {
      results: { dispatchId: string; error: { code: string } }[];
    };
    expect(results.map((result) => [result.dispatchId, result.error.code])).toEqual(
      ids.map((id) => [id, 'DISPATCH_NOT_FOUND']),
    );

    const usage = await cli(agency(B), 'ack', ids[0], '--batch-size', '0');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--batch-size');
  });

  it('recall: withdrawn where not fetched, answered with a recall request elsewhere', async () => {
    const sent = await cli(agency(A), 'send', envelopeFile(), pdfFile, '--to', B, '--json');
    const dispatchId = sent.json().dispatchId as string;
    await waitFor(
      async () => (await cli(agency(B), 'inbox', '--json')).json(),
      (page) => JSON.stringify(page).includes(dispatchId),
      'the dispatch in the inbox of B',
    );
    const recalled = await cli(
      agency(A),
      'recall',
      dispatchId,
      '--reason',
      'Sai sót nội dung',
      '--json',
    );
    expect(recalled.code).toBe(0);
    expect(recalled.json()).toMatchObject({ dispatchId, withdrawnFrom: [B], requestedFrom: [] });
    const again = await cli(agency(B), 'recall', dispatchId, '--reason', 'không phải người gửi');
    expect(again.code).toBe(1);
  });

  it('exit 1 with the stable code when the axis refuses; 2 for unusable input; 3 when unreachable', async () => {
    const secret = await cli(
      agency(A),
      'send',
      envelopeFile({ confidentiality: 'secret' }),
      pdfFile,
    );
    expect(secret.code).toBe(1);
    expect(secret.stderr).toContain('CONFIDENTIAL_DOCUMENT_REFUSED');

    const notRecipient = await cli(agency(C), 'ack', '00000000-0000-4000-8000-000000000000');
    expect(notRecipient.code).toBe(1);
    expect(notRecipient.stderr).toContain('DISPATCH_NOT_FOUND');
    // Printed as the axis words it: Vietnamese, the axis' default.
    expect(notRecipient.stderr).toContain(
      'Không tìm thấy văn bản 00000000-0000-4000-8000-000000000000',
    );
    // --lang en: the axis is asked for English (Accept-Language), and answers in it.
    const inEnglish = await cli(
      agency(C),
      'ack',
      '00000000-0000-4000-8000-000000000000',
      '--lang',
      'en',
    );
    expect(inEnglish.stderr).toContain(
      'No dispatch 00000000-0000-4000-8000-000000000000 is visible to your agency.',
    );

    const unnamed = await cli(agency(A), 'send', envelopeFile(), pdfFile, '--to', C);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain(`--to ${C}: hãy ghi cả tên cơ quan nhận`);

    const noCert = await cli({ ...agency(A), certPath: join(dir, 'absent.pem') }, 'inbox');
    expect(noCert.code).toBe(2);
    expect(noCert.stderr).toContain('không đọc được chứng thư số máy khách');

    const down = await cli(agency(A), 'inbox', '--url', 'https://127.0.0.1:9');
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('không kết nối được tới trục');
    const downEn = await cli(agency(A), 'inbox', '--url', 'https://127.0.0.1:9', '--lang', 'en');
    expect(downEn).toMatchObject({ code: 3, stdout: '' });
    expect(downEn.stderr).toContain('cannot reach the axis');
  });

  it('agencies: the administrator registers, lists and suspends; an agency system is refused', async () => {
    const admin = axis.pki.operator('admin');
    const registered = await cli(
      admin,
      'agencies',
      'register',
      '000.00.77.H20',
      'Sở Thử nghiệm CLI',
      '--json',
    );
    expect(registered.code).toBe(0);
    expect(registered.json()).toMatchObject({ code: '000.00.77.H20', status: 'active' });

    const listed = await cli(admin, 'agencies', 'list');
    expect(listed.stdout).toMatch(/000\.00\.77\.H20\s+hoạt động\s+Sở Thử nghiệm CLI/);
    const listedEn = await cli(admin, 'agencies', 'list', '--lang', 'en');
    expect(listedEn.stdout).toMatch(/000\.00\.77\.H20\s+active\s+Sở Thử nghiệm CLI/);

    const shown = await cli(admin, 'agencies', 'show', A, '--json');
    expect((shown.json().certificates as unknown[]).length).toBeGreaterThan(0);

    const suspended = await cli(admin, 'agencies', 'suspend', '000.00.77.H20', '--json');
    expect(suspended.json()).toMatchObject({ status: 'suspended' });

    const refused = await cli(agency(A), 'agencies', 'list');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ROLE_NOT_GRANTED');
  });

  it('certs dev generates a TEST PKI, then keeps it with --if-missing', async () => {
    const agencies = join(dir, 'agencies.json');
    writeFileSync(
      agencies,
      JSON.stringify([
        {
          code: A,
          name: 'Văn phòng Chính phủ',
          leader: { fullName: 'Nguyễn Văn A', position: 'Chánh Văn phòng' },
        },
      ]),
    );
    const out = join(dir, 'pki');
    const made = await cli(
      agency(A),
      'certs',
      'dev',
      '--out',
      out,
      '--agencies',
      agencies,
      '--json',
    );
    expect(made.code).toBe(0);
    expect(made.json()).toMatchObject({ generated: true, agencies: [A] });
    const kept = await cli(
      agency(A),
      'certs',
      'dev',
      '--out',
      out,
      '--agencies',
      agencies,
      '--if-missing',
      '--lang',
      'en',
    );
    expect(kept.stdout).toContain('Kept the development PKI');
  }, 120_000);
});
