import { useState } from 'react';
import type { FileReport } from '../../api/verify';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { SignatureDetails } from './signature-details';
import { VerdictBadge } from './verdict-badge';

export function FileReportCard({
  report,
  onDownload,
}: {
  report: FileReport;
  /** Absent when the gateway offers no PDF reports. */
  onDownload?: () => Promise<void>;
}) {
  const { t } = useI18n();
  const v = t.verify;
  const [downloading, setDownloading] = useState(false);
  return (
    <article
      className={`file-report file-report-${report.indication.toLowerCase()}`}
      data-file={report.fileName}
      aria-label={`${v.file}: ${report.fileName}`}
    >
      <header>
        <h3>{report.fileName}</h3>
        <p className="verdict-line">
          <VerdictBadge indication={report.indication} subIndication={report.subIndication} />
        </p>
        <p>{t.indicationExplained[report.indication]}</p>
      </header>
      <dl className="facts">
        <dt>{v.validationTime}</dt>
        <dd>{formatDateTime(report.validationTime)}</dd>
        <dt>{v.size}</dt>
        <dd>{v.bytes(report.fileSize)}</dd>
        <dt>{v.sha256}</dt>
        <dd>
          <code className="hash">{report.fileSha256}</code>
        </dd>
      </dl>
      {report.messages.length > 0 && (
        <ul className="findings">
          {report.messages.map((message) => (
            <li key={message.code}>
              <code>{message.code}</code> {v.findingText(message)}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{v.signatureCount(report.signatures.length)}</p>
      {report.signatures.map((signature) => (
        <SignatureDetails key={signature.index} signature={signature} />
      ))}
      {onDownload && (
        <button
          type="button"
          disabled={downloading}
          onClick={() => {
            setDownloading(true);
            void onDownload().finally(() => setDownloading(false));
          }}
        >
          {downloading ? v.downloadingReport : v.downloadReport}
        </button>
      )}
    </article>
  );
}
