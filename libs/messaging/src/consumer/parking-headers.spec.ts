import { parkingHeaders } from './parking-headers';

describe('parkingHeaders', () => {
  it('keeps the original headers and adds why, from where and when', () => {
    const at = new Date('2026-11-23T10:00:00.000Z');
    expect(
      parkingHeaders(
        { 'x-correlation-id': 'c-1', 'x-delivery-count': 5 },
        { code: 'MESSAGING_DELIVERY_LIMIT', reason: 'boom', queue: 'docaxis.router.v1' },
        at,
      ),
    ).toEqual({
      'x-correlation-id': 'c-1',
      'x-docaxis-parked-code': 'MESSAGING_DELIVERY_LIMIT',
      'x-docaxis-parked-reason': 'boom',
      'x-docaxis-parked-from': 'docaxis.router.v1',
      'x-docaxis-parked-at': '2026-11-23T10:00:00.000Z',
      'x-docaxis-delivery-count': 5,
    });
  });

  it('truncates a very long reason', () => {
    const headers = parkingHeaders(undefined, { code: 'X', reason: 'e'.repeat(5000), queue: 'q' });
    expect((headers['x-docaxis-parked-reason'] as string).length).toBe(2000);
    expect(headers['x-docaxis-delivery-count']).toBe(0);
  });
});
