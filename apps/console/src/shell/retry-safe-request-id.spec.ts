import { describe, expect, it } from '@jest/globals';
import { RetrySafeRequestId } from './retry-safe-request-id';

describe('RetrySafeRequestId', () => {
  const ids = () => {
    let next = 0;
    return new RetrySafeRequestId(() => `id-${++next}`);
  };

  it('sends the same id when the same request is pressed again before an answer', () => {
    const requestId = ids();
    expect(requestId.for('03|')).toBe('id-1');
    expect(requestId.for('03|')).toBe('id-1');
  });

  it('makes a new id once the content changes', () => {
    const requestId = ids();
    expect(requestId.for('02|')).toBe('id-1');
    expect(requestId.for('02|không đúng thẩm quyền')).toBe('id-2');
    expect(requestId.for('02|')).toBe('id-3');
  });

  it('makes a new id for the next request once one was answered, even with the same content', () => {
    const requestId = ids();
    expect(requestId.for('05|')).toBe('id-1');
    requestId.settled();
    expect(requestId.for('05|')).toBe('id-2');
  });
});
