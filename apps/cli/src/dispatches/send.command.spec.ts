import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import { EnvelopeValidationError } from '@docaxis/edxml/envelope/envelope-validation.error';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
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
  /** An envelope the axis refuses: its sender among its recipients, due before it is dated. */
  let invalidEnvelope: string;
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
    invalidEnvelope = join(dir, 'invalid-envelope.json');
    writeFileSync(
      invalidEnvelope,
      JSON.stringify(envelopeJson('000.00.00.G22', ['000.00.00.G22'], { dueDate: '2026-11-01' })),
    );
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

  /** The gateway's refusal of an invalid envelope, by the validation it runs, in `language`. */
  const refusedAsInvalid: StandInAnswer = (request, response) => {
    try {
      validateDispatchEnvelope(JSON.parse(readFileSync(invalidEnvelope, 'utf8')));
    } catch (error) {
      if (!(error instanceof EnvelopeValidationError)) throw error;
      const language = request.headers['accept-language'] === 'en' ? 'en' : 'vi';
      const { code, details } = error;
      const message = error.messageIn(language);
      answerJson(response, { error: { code, message, details, errorId: 'e1' } }, 400);
    }
  };

  it('lists each issue of an invalid envelope, field and problem, in --lang', async () => {
    answer = refusedAsInvalid;
    const vi = await gateway.cli(['send', invalidEnvelope, pdf, '--no-progress']);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toBe('');
    expect(vi.stderr.split('\n')).toEqual([
      'docaxis: ENVELOPE_INVALID: Thông tin văn bản điện tử không hợp lệ (2 lỗi); các trường cần sửa: to[0].organId, dueDate (xem chi tiết tại details.issues). (mã lỗi e1)',
      '  - to[0].organId: là chính nơi gửi; cơ quan không gửi văn bản cho chính mình (SENDER_IS_RECIPIENT)',
      '  - dueDate: hạn xử lý sớm hơn ngày ban hành (DUE_DATE_BEFORE_PROMULGATION)',
      '',
    ]);
    const en = await gateway.cli(['send', invalidEnvelope, pdf, '--no-progress', '--lang', 'en']);
    expect(en.stderr.split('\n').slice(1)).toEqual([
      '  - to[0].organId (mã định danh nơi nhận) is the sender 000.00.00.G22; an agency does not send to itself',
      '  - dueDate (hạn xử lý) 2026-11-01 is before the promulgation date 2026-11-20',
      '',
    ]);
  });
});
