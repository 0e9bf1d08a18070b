/** Department and staff member who handled the document (edXML `StaffInfo`). */
export interface StaffInfo {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}
