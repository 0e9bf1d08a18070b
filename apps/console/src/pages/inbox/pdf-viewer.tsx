import { useEffect, useState } from 'react';
import { describeError } from '../../api/api-client';
import { fetchDispatchFile } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';

/**
 * Shows one PDF of a dispatch in the browser's own PDF viewer. The gateway sends files as
 * attachments, byte for byte; the console fetches them and frames a blob URL (its CSP allows
 * blob: frames for exactly this).
 */
export function PdfViewer({
  dispatchId,
  fileId,
  fileName,
}: {
  dispatchId: string;
  fileId: string;
  fileName: string;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let created: string | undefined;
    fetchDispatchFile(dispatchId, fileId).then(
      (blob) => {
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      (caught: unknown) => setError(describeError(caught)),
    );
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
  }, [dispatchId, fileId]);
  if (error)
    return (
      <p role="alert" className="notice notice-error">
        {error}
      </p>
    );
  if (!url) return <p role="status">…</p>;
  return <iframe className="pdf-viewer" src={url} title={t.dispatch.viewerTitle(fileName)} />;
}
