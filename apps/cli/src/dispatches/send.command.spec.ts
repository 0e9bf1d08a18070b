import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';
import {
  answerJson,
  startStandInGateway,
  type StandInAnswer,
  type StandInGateway,
} from '../testing/stand-in-gateway';

/** `docaxis send` against a stand-in gateway answering POST /dispatches as the real one does. */
describe('docaxis send', () => {
  const dispatchId = '01a20be6-6183-775d-86ef-e407833d73e2';
  let gateway: StandInGateway;
  let answer: StandInAnswer;
  let envelope: string;
  let pdf: string;
  const temporaryDirectory = temporaryDirectories();

  beforeAll(async () => {
    gateway = await startStandInGateway((request, response) => answer(request, response));
    const dir = temporaryDirectory('docaxis-send-');
    envelope = join(dir, 'envelope.json');
    pdf = join(dir, 'cong-van.pdf');
    writeFileSync(
      envelope,
      JSON.stringify({ to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' }] }),
    );
    writeFileSync(pdf, '%PDF-1.7\n');
  });

  afterAll(() => gateway?.close());

  const accepted =
    (state: string, replayed = false): StandInAnswer =>
    (_request, response) =>
      answerJson(response, { dispatchId, state, replayed }, replayed ? 200 : 202);

  it('says once that the axis accepted the dispatch, and to whom it goes', async () => {
    answer = accepted('accepted');
    const vi = await gateway.cli(['send', envelope, pdf, '--no-progress']);
    expect(vi).toEqual({
      code: 0,
      stderr: '',
      stdout:
        `Trục đã tiếp nhận văn bản ${dispatchId}, gửi 000.00.00.H41\n` +
        `Theo dõi văn bản: docaxis fetch ${dispatchId} --no-files\n`,
    });
    const en = await gateway.cli(['send', envelope, pdf, '--no-progress', '--lang', 'en']);
    expect(en.stdout).toBe(
      `Accepted dispatch ${dispatchId}, to 000.00.00.H41\n` +
        `Follow it with: docaxis fetch ${dispatchId} --no-files\n`,
    );
  });

  it('names the state a replayed send finds the dispatch in, when it is no longer accepted', async () => {
    answer = accepted('routed', true);
    const vi = await gateway.cli(['send', envelope, pdf, '--no-progress']);
    expect(vi.stdout.split('\n')[0]).toBe(
      `Trục đã tiếp nhận văn bản ${dispatchId} từ trước, gửi 000.00.00.H41; hiện: đã định tuyến`,
    );
    const en = await gateway.cli(['send', envelope, pdf, '--no-progress', '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe(
      `Already accepted dispatch ${dispatchId}, to 000.00.00.H41; now: routed`,
    );
  });
});
