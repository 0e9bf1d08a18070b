import { UnprocessableError } from '@docaxis/errors/domain-error-kinds';
import {
  confidentialityDefinition,
  type Confidentiality,
} from '../document-metadata/confidentiality-levels';

/**
 * Thrown by the gateway when `isSecret(envelope)`: QĐ 28/2018/QĐ-TTg excludes state secrets from
 * electronic exchange, so the axis refuses them at the door and keeps nothing of them.
 */
export class ConfidentialDocumentRefusedError extends UnprocessableError {
  constructor(readonly confidentiality: Confidentiality) {
    const level = confidentialityDefinition(confidentiality).vietnameseName;
    super(
      'CONFIDENTIAL_DOCUMENT_REFUSED',
      `Secret documents (Mật, Tối mật, Tuyệt mật) never travel on the document axis; this one is marked ${level}. ` +
        `Văn bản mật (Mật, Tối mật, Tuyệt mật) không được gửi, nhận qua trục liên thông văn bản; văn bản này có độ mật "${level}".`,
      { confidentiality },
      {
        vi: `Văn bản mật (Mật, Tối mật, Tuyệt mật) không được gửi, nhận qua trục liên thông văn bản; văn bản này có độ mật "${level}".`,
      },
    );
  }
}
