import { apiFetch, apiJson } from './api-client';
import type { DocumentVerificationReport } from './verification-report';

export type FileReport = DocumentVerificationReport & { fileName: string };

function formOf(files: readonly File[]): FormData {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return form;
}

/** POST /api/v1/verify: one report per file, whatever the verdict. */
export async function verifyFiles(files: readonly File[]): Promise<FileReport[]> {
  const body = await apiJson<{ reports: FileReport[] }>('/verify', {
    method: 'POST',
    body: formOf(files),
  });
  return body.reports;
}

/**
 * The same check answered as a PDF report (Accept: application/pdf), or `undefined` when this
 * gateway does not offer PDF reports (it answers JSON or 406 instead).
 */
export async function verificationReportPdf(
  file: File,
  language: string,
): Promise<Response | undefined> {
  try {
    const response = await apiFetch('/verify', {
      method: 'POST',
      body: formOf([file]),
      headers: { Accept: 'application/pdf', 'Accept-Language': language },
    });
    return response.headers.get('Content-Type')?.startsWith('application/pdf')
      ? response
      : undefined;
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 406) return undefined;
    throw error;
  }
}
