import { edxmlDateToIso, isoDateToEdxml } from '../dates/edxml-dates';

/**
 * edXML `DocumentId`: `{sender OrganId},{yyyy/MM/dd},{number}/{notation}`, e.g.
 * `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. Number + notation is unique per agency per year, so
 * this identifies a document across all systems on the axis.
 */
export interface DocumentIdParts {
  readonly organId: string;
  /** ISO `yyyy-mm-dd`. */
  readonly promulgationDate: string;
  /** `number/notation`. */
  readonly numberNotation: string;
}

export function buildDocumentId(parts: DocumentIdParts): string {
  return `${parts.organId},${isoDateToEdxml(parts.promulgationDate)},${parts.numberNotation}`;
}

/** `undefined` unless the id has the three comma-separated parts with a real date. */
export function parseDocumentId(documentId: string): DocumentIdParts | undefined {
  const first = documentId.indexOf(',');
  const second = documentId.indexOf(',', first + 1);
  if (first <= 0 || second < 0) return undefined;
  const promulgationDate = edxmlDateToIso(documentId.slice(first + 1, second));
  const numberNotation = documentId.slice(second + 1);
  if (!promulgationDate || !numberNotation.includes('/')) return undefined;
  return { organId: documentId.slice(0, first), promulgationDate, numberNotation };
}
