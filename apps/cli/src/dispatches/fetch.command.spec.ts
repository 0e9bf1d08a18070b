import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';
import { answerJson, startStandInGateway, type StandInGateway } from '../testing/stand-in-gateway';

/**
 * `docaxis fetch` against a stand-in gateway that moves the recipient's copy from `delivered` to
 * `fetched` when its file is downloaded, as the real one does.
 */
describe('docaxis fetch', () => {
  const dispatchId = '01a20be6-6183-775d-86ef-e407833d73e2';
  const pdf = Buffer.from('%PDF-1.7\n');
  let gateway: StandInGateway;
  let state: 'delivered' | 'fetched';
  const temporaryDirectory = temporaryDirectories();

  beforeAll(async () => {
    gateway = await startStandInGateway((request, response) => {
      if (request.path.endsWith('/files/f1')) {
        state = 'fetched';
        response.setHeader('content-type', 'application/pdf');
        response.end(pdf);
        return;
      }
      answerJson(response, {
        id: dispatchId,
        senderCode: '000.00.00.G22',
        state: 'routed',
        rejection: null,
        envelope: { subject: 'V/v thử nghiệm' },
        files: [
          {
            id: 'f1',
            fileName: 'cong-van.pdf',
            sha256: createHash('sha256').update(pdf).digest('hex'),
            sizeBytes: pdf.length,
          },
        ],
        recipients: [{ agencyCode: '000.00.00.H41', state }],
      });
    });
  });

  afterAll(() => gateway?.close());

  it('prints the delivery state after saving the files, not the one before', async () => {
    state = 'delivered';
    const out = temporaryDirectory('docaxis-fetch-');
    const saved = join(out, 'cong-van.pdf');
    const result = await gateway.cli(['fetch', dispatchId, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      `Văn bản ${dispatchId} của 000.00.00.G22: đã định tuyến`,
      '  V/v thử nghiệm',
      '  gửi 000.00.00.H41: đã lấy về',
      expect.stringMatching(/^ {2}đã lưu .*cong-van\.pdf \(sha256 /),
      '',
    ]);
    expect(readFileSync(saved)).toEqual(pdf);
  });

  it('answers --json with the dispatch as it is after the download', async () => {
    state = 'delivered';
    const out = temporaryDirectory('docaxis-fetch-');
    const result = await gateway.cli(['fetch', dispatchId, '--out', out, '--json']);
    const answer = JSON.parse(result.stdout) as { dispatch: { recipients: { state: string }[] } };
    expect(answer.dispatch.recipients).toEqual([{ agencyCode: '000.00.00.H41', state: 'fetched' }]);
  });

  it('reads the dispatch once when no file is downloaded', async () => {
    state = 'delivered';
    gateway.requests.length = 0;
    const result = await gateway.cli(['fetch', dispatchId, '--no-files']);
    expect(result.stdout).toContain('gửi 000.00.00.H41: đã đến hộp thư');
    expect(gateway.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /dispatches/${dispatchId}`,
    ]);
  });
});
