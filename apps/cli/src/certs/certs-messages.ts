import type { CliLanguage } from '../cli-language';

/** Every human-readable line of `docaxis certs dev`, in each language, from the same arguments. */
export interface CertsMessages {
  kept: (outDir: string) => string;
  generated: (outDir: string, agencyCount: number) => string;
  testOnly: string;
}

export const CERTS_MESSAGES: Readonly<Record<CliLanguage, CertsMessages>> = {
  vi: {
    kept: (outDir) =>
      `Giữ nguyên hạ tầng khóa công khai (PKI) phát triển trong ${outDir} (còn hạn; --force để tạo lại).`,
    generated: (outDir, agencyCount) =>
      `Đã tạo hạ tầng khóa công khai (PKI) THỬ NGHIỆM cho phát triển trong ${outDir}, cho ${agencyCount} cơ quan.`,
    testOnly:
      'Chỉ là chứng thư số THỬ NGHIỆM: không bao giờ tin cậy chúng ngoài môi trường phát triển.',
  },
  en: {
    kept: (outDir) => `Kept the development PKI in ${outDir} (still fresh; --force to regenerate).`,
    generated: (outDir, agencyCount) =>
      `Generated the development TEST PKI in ${outDir} for ${agencyCount} agencies.`,
    testOnly: 'TEST certificates only: never trust them outside development.',
  },
};
