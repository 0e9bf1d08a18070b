import { MAX_OPERATOR_REASON_LENGTH, operatorReason } from './operator-reason';

describe('operatorReason', () => {
  it('keeps a trimmed reason of 1 to 2,000 characters, and nothing else', () => {
    expect(operatorReason('  thông điệp hỏng \n')).toBe('thông điệp hỏng');
    expect(operatorReason('x'.repeat(MAX_OPERATOR_REASON_LENGTH))).toHaveLength(2000);
    for (const bad of [undefined, null, 42, {}, '', '   ', 'x'.repeat(2001)]) {
      expect(operatorReason(bad)).toBeNull();
    }
  });
});
