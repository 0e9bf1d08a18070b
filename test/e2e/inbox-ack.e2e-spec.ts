import { randomUUID } from 'node:crypto';
import { asAgency, asClerk } from '@docaxis/testing/agency-client';
import { fetchFirstFile, sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22';
const B = '000.00.00.H41';
const C = '000.00.14.H20';
const ACK_BATCH_MAX = 5;

interface AckItem {
  dispatchId: string;
  outcome: string;
  delivery: { agencyCode: string; state: string; acknowledgedAt: string | null } | null;
  error: { code: string; message: string } | null;
}

/** POST /inbox/ack: many acknowledgements in one request (all four apps). */
describe('batch acknowledgement POST /inbox/ack (real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('inbox-ack', { ACK_BATCH_MAX: String(ACK_BATCH_MAX) });
  }, 120_000);

  afterAll(async () => {
    await axis?.stop();
  });

  const ack = (agency: string, body: unknown) =>
    asAgency(axis, agency)
      .post('/inbox/ack')
      .send(body as object);

  /** How often the audit trail recorded `agency` acknowledging the dispatch. */
  async function acknowledgementsAudited(dispatchId: string, agency: string): Promise<number> {
    const trail = await asAgency(axis, A).get(`/dispatches/${dispatchId}/trail`);
    return trail.body.entries.filter(
      (e: { eventType: string; recipientCode: string | null }) =>
        e.eventType === 'dispatch.acknowledged' && e.recipientCode === agency,
    ).length;
  }

  it('answers each id on its own: acknowledged, recalled, not a recipient, not found — and loses none', async () => {
    const toBoth = await sendAndDeliver(axis, A, [B, C]);
    const fetched = await sendAndDeliver(axis, A, [B]);
    const withdrawn = await sendAndDeliver(axis, A, [B]);
    const ownSent = await sendAndDeliver(axis, B, [A]);
    await fetchFirstFile(axis, B, fetched);
    const recall = await asAgency(axis, A)
      .post(`/dispatches/${withdrawn}/recall`)
      .send({ reason: 'Sai sót về nội dung' });
    expect(recall.body.withdrawnFrom).toEqual([B]);
    const unknown = randomUUID();

    const response = await ack(B, {
      dispatchIds: [toBoth, fetched.toUpperCase(), withdrawn, ownSent, unknown],
    });
    expect(response.status).toBe(200);
    const results: AckItem[] = response.body.results;
    expect(results.map((r) => [r.dispatchId, r.outcome, r.error?.code ?? null])).toEqual([
      [toBoth, 'acknowledged', null],
      [fetched.toUpperCase(), 'acknowledged', null],
      [withdrawn, 'recalled', 'DISPATCH_WITHDRAWN'],
      [ownSent, 'not_a_recipient', 'NOT_A_RECIPIENT'],
      [unknown, 'not_found', 'DISPATCH_NOT_FOUND'],
    ]);
    expect(results[0].delivery).toMatchObject({ agencyCode: B, state: 'acknowledged' });
    expect(results[0].delivery!.acknowledgedAt).toEqual(expect.any(String));
    expect(results[2].delivery).toBeNull();
    // Refused items are worded as the API's errors are: Vietnamese unless English is asked for.
    expect(response.headers['content-language']).toBe('vi');
    expect(results[4].error?.message).toContain('Không tìm thấy văn bản');
    const english = await asAgency(axis, B)
      .post('/inbox/ack?lang=en')
      .send({ dispatchIds: [unknown] });
    expect(english.body.results[0].error.message).toContain('is visible to your agency');

    // The sender sees both acknowledged; C's copy of the shared dispatch is untouched.
    const shared = await asAgency(axis, A).get(`/dispatches/${toBoth}`);
    expect(
      shared.body.recipients.map((r: { agencyCode: string; state: string }) => [
        r.agencyCode,
        r.state,
      ]),
    ).toEqual([
      [B, 'acknowledged'],
      [C, 'delivered'],
    ]);
    expect((await asAgency(axis, A).get(`/dispatches/${fetched}`)).body.recipients[0].state).toBe(
      'acknowledged',
    );

    // Each acknowledgement is on the audit trail, once.
    for (const id of [toBoth, fetched]) {
      await waitFor(
        () => acknowledgementsAudited(id, B),
        (n) => n === 1,
        `the acknowledgement of ${id} audited`,
      );
    }

    // Again: nothing changes, nothing more is announced.
    const again = await ack(B, { dispatchIds: [toBoth, fetched] });
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: AckItem) => [r.outcome, r.delivery?.acknowledgedAt])).toEqual(
      [
        ['already_acknowledged', results[0].delivery!.acknowledgedAt],
        ['already_acknowledged', results[1].delivery!.acknowledgedAt],
      ],
    );
    // The single-dispatch route agrees, and still refuses the sender and a withdrawn copy.
    expect((await asAgency(axis, B).post(`/dispatches/${toBoth}/ack`)).body.state).toBe(
      'acknowledged',
    );
    expect((await asAgency(axis, B).post(`/dispatches/${withdrawn}/ack`)).body.error.code).toBe(
      'DISPATCH_NOT_FOUND',
    );
    expect((await asAgency(axis, B).post(`/dispatches/${ownSent}/ack`)).body.error.code).toBe(
      'NOT_A_RECIPIENT',
    );
    // C acknowledges its own copy through the batch route too.
    expect((await ack(C, { dispatchIds: [toBoth] })).body.results[0].outcome).toBe('acknowledged');
    await waitFor(
      () => acknowledgementsAudited(toBoth, C),
      (n) => n === 1,
      "C's acknowledgement audited",
    );
    expect(await acknowledgementsAudited(toBoth, B)).toBe(1);
    // Four dispatches through the whole pipeline, one after the other, then the audit trail.
  }, 240_000);

  it.each([
    ['no body', 400, 'ACK_REQUEST_INVALID', undefined],
    ['dispatchIds missing', 400, 'ACK_REQUEST_INVALID', {}],
    ['dispatchIds not an array', 400, 'ACK_REQUEST_INVALID', { dispatchIds: 'abc' }],
    ['an id that is not a string', 400, 'ACK_REQUEST_INVALID', { dispatchIds: [42] }],
    ['an unknown field', 400, 'ACK_REQUEST_INVALID', { dispatchIds: [randomUUID()], all: true }],
    ['an empty list', 400, 'ACK_BATCH_EMPTY', { dispatchIds: [] }],
    ['a malformed id', 400, 'DISPATCH_ID_INVALID', { dispatchIds: [randomUUID(), 'not-a-uuid'] }],
    [
      'too many ids',
      413,
      'ACK_BATCH_TOO_LARGE',
      { dispatchIds: Array.from({ length: ACK_BATCH_MAX + 1 }, () => randomUUID()) },
    ],
  ])('refuses %s → %i %s', async (_label, status, code, body) => {
    const response = await ack(B, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('refuses a repeated id (in any letter case) and acknowledges nothing of that request', async () => {
    const id = await sendAndDeliver(axis, A, [B]);
    const response = await ack(B, { dispatchIds: [id, randomUUID(), id.toUpperCase()] });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'ACK_BATCH_DUPLICATE_IDS',
      details: { dispatchIds: [id.toUpperCase()] },
    });
    expect((await asAgency(axis, A).get(`/dispatches/${id}`)).body.recipients[0].state).toBe(
      'delivered',
    );
  });

  it("is the document system's: a clerk is refused", async () => {
    const response = await asAgency(axis, B)
      .post('/inbox/ack')
      .send({ dispatchIds: [randomUUID()] });
    expect(response.status).toBe(200);
    const byClerk = await asClerk(axis, B)
      .post('/inbox/ack')
      .send({ dispatchIds: [randomUUID()] });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.error.code).toBe('ROLE_NOT_GRANTED');
  });
});
