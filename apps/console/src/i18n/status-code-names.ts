import {
  EDXML_STATUS_CODES,
  type EdxmlStatusDefinition,
} from '../../../../libs/edxml/src/packet/edxml-status-codes';

/**
 * The status codes' names in one language, read from the edXML library's list (the names the API
 * answers and the CLI prints), so the console cannot word a code otherwise. That file imports
 * nothing, so the browser bundle takes it as it is. Keyed by any string: codes come from the API.
 */
export function statusCodeNames(
  name: keyof Pick<EdxmlStatusDefinition, 'vietnameseName' | 'englishName'>,
): Record<string, string> {
  return Object.fromEntries(EDXML_STATUS_CODES.map((status) => [status.code, status[name]]));
}

/** Every status code, in the list's order (the audit search offers each). */
export const STATUS_CODES: readonly string[] = EDXML_STATUS_CODES.map((status) => status.code);
