import type { BilingualText } from '@docaxis/errors/domain-error';

/** Where reading a zip stopped: its directory (end record, entries), a file's header, its data. */
export type ZipReadStage = 'directory' | 'header' | 'data';

/** The fixed reasons an `EDXML_ZIP_INVALID` gives, in both languages. */
export const ZIP_REFUSAL = {
  notAZip: { en: 'it is not a zip archive', vi: 'dữ liệu không phải là tệp nén zip' },
  directoryDamaged: {
    en: 'its central directory is damaged',
    vi: 'mục lục tệp nén bị hỏng',
  },
  directoryTruncated: {
    en: 'its central directory is truncated',
    vi: 'mục lục tệp nén bị cắt cụt',
  },
  multiDisk: {
    en: 'it spans several disks',
    vi: 'tệp nén được chia thành nhiều phần (multi-disk)',
  },
  encrypted: { en: 'it is encrypted', vi: 'tệp nén được mã hóa' },
  unsafeName: {
    en: 'its file name is not a plain relative path',
    vi: 'tên tệp trong tệp nén không phải là một đường dẫn tương đối thông thường',
  },
  headerDamaged: {
    en: 'its file header is damaged',
    vi: 'phần đầu của tệp trong tệp nén bị hỏng',
  },
  dataTruncated: {
    en: 'its file data is truncated',
    vi: 'dữ liệu tệp trong tệp nén bị cắt cụt',
  },
  dataDamaged: {
    en: 'its file data is damaged',
    vi: 'dữ liệu tệp trong tệp nén bị hỏng',
  },
  deflateDamaged: { en: 'its deflated data is damaged', vi: 'dữ liệu nén bị hỏng' },
  largerThanDeclared: {
    en: 'its file is larger once unzipped than the zip declares',
    vi: 'tệp bên trong khi giải nén lớn hơn kích thước mà tệp nén khai báo',
  },
  mismatch: {
    en: 'its file does not match the size and checksum the zip declares',
    vi: 'tệp bên trong không khớp kích thước và mã kiểm tra mà tệp nén khai báo',
  },
} satisfies Record<string, BilingualText>;

/**
 * yauzl's errors carry no codes, only messages (yauzl 3.x): each known one is matched here to a
 * reason, and anything else to its stage's generic reason, so neither yauzl's wording nor a stack
 * reaches a sender. The specs of `zipped-attachment.spec.ts` pin every match down.
 */
const BY_MESSAGE: readonly (readonly [RegExp, BilingualText])[] = [
  [/^End of central directory record signature not found/, ZIP_REFUSAL.notAZip],
  [/^multi-disk zip files are not supported/, ZIP_REFUSAL.multiDisk],
  [/^strong encryption is not supported/, ZIP_REFUSAL.encrypted],
  [/^(absolute path|invalid relative path|invalid characters in fileName)/, ZIP_REFUSAL.unsafeName],
  [/^compressed\/uncompressed size mismatch/, ZIP_REFUSAL.mismatch],
  [/^file data overflows file bounds/, ZIP_REFUSAL.dataTruncated],
  [/^too many bytes in the stream/, ZIP_REFUSAL.largerThanDeclared],
  [/^not enough bytes in the stream/, ZIP_REFUSAL.mismatch],
];

const TRUNCATED: Record<ZipReadStage, BilingualText> = {
  directory: ZIP_REFUSAL.directoryTruncated,
  header: ZIP_REFUSAL.headerDamaged,
  data: ZIP_REFUSAL.dataTruncated,
};

const OTHERWISE: Record<ZipReadStage, BilingualText> = {
  directory: ZIP_REFUSAL.directoryDamaged,
  header: ZIP_REFUSAL.headerDamaged,
  data: ZIP_REFUSAL.dataDamaged,
};

/** The reason to give for an error yauzl (or zlib under it) raised at `stage`. */
export function zipReadRefusal(error: unknown, stage: ZipReadStage): BilingualText {
  // By code, not `instanceof`: zlib's errors may come from another realm (jest's).
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) return ZIP_REFUSAL.deflateDamaged;
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return OTHERWISE[stage];
  if (message.startsWith('unexpected EOF')) return TRUNCATED[stage];
  const known = BY_MESSAGE.find(([pattern]) => pattern.test(message));
  return known ? known[1] : OTHERWISE[stage];
}
