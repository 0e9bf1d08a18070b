/**
 * Status codes a recipient returns in an edXML status packet (QĐ 28/2018/QĐ-TTg, QCVN 102:2016).
 * [check] 14 and 15 both mean "agrees to a recall or update" depending on the SDK: docaxis reads
 * both and writes 15.
 */
export type EdxmlStatusCode = '01' | '02' | '03' | '04' | '05' | '06' | '13' | '15' | '16';

export interface EdxmlStatusDefinition {
  readonly code: EdxmlStatusCode;
  /** The name the API answers with (`name`), whatever the language asked for. */
  readonly vietnameseName: string;
  /** The same for an English reader (the CLI's --lang en). */
  readonly englishName: string;
  readonly meaning: string;
}

export const EDXML_STATUS_CODES: readonly EdxmlStatusDefinition[] = [
  {
    code: '01',
    vietnameseName: 'Đã đến',
    englishName: 'Arrived',
    meaning: 'arrived, not yet handled by the clerk',
  },
  {
    code: '02',
    vietnameseName: 'Từ chối tiếp nhận',
    englishName: 'Refused',
    meaning: 'refused; reason in Description',
  },
  {
    code: '03',
    vietnameseName: 'Đã tiếp nhận',
    englishName: 'Accepted and registered',
    meaning: 'accepted and registered',
  },
  {
    code: '04',
    vietnameseName: 'Phân công',
    englishName: 'Assigned',
    meaning: 'assigned by a leader',
  },
  {
    code: '05',
    vietnameseName: 'Đang xử lý',
    englishName: 'In progress',
    meaning: 'being processed',
  },
  { code: '06', vietnameseName: 'Hoàn thành', englishName: 'Done', meaning: 'done' },
  {
    code: '13',
    vietnameseName: 'Lấy lại',
    englishName: 'Recall requested',
    meaning: 'recall requested by the sender',
  },
  {
    code: '15',
    vietnameseName: 'Đồng ý lấy lại / cập nhật',
    englishName: 'Recall or update agreed',
    meaning: 'recipient agrees to a recall or update',
  },
  {
    code: '16',
    vietnameseName: 'Từ chối lấy lại / cập nhật',
    englishName: 'Recall or update refused',
    meaning: 'recipient refuses a recall or update',
  },
];

/** Codes read as another: some SDKs send 14 for "agrees to a recall or update". */
const STATUS_CODE_ALIASES: ReadonlyMap<string, EdxmlStatusCode> = new Map([['14', '15']]);

/** The code docaxis uses for a code as received (`14` → `15`); `undefined` when unknown. */
export function normalizeEdxmlStatusCode(code: string): EdxmlStatusCode | undefined {
  const trimmed = code.trim();
  return (
    EDXML_STATUS_CODES.find((status) => status.code === trimmed)?.code ??
    STATUS_CODE_ALIASES.get(trimmed)
  );
}

export function edxmlStatusDefinition(code: EdxmlStatusCode): EdxmlStatusDefinition {
  // The table covers the whole union, so the lookup cannot miss.
  return EDXML_STATUS_CODES.find((status) => status.code === code)!;
}
