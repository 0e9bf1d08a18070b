import { connect } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { queueName, topologyNames } from '@docaxis/messaging/topology/topology-names';
import { asAdmin, asAgency } from '@docaxis/testing/agency-client';
import { fetchFirstFile, sendAndDeliver, sendDispatches } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22'; // sender
const B = '000.00.00.H41'; // fetches before the recall
const C = '000.00.14.H20'; // has not fetched when it is recalled
const D = '000.00.00.H14'; // not a party

interface InboxItem {
  kind: string;
  dispatchId: string;
  notice?: { code: string; recipientCode: string; authorCode: string; reason: string | null };
}

async function inbox(axis: RunningAxis, agency: string): Promise<InboxItem[]> {
  return (await asAgency(axis, agency).get('/inbox?limit=200')).body.items;
}

async function statusItem(
  axis: RunningAxis,
  agency: string,
  dispatchId: string,
  code: string,
): Promise<InboxItem> {
  const items = await waitFor(
    () => inbox(axis, agency),
    (list) => list.some((i) => i.dispatchId === dispatchId && i.notice?.code === code),
    `status ${code} of ${dispatchId} in the inbox of ${agency}`,
  );
  return items.find((i) => i.dispatchId === dispatchId && i.notice?.code === code)!;
}

/** The sender recalls (thu hồi): before and after the recipients fetched it (all four apps). */
describe('recall (real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('recall');
  });

  afterAll(async () => {
    await axis?.stop();
  });

  describe('a recipient that fetched it refuses; one that had not loses it', () => {
    let dispatchId: string;
    const reason = 'Sai sót về nội dung, sẽ ban hành văn bản thay thế';

    beforeAll(async () => {
      dispatchId = await sendAndDeliver(axis, A, [B, C]);
      await fetchFirstFile(axis, B, dispatchId);
    });

    it('is refused to anyone but the sender, and without a reason', async () => {
      const byRecipient = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/recall`)
        .send({ reason });
      expect(byRecipient.status).toBe(403);
      expect(byRecipient.body.error.code).toBe('NOT_THE_SENDER');
      const byStranger = await asAgency(axis, D)
        .post(`/dispatches/${dispatchId}/recall`)
        .send({ reason });
      expect(byStranger.status).toBe(404);
      expect(byStranger.body.error.code).toBe('DISPATCH_NOT_FOUND');
      const noReason = await asAgency(axis, A).post(`/dispatches/${dispatchId}/recall`).send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.code).toBe('RECALL_REQUEST_INVALID');
    });

    it('withdraws it from C (not fetched) and asks B (fetched)', async () => {
      const response = await asAgency(axis, A)
        .post(`/dispatches/${dispatchId}/recall`)
        .send({ reason });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        dispatchId,
        reason,
        withdrawnFrom: [C],
        requestedFrom: [B],
      });
      const again = await asAgency(axis, A)
        .post(`/dispatches/${dispatchId}/recall`)
        .send({ reason });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('DISPATCH_ALREADY_RECALLED');
    });

    it('C no longer sees it: not in its inbox, not readable, no status accepted', async () => {
      expect((await inbox(axis, C)).some((i) => i.dispatchId === dispatchId)).toBe(false);
      expect((await asAgency(axis, C).get(`/dispatches/${dispatchId}`)).status).toBe(404);
      const notice = await asAgency(axis, C)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '01' });
      expect(notice.status).toBe(404);
    });

    it('B gets a recall request (13) in its inbox and refuses it (16, with a reason)', async () => {
      const request = await statusItem(axis, B, dispatchId, '13');
      expect(request.notice).toMatchObject({ authorCode: A, recipientCode: B, reason });
      const view = (await asAgency(axis, B).get(`/dispatches/${dispatchId}`)).body;
      expect(view.recipients[0]).toMatchObject({ state: 'fetched', recallState: 'requested' });
      expect(view.recall).toMatchObject({ reason });

      const withoutReason = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '16' });
      expect(withoutReason.status).toBe(422);
      expect(withoutReason.body.error.code).toBe('STATUS_REASON_REQUIRED');
      const refused = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '16', reason: 'Văn bản đã được triển khai thực hiện' });
      expect(refused.status).toBe(201);
      const twice = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '15' });
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('RECALL_NOT_REQUESTED');
    });

    it("the sender sees B's answer in its inbox and each recipient's recall state", async () => {
      const answer = await statusItem(axis, A, dispatchId, '16');
      expect(answer.notice).toMatchObject({
        authorCode: B,
        reason: 'Văn bản đã được triển khai thực hiện',
      });
      const view = (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body;
      expect(
        view.recipients.map(
          (r: { agencyCode: string; state: string; recallState: string | null }) => [
            r.agencyCode,
            r.state,
            r.recallState,
          ],
        ),
      ).toEqual([
        [B, 'fetched', 'refused'],
        [C, 'recalled', null],
      ]);
      expect(view.notices.map((n: { code: string }) => n.code)).toEqual(['13', '16']);
    });

    it('is in the audit trail once', async () => {
      const trail = await waitFor(
        async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}/trail`)).body,
        (body) =>
          body.entries?.filter((e: { eventType: string }) => e.eventType === 'status.delivered')
            .length === 2,
        'the recall request and the answer delivered',
      );
      const recalled = trail.entries.filter(
        (e: { eventType: string }) => e.eventType === 'dispatch.recalled',
      );
      expect(recalled).toHaveLength(1);
    });
  });

  describe('a recipient that fetched it agrees', () => {
    let dispatchId: string;

    beforeAll(async () => {
      dispatchId = await sendAndDeliver(axis, A, [B]);
      await fetchFirstFile(axis, B, dispatchId);
      const ack = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '01' });
      expect(ack.status).toBe(201);
    });

    it('accepts (15; 14 is read the same), after which B reports no further status', async () => {
      const recall = await asAgency(axis, A)
        .post(`/dispatches/${dispatchId}/recall`)
        .send({ reason: 'Ban hành nhầm' });
      expect(recall.body).toMatchObject({ withdrawnFrom: [], requestedFrom: [B] });
      await statusItem(axis, B, dispatchId, '13');
      const agreed = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '14' });
      expect(agreed.status).toBe(201);
      expect(agreed.body).toMatchObject({ code: '15', name: 'Đồng ý lấy lại / cập nhật' });
      const more = await asAgency(axis, B)
        .post(`/dispatches/${dispatchId}/status`)
        .send({ code: '03' });
      expect(more.status).toBe(409);
      expect(more.body.error.code).toBe('DISPATCH_RECALLED');

      await statusItem(axis, A, dispatchId, '15');
      const view = (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body;
      expect(view.recipients[0]).toMatchObject({ statusCode: '01', recallState: 'accepted' });
    });
  });

  describe('a recipient that reported a status without downloading a file', () => {
    it('is asked (13), not withdrawn: the document reached its system', async () => {
      // An edXML system reads the packet, PDFs inside, and downloads no file.
      const dispatchId = await sendAndDeliver(axis, A, [B]);
      for (const code of ['01', '03']) {
        const notice = await asAgency(axis, B)
          .post(`/dispatches/${dispatchId}/status`)
          .send({ code });
        expect(notice.status).toBe(201);
      }
      const recall = await asAgency(axis, A)
        .post(`/dispatches/${dispatchId}/recall`)
        .send({ reason: 'Ban hành nhầm' });
      expect(recall.body).toMatchObject({ withdrawnFrom: [], requestedFrom: [B] });
      await statusItem(axis, B, dispatchId, '13');
      const view = (await asAgency(axis, B).get(`/dispatches/${dispatchId}`)).body;
      expect(view.recipients[0]).toMatchObject({
        state: 'delivered',
        statusCode: '03',
        recallState: 'requested',
      });
    });
  });

  describe('recalled before the router routed it', () => {
    /** The router's queue of verified dispatches, unbound so that the spec decides when it routes. */
    async function withRouterQueue<T>(
      action: 'bindQueue' | 'unbindQueue',
      then?: (publish: (body: object) => void) => T,
    ): Promise<T | undefined> {
      const connection = await connect(axis.env.AMQP_URL!);
      try {
        const channel = await connection.createConfirmChannel();
        const exchange = topologyNames(axis.env.AMQP_PREFIX!).eventsExchange;
        await channel[action](
          queueName(axis.env.AMQP_PREFIX!, 'router.dispatch-verified'),
          exchange,
          'dispatch.verified',
        );
        const result = then?.((body) =>
          channel.publish(exchange, 'dispatch.verified', Buffer.from(JSON.stringify(body)), {
            messageId: uuidv7(),
            type: 'dispatch.verified',
            contentType: 'application/json',
            persistent: true,
          }),
        );
        await channel.waitForConfirms();
        return result;
      } finally {
        await connection.close();
      }
    }

    it('is ended as withdrawn by the router, with dispatch.withdrawn and nothing routed, and the sender sees it', async () => {
      await withRouterQueue('unbindQueue');
      let dispatchId: string | undefined;
      try {
        [dispatchId] = await sendDispatches(axis, A, [B, C], 1);
        await waitFor(
          async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body.state,
          (state) => state === 'verified',
          'the verifier to verify it',
        );
        const recall = await asAgency(axis, A)
          .post(`/dispatches/${dispatchId}/recall`)
          .send({ reason: 'Gửi nhầm' });
        expect(recall.body).toMatchObject({ withdrawnFrom: [B, C].sort(), requestedFrom: [] });
      } finally {
        // The verified message the router missed, as the verifier published it.
        const missed = dispatchId;
        await withRouterQueue(
          'bindQueue',
          missed === undefined
            ? undefined
            : (publish) =>
                publish({
                  dispatchId: missed,
                  senderCode: A,
                  recipientCodes: [B, C],
                  occurredAt: new Date().toISOString(),
                  actor: 'verifier',
                }),
        );
      }
      const view = await waitFor(
        async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body,
        (body) => body.state !== 'verified',
        'the router to end it',
      );
      expect(view).toMatchObject({ state: 'withdrawn', recall: { reason: 'Gửi nhầm' } });
      expect(view.recipients.map((r: { state: string }) => r.state)).toEqual([
        'recalled',
        'recalled',
      ]);
      const sent = (await asAgency(axis, A).get('/dispatches?role=sent&limit=50')).body.items;
      expect(
        sent.find((item: { dispatchId: string }) => item.dispatchId === dispatchId),
      ).toMatchObject({
        state: 'withdrawn',
        recalledAt: expect.any(String),
      });
      const trail = await waitFor(
        async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}/trail`)).body,
        (body) =>
          body.entries?.some((e: { eventType: string }) => e.eventType === 'dispatch.withdrawn'),
        'dispatch.withdrawn audited',
      );
      const types = trail.entries.map((e: { eventType: string }) => e.eventType);
      expect(types.filter((type: string) => type === 'dispatch.withdrawn')).toHaveLength(1);
      expect(types).not.toContain('dispatch.routed');
      expect(types).not.toContain('dispatch.delivered');
      const withdrawn = trail.entries.find(
        (e: { eventType: string }) => e.eventType === 'dispatch.withdrawn',
      );
      expect(withdrawn).toMatchObject({
        actor: 'router',
        details: { body: { recipientCodes: [B, C].sort() } },
      });
      expect((await inbox(axis, B)).some((i) => i.dispatchId === dispatchId)).toBe(false);
      const parked = (await asAdmin(axis).get('/admin/parked-messages?limit=200')).body.items;
      expect(parked).toEqual([]);
      // A verification, the router ending it and the audit trail, each awaited up to 45 s.
    }, 240_000);
  });
});
