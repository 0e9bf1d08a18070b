import type { StatusNotice } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';
import { packetSignatureVerdict } from '../../../../../libs/edxml/src/signature/packet-signature-verdict';

/**
 * A status notice's packet signature in brief, marked when it did not pass or is another
 * agency's; nothing for a notice posted as JSON (it has none).
 */
export function NoticeSignature({ notice }: { notice: StatusNotice }) {
  const { t } = useI18n();
  if (!notice.envelopeSignature) return null;
  const verdict = packetSignatureVerdict(notice.envelopeSignature);
  const warn = verdict.kind !== 'valid' && verdict.kind !== 'unsigned';
  return (
    <span className={warn ? 'notice-signature notice-signature-warn' : 'notice-signature muted'}>
      {t.inbox.noticeSignature(verdict)}
    </span>
  );
}
