import type { BilingualText } from '@docaxis/errors/domain-error';

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * A size limit as a clerk reads it, then exactly: "50 MB (52,428,800 bytes)". The rounded unit
 * alone could hide how close a file came; the byte count alone ("52428800") is unreadable.
 */
export function byteSizeWording(bytes: number): BilingualText {
  const exact = { en: bytes.toLocaleString('en-GB'), vi: bytes.toLocaleString('vi-VN') };
  if (bytes < KIB) return { en: `${exact.en} bytes`, vi: `${exact.vi} byte` };
  const [amount, unit] = bytes >= MIB ? [bytes / MIB, 'MB'] : [bytes / KIB, 'KB'];
  const rounded = {
    en: amount.toLocaleString('en-GB', { maximumFractionDigits: 1 }),
    vi: amount.toLocaleString('vi-VN', { maximumFractionDigits: 1 }),
  };
  return {
    en: `${rounded.en} ${unit} (${exact.en} bytes)`,
    vi: `${rounded.vi} ${unit} (${exact.vi} byte)`,
  };
}
