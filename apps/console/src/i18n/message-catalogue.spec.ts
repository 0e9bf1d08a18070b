import { describe, expect, it } from '@jest/globals';
import { AUDIT_EVENT_TYPES } from '../../../../libs/audit-trail/src/wording/audit-event-type-names';
import { en } from './messages.en';
import { vi } from './messages.vi';

/**
 * Every entry of a dictionary as `path: kind`: a string, or a function with its arity. `Messages`
 * makes the compiler check most of this, but not the `Record<string, string>` parts (role names).
 */
function entries(dictionary: object, prefix = ''): string[] {
  return Object.entries(dictionary).flatMap(([key, value]: [string, unknown]) => {
    const path = `${prefix}${key}`;
    if (typeof value === 'function') return [`${path}: function/${value.length}`];
    if (typeof value === 'string') return [`${path}: ${value.trim() ? 'string' : 'BLANK string'}`];
    if (value && typeof value === 'object') return entries(value, `${path}.`);
    return [`${path}: ${typeof value}`];
  });
}

describe('console message catalogue', () => {
  it('has every key in both Vietnamese and English, of the same kind, none blank', () => {
    const vietnamese = entries(vi).sort();
    expect(entries(en).sort()).toEqual(vietnamese);
    expect(vietnamese.filter((entry) => !/: (string|function\/\d)$/.test(entry))).toEqual([]);
    expect(vietnamese.length).toBeGreaterThan(100);
  });

  it('interpolates counts, names and numbers in each language’s own form', () => {
    expect(vi.verify.selected(3)).toBe('Đã chọn 3 tệp');
    expect(en.verify.selected(1)).toBe('1 file selected');
    expect(en.verify.selected(3)).toBe('3 files selected');
    expect(vi.verify.bytes(1234567)).toBe('1.234.567 byte');
    expect(en.verify.bytes(1234567)).toBe('1,234,567 bytes');
    expect(vi.verify.signatureCount(0)).toBe('Không có chữ ký');
    expect(vi.verify.signatureCount(2)).toBe('2 chữ ký');
    expect(vi.verify.validity('01/01/2026', '31/12/2026')).toBe('hiệu lực 01/01/2026 – 31/12/2026');
    expect(en.verify.validity('01/01/2026', '31/12/2026')).toBe('valid 01/01/2026 – 31/12/2026');
    expect(en.audit.integrity.records(1)).toBe('1 record checked');
    expect(en.audit.integrity.records(1200)).toBe('1,200 records checked');
    // One record re-checked is "record 21", not the range "21–21".
    expect(en.audit.integrity.coverage(21, 21, 20)).toBe(
      'Re-checked now: record 21; records 1–20 not re-checked (vouched for by the signed checkpoint 21)',
    );
    expect(vi.audit.integrity.coverage(21, 21, 20)).toMatch(/^Lần kiểm tra này: bản ghi số 21; /);
    expect(vi.audit.integrity.coverage(21, 40, 20)).toMatch(
      /^Lần kiểm tra này: bản ghi số 21–40; /,
    );
  });

  it('names every event type the audit records, in both languages (the search offers each)', () => {
    // Beside the dispatch's transport steps, the audit records the agencies' status notices,
    // recalls and the administrators' decisions; the batched events are recorded per dispatch.
    expect(AUDIT_EVENT_TYPES).toEqual(
      expect.arrayContaining(['dispatch.recalled', 'status.noticed', 'status.delivered']),
    );
    expect(AUDIT_EVENT_TYPES.filter((type) => type.endsWith('.batch'))).toEqual([]);
    for (const dictionary of [vi, en]) {
      expect(AUDIT_EVENT_TYPES.filter((type) => !dictionary.audit.eventType[type]?.trim())).toEqual(
        [],
      );
    }
    expect(vi.audit.eventType['status.noticed']).toBe('Ghi nhận trạng thái xử lý');
    expect(en.audit.eventType['dispatch.recalled']).toBe('Recalled by the sender');
  });
});
