import type { EdxmlStaffInfo } from './edxml-packet';

/** A `StaffInfo` in docaxis' terms: the clerk who handled the document, empty fields left out. */
export interface StaffFields {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

/** The known, non-empty fields of a parsed `StaffInfo`; null when it says nothing. */
export function staffFieldsOf(info: EdxmlStaffInfo | undefined): StaffFields | null {
  if (!info) return null;
  const staff = Object.fromEntries(
    (['department', 'staff', 'email', 'mobile'] as const)
      .filter((key) => info[key]?.trim())
      .map((key) => [key, info[key]!]),
  );
  return Object.keys(staff).length ? staff : null;
}
