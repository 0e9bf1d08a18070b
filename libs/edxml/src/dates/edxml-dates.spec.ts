import {
  dateToEdxmlTimestamp,
  edxmlDateToIso,
  edxmlTimestampToDate,
  isIsoCalendarDate,
  isoDateToEdxml,
} from './edxml-dates';

describe('edXML dates', () => {
  it('accepts real ISO calendar dates only', () => {
    expect(isIsoCalendarDate('2026-11-20')).toBe(true);
    expect(isIsoCalendarDate('2028-02-29')).toBe(true);
    expect(isIsoCalendarDate('2026-02-29')).toBe(false);
    expect(isIsoCalendarDate('2026-13-01')).toBe(false);
    expect(isIsoCalendarDate('2026-11-31')).toBe(false);
    expect(isIsoCalendarDate('2026/11/20')).toBe(false);
    expect(isIsoCalendarDate('2026-11-20T00:00:00Z')).toBe(false);
    expect(isIsoCalendarDate('1899-12-31')).toBe(false);
  });

  it('converts between ISO and edXML dates', () => {
    expect(isoDateToEdxml('2026-11-20')).toBe('2026/11/20');
    expect(edxmlDateToIso('2026/11/20')).toBe('2026-11-20');
    expect(edxmlDateToIso('2026/02/30')).toBeUndefined();
    expect(edxmlDateToIso('20/11/2026')).toBeUndefined();
    expect(edxmlDateToIso('2026-11-20')).toBeUndefined();
  });

  it('reads timestamps as Vietnam time (+07:00)', () => {
    expect(edxmlTimestampToDate('2026/11/20 09:00:00')?.toISOString()).toBe(
      '2026-11-20T02:00:00.000Z',
    );
    expect(edxmlTimestampToDate('2026/11/20 03:30:00')?.toISOString()).toBe(
      '2026-11-19T20:30:00.000Z',
    );
    expect(edxmlTimestampToDate('2026/11/20 24:00:00')).toBeUndefined();
    expect(edxmlTimestampToDate('2026/11/20T09:00:00')).toBeUndefined();
    expect(edxmlTimestampToDate('2026/11/31 09:00:00')).toBeUndefined();
  });

  it('writes timestamps as Vietnam wall-clock time', () => {
    expect(dateToEdxmlTimestamp(new Date('2026-11-19T20:30:05Z'))).toBe('2026/11/20 03:30:05');
  });
});
