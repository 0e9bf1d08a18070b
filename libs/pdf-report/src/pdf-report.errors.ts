/** A programming error: a report is written once; build a new PdfReportDocument for another. */
export class PdfReportAlreadySavedError extends Error {
  constructor() {
    super('the PDF report was already saved');
    this.name = 'PdfReportAlreadySavedError';
  }
}
