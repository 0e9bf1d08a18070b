import type { AuditWordingLanguage } from './audit-event-type-names';

/**
 * A `directory.changed` record in words: what an administrator did to which agency or
 * certificate. No `@docaxis/*` imports, so the console can import it by relative path too; an
 * action the wording lacks is shown as recorded.
 */
export interface DirectoryChangeWording {
  /** The action, followed by the agency code it is about. */
  action: Readonly<Record<string, string>>;
  certificate: (fingerprint: string) => string;
  replaced: (fingerprint: string) => string;
  roles: (roles: readonly string[]) => string;
}

export const DIRECTORY_CHANGE_WORDING: Readonly<
  Record<AuditWordingLanguage, DirectoryChangeWording>
> = {
  vi: {
    action: {
      'agency.registered': 'đăng ký cơ quan',
      'agency.updated': 'cập nhật thông tin cơ quan',
      'agency.suspended': 'tạm ngừng cơ quan',
      'agency.reactivated': 'kích hoạt lại cơ quan',
      'certificate.registered': 'đăng ký chứng thư số của',
      'certificate.rotated': 'thay chứng thư số của',
      'certificate.revoked': 'thu hồi chứng thư số của',
    },
    certificate: (fingerprint) => `chứng thư SHA-256 ${fingerprint}`,
    replaced: (fingerprint) => `thay cho chứng thư SHA-256 ${fingerprint}`,
    roles: (roles) => `vai trò: ${roles.join(', ')}`,
  },
  en: {
    action: {
      'agency.registered': 'registered agency',
      'agency.updated': 'updated agency',
      'agency.suspended': 'suspended agency',
      'agency.reactivated': 'reactivated agency',
      'certificate.registered': 'registered a certificate of',
      'certificate.rotated': 'rotated the certificate of',
      'certificate.revoked': 'revoked a certificate of',
    },
    certificate: (fingerprint) => `certificate SHA-256 ${fingerprint}`,
    replaced: (fingerprint) => `replacing certificate SHA-256 ${fingerprint}`,
    roles: (roles) => `roles: ${roles.join(', ')}`,
  },
};
