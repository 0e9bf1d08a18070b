/**
 * The parameters of each line of a signature's coverage (what it signs, what changed after it),
 * by code. Offsets and lengths are in bytes; `object` is an indirect reference (`12 0 R`) or an
 * object number; `key` and `subtype` are PDF names without the slash; `detail` is a parser's own
 * explanation, English only.
 */
export interface CoverageDetailParams {
  SIGNS_REVISION: { revision: number; revisions: number; signedLength: number; fileLength: number };
  SIGNED_RANGE_NOT_AT_REVISION_END: { signedLength: number };
  SIGNED_REVISION_UNREADABLE: { detail: string };
  OBJECT_REMOVED: { object: string };
  OBJECT_MALFORMED: { object: string };
  OBJECT_CHANGED: { object: string; kind: string };
  OBJECTS_ADDED: { count: number };
  DOCMDP_NO_CHANGES: Record<string, never>;
  DOCMDP_NO_ANNOTATIONS: Record<string, never>;
  CATALOG_MISSING: Record<string, never>;
  CATALOG_ENTRY_UPDATED: { key: string };
  CATALOG_ENTRY_CHANGED: { key: string };
  DSS_ADDED_OR_UPDATED: Record<string, never>;
  VALIDATION_DATA_UPDATED: { label: string };
  XMP_METADATA_REPLACED: Record<string, never>;
  XMP_METADATA_UPDATED: Record<string, never>;
  INFO_DICTIONARY_UPDATED: Record<string, never>;
  INFO_DICTIONARY_REPLACED: Record<string, never>;
  ACROFORM_REMOVED: Record<string, never>;
  ACROFORM_ENTRY_CHANGED: { key: string };
  FORM_FIELDS_REMOVED: Record<string, never>;
  FORM_FIELD_ADDED_NOT_A_DICTIONARY: Record<string, never>;
  SIGNATURE_FIELD_ADDED: { name: string };
  FORM_FIELD_ADDED: { name: string };
  FORM_FIELD_ENTRY_CHANGED: { name: string; key: string };
  EMPTY_SIGNATURE_FIELD_SIGNED: { name: string };
  PAGE_TREE_CHANGED: { pagesWhenSigned: number; pagesNow: number };
  PAGE_ENTRY_CHANGED: { page: number; key: string };
  ANNOTATIONS_REMOVED: { page: number };
  ANNOTATION_ADDED_NOT_A_DICTIONARY: { page: number };
  SIGNATURE_WIDGET_ADDED: { page: number };
  ANNOTATION_ADDED: { page: number; subtype: string };
  XREF_NO_STARTXREF: { revisionEnd: number };
  XREF_INSIDE_SIGNED_BYTES: { revisionEnd: number; offset: number };
  XREF_PREV_MISMATCH: { offset: number; prev: number | null; expected: number };
  XREF_SECTION_UNREADABLE: { detail: string };
  XREF_OTHER_CATALOG: Record<string, never>;
  XREF_ENTRY_UNFOLLOWABLE: { object: number; detail: string };
  XREF_SIGNED_OBJECT_FREED: { object: number };
  XREF_OTHER_DEFINITION: { object: number };
  XREF_OBJECT_STREAM_OTHER_DEFINITION: { object: number };
  XREF_CHANGED_IN_SIGNED_OBJECT_STREAM: { object: number; objectStream: number };
}

export type CoverageDetailCode = keyof CoverageDetailParams;

/** One coverage line as data, so each report words it in its own language. */
export type CoverageDetail = {
  [C in CoverageDetailCode]: { code: C; params: CoverageDetailParams[C] };
}[CoverageDetailCode];

/** The wording of every coverage line in one language. */
export type CoverageDetailWording = {
  readonly [C in CoverageDetailCode]: (params: CoverageDetailParams[C]) => string;
};

export function coverageDetail<C extends CoverageDetailCode>(
  code: C,
  params: CoverageDetailParams[C],
): CoverageDetail {
  return { code, params } as CoverageDetail;
}

/** A coverage line in the given wording. */
export function wordCoverageDetail(detail: CoverageDetail, wording: CoverageDetailWording): string {
  const word = wording[detail.code] as (params: CoverageDetail['params']) => string;
  return word(detail.params);
}
