/** `Bussiness/BussinessDocType`: what this sending does to the document. */
export type BusinessDocType = 'new' | 'recall' | 'update' | 'replace';

export const BUSINESS_DOC_TYPE_CODES: ReadonlyMap<BusinessDocType, string> = new Map([
  ['new', '0'],
  ['recall', '1'],
  ['update', '2'],
  ['replace', '3'],
]);

export function businessDocTypeFromCode(code: string): BusinessDocType | undefined {
  const trimmed = code.trim();
  return [...BUSINESS_DOC_TYPE_CODES].find(([, value]) => value === trimmed)?.[0];
}

export function codeOfBusinessDocType(type: BusinessDocType): string {
  // The map covers the whole union, so the lookup cannot miss.
  return BUSINESS_DOC_TYPE_CODES.get(type)!;
}
