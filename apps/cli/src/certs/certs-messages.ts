import type { CliLanguage } from '../cli-language';

/** Every human-readable line of `docaxis certs dev`, in each language, from the same arguments. */
export interface CertsMessages {
  kept: (outDir: string) => string;
  generated: (outDir: string, agencyCount: number) => string;
  testOnly: string;
  help: {
    description: string;
    dev: {
      description: string;
      out: string;
      agencies: string;
      ifMissing: string;
      force: string;
      json: string;
    };
  };
}

export const CERTS_MESSAGES: Readonly<Record<CliLanguage, CertsMessages>> = {
  vi: {
    kept: (outDir) =>
      `Giữ nguyên hạ tầng khóa công khai (PKI) phát triển trong ${outDir} (còn hạn; --force để tạo lại).`,
    generated: (outDir, agencyCount) =>
      `Đã tạo hạ tầng khóa công khai (PKI) THỬ NGHIỆM cho phát triển trong ${outDir}, cho ${agencyCount} cơ quan.`,
    testOnly:
      'Chỉ là chứng thư số THỬ NGHIỆM: không bao giờ tin cậy chúng ngoài môi trường phát triển.',
    help: {
      description: 'chứng thư số',
      dev: {
        description:
          'tạo hạ tầng khóa công khai (PKI) THỬ NGHIỆM cho phát triển (không bao giờ dùng khi vận hành thật)',
        out: 'thư mục đầu ra',
        agencies: 'danh sách cơ quan (JSON)',
        ifMissing: 'giữ PKI hiện có nếu còn hạn',
        force: 'thay PKI hiện có',
        json: 'in kết quả thực hiện dạng JSON',
      },
    },
  },
  en: {
    kept: (outDir) => `Kept the development PKI in ${outDir} (still fresh; --force to regenerate).`,
    generated: (outDir, agencyCount) =>
      `Generated the development TEST PKI in ${outDir} for ${agencyCount} agencies.`,
    testOnly: 'TEST certificates only: never trust them outside development.',
    help: {
      description: 'certificates',
      dev: {
        description: 'generate the development TEST PKI (never for production)',
        out: 'output folder',
        agencies: 'agency list (JSON)',
        ifMissing: 'keep an existing, still-fresh PKI',
        force: 'replace an existing PKI',
        json: 'print what was done as JSON',
      },
    },
  },
};
