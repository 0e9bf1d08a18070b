/** The longest reason an operator may give for a decision (discard, skip). */
export const MAX_OPERATOR_REASON_LENGTH = 2000;

/**
 * The reason an operator gave for a decision, trimmed; null when it is not a string of 1 to
 * 2,000 characters (the caller answers with its own error code).
 */
export function operatorReason(reason: unknown): string | null {
  const text = typeof reason === 'string' ? reason.trim() : '';
  return text.length === 0 || text.length > MAX_OPERATOR_REASON_LENGTH ? null : text;
}
