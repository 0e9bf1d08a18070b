import { describe, expect, it } from '@jest/globals';
import { EDXML_STATUS_CODES } from '../../../../libs/edxml/src/packet/edxml-status-codes';
import { en } from './messages.en';
import { vi } from './messages.vi';

describe('console status code names', () => {
  it('names each status code as the API (`name`) and the CLI do, in both languages', () => {
    // The API answers 15 as "Đồng ý lấy lại / cập nhật"; the console wrote its own words for it.
    expect(vi.statusCode['15']).toBe('Đồng ý lấy lại / cập nhật');
    expect(vi.statusCode['16']).toBe('Từ chối lấy lại / cập nhật');
    expect(en.statusCode['02']).toBe('Refused');
    for (const status of EDXML_STATUS_CODES) {
      expect([status.code, vi.statusCode[status.code]]).toEqual([
        status.code,
        status.vietnameseName,
      ]);
      expect([status.code, en.statusCode[status.code]]).toEqual([status.code, status.englishName]);
    }
    expect(Object.keys(vi.statusCode).sort()).toEqual(EDXML_STATUS_CODES.map((s) => s.code));
    expect(Object.keys(en.statusCode).sort()).toEqual(EDXML_STATUS_CODES.map((s) => s.code));
  });
});
