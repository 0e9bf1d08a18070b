/**
 * Urgency (độ khẩn, NĐ 30/2020): Hỏa tốc, Thượng khẩn and Khẩn are handled at once and go first.
 *
 * `deliveryPriority` orders delivery inside docaxis (higher = sooner; it fits AMQP priorities 0–3).
 * `edxmlPriority` is the value of `OtherInfo/Priority` in edXML packets. [check] The mapping
 * 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc (and 4 "hỏa tốc hẹn giờ", read as Hỏa tốc) follows
 * the SDKs' usage (their samples send 0 for a normal dispatch); confirm against QCVN 102:2016.
 */
export type Urgency = 'normal' | 'urgent' | 'very-urgent' | 'express';

export interface UrgencyDefinition {
  readonly urgency: Urgency;
  readonly vietnameseName: string;
  readonly deliveryPriority: number;
  readonly edxmlPriority: number;
}

export const URGENCY_LEVELS: readonly UrgencyDefinition[] = [
  { urgency: 'normal', vietnameseName: 'Thường', deliveryPriority: 0, edxmlPriority: 0 },
  { urgency: 'urgent', vietnameseName: 'Khẩn', deliveryPriority: 1, edxmlPriority: 1 },
  { urgency: 'very-urgent', vietnameseName: 'Thượng khẩn', deliveryPriority: 2, edxmlPriority: 2 },
  { urgency: 'express', vietnameseName: 'Hỏa tốc', deliveryPriority: 3, edxmlPriority: 3 },
];

/** Priority values some systems send that map onto an existing level. [check] */
const EDXML_PRIORITY_ALIASES: ReadonlyMap<number, Urgency> = new Map([[4, 'express']]);

export const URGENCIES: readonly Urgency[] = URGENCY_LEVELS.map((level) => level.urgency);

export function urgencyDefinition(urgency: Urgency): UrgencyDefinition {
  // The table covers the whole union, so the lookup cannot miss.
  return URGENCY_LEVELS.find((level) => level.urgency === urgency)!;
}

export function deliveryPriorityOf(urgency: Urgency): number {
  return urgencyDefinition(urgency).deliveryPriority;
}

export function edxmlPriorityOf(urgency: Urgency): number {
  return urgencyDefinition(urgency).edxmlPriority;
}

/** `undefined` for a value no level or alias covers. */
export function urgencyFromEdxmlPriority(priority: number): Urgency | undefined {
  return (
    URGENCY_LEVELS.find((level) => level.edxmlPriority === priority)?.urgency ??
    EDXML_PRIORITY_ALIASES.get(priority)
  );
}
