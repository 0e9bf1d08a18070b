import { type FormEvent, useState } from 'react';
import { describeError, saveResponse } from '../../api/api-client';
import { type FileReport, verificationReportPdf, verifyFiles } from '../../api/verify';
import { useI18n } from '../../i18n/i18n-context';
import { FileDropZone } from './file-drop-zone';
import { FileReportCard } from './file-report-card';
import { ErrorAlert } from '../../shell/error-alert';

/** Verify a document (clerk): drop PDFs, read each signature's verdict and why. */
export function VerifyPage() {
  const { t, language } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [reports, setReports] = useState<{ report: FileReport; file?: File }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [pdfReports, setPdfReports] = useState<'unknown' | 'available' | 'unavailable'>('unknown');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const answered = await verifyFiles(files);
      // Reports come back in the order the files were sent.
      setReports(answered.map((report, i) => ({ report, file: files[i] })));
    } catch (caught) {
      setError(describeError(caught, t.errors.network));
    } finally {
      setBusy(false);
    }
  };

  const downloadReport = async (file: File) => {
    setError(undefined);
    try {
      const response = await verificationReportPdf(file, language);
      if (!response) {
        setPdfReports('unavailable');
        return;
      }
      setPdfReports('available');
      await saveResponse(response, `${file.name.replace(/\.pdf$/i, '')}.verification.pdf`);
    } catch (caught) {
      setError(describeError(caught, t.errors.network));
    }
  };

  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">{t.verify.title}</h1>
      <p>{t.verify.intro}</p>
      <form onSubmit={(event) => void submit(event)} className="verify-form">
        <FileDropZone onFiles={(chosen) => setFiles((current) => [...current, ...chosen])} />
        {files.length > 0 && (
          <div className="chosen-files">
            <p>{t.verify.selected(files.length)}</p>
            <ul>
              {files.map((file, i) => (
                <li key={`${file.name}-${i}`}>{file.name}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || files.length === 0}>
            {busy ? t.verify.verifying : t.verify.submit}
          </button>
          <button
            type="button"
            disabled={busy || (files.length === 0 && reports.length === 0)}
            onClick={() => {
              setFiles([]);
              setReports([]);
            }}
          >
            {t.verify.clear}
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        {reports.length > 0 && (
          <section aria-labelledby="verify-results" className="results">
            <h2 id="verify-results">{t.verify.results}</h2>
            {reports.map(({ report, file }, i) => (
              <FileReportCard
                key={`${report.fileName}-${i}`}
                report={report}
                onDownload={
                  file && pdfReports !== 'unavailable' ? () => downloadReport(file) : undefined
                }
              />
            ))}
          </section>
        )}
      </div>
    </section>
  );
}
