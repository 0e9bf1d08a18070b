import { inboxAgenciesOf, INBOX_EVENT_TYPES } from './inbox-event-audience';

const base = { occurredAt: '2026-11-20T02:00:00.000Z', actor: 'router' };
const dispatchId = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e';

describe('inboxAgenciesOf', () => {
  it('listens to dispatch deliveries, status messages and recalls', () => {
    expect(INBOX_EVENT_TYPES).toEqual([
      'dispatch.delivered.batch',
      'dispatch.delivered',
      'status.delivered',
      'dispatch.recalled',
    ]);
  });

  it('tells the inbox a batch of deliveries went into', () => {
    expect(
      inboxAgenciesOf('dispatch.delivered.batch', {
        ...base,
        recipientCode: '000.00.00.H41',
        deliveries: [{ dispatchId, senderCode: '000.00.00.G22', deliverySeq: 3 }],
      }),
    ).toEqual(['000.00.00.H41']);
  });

  it('tells the recipient of a delivered dispatch', () => {
    expect(
      inboxAgenciesOf('dispatch.delivered', {
        ...base,
        dispatchId,
        recipientCode: '000.00.00.H41',
        deliverySeq: 3,
      }),
    ).toEqual(['000.00.00.H41']);
  });

  it("tells a status message's addressee, not its author", () => {
    expect(
      inboxAgenciesOf('status.delivered', {
        ...base,
        dispatchId,
        senderCode: '000.00.00.G22',
        recipientCode: '000.00.00.H41',
        statusNoticeId: '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0f',
        authorCode: '000.00.00.H41',
        addresseeCode: '000.00.00.G22',
        statusCode: '03',
        deliverySeq: 9,
      }),
    ).toEqual(['000.00.00.G22']);
  });

  const recalled = {
    ...base,
    dispatchId,
    senderCode: '000.00.00.G22',
    reason: 'Sai sót nội dung',
    withdrawnFrom: ['000.00.14.H20'],
    requestedFrom: ['000.00.00.H41'],
  };

  it('tells the recipients a recall withdrew the dispatch from (the others get a status message)', () => {
    // Written before withdrawnFromInbox existed: every recipient it was withdrawn from.
    expect(inboxAgenciesOf('dispatch.recalled', recalled)).toEqual(['000.00.14.H20']);
  });

  it('tells none of the recipients a recall withdrew it from before it reached their inbox', () => {
    // H14 had it in its inbox; the router had not put it in H20's (queued) nor H41's (pending).
    const withdrawn = {
      ...recalled,
      withdrawnFrom: ['000.00.00.H14', '000.00.00.H41', '000.00.14.H20'],
      requestedFrom: [],
    };
    expect(
      inboxAgenciesOf('dispatch.recalled', { ...withdrawn, withdrawnFromInbox: ['000.00.00.H14'] }),
    ).toEqual(['000.00.00.H14']);
    expect(inboxAgenciesOf('dispatch.recalled', { ...withdrawn, withdrawnFromInbox: [] })).toEqual(
      [],
    );
  });
});
