import {
  deliveryPriorityOf,
  edxmlPriorityOf,
  URGENCIES,
  URGENCY_LEVELS,
  urgencyFromEdxmlPriority,
} from './urgency-levels';

describe('urgency levels (độ khẩn)', () => {
  it('pins names and the edXML Priority mapping [check]', () => {
    expect(URGENCY_LEVELS.map((l) => [l.urgency, l.vietnameseName, l.edxmlPriority])).toEqual([
      ['normal', 'Thường', 0],
      ['urgent', 'Khẩn', 1],
      ['very-urgent', 'Thượng khẩn', 2],
      ['express', 'Hỏa tốc', 3],
    ]);
  });

  it('delivers higher urgency sooner', () => {
    const priorities = URGENCIES.map(deliveryPriorityOf);
    expect(priorities).toEqual([0, 1, 2, 3]);
    expect(deliveryPriorityOf('express')).toBeGreaterThan(deliveryPriorityOf('very-urgent'));
  });

  it('maps edXML Priority both ways, reading 4 (hỏa tốc hẹn giờ) as Hỏa tốc', () => {
    for (const urgency of URGENCIES) {
      expect(urgencyFromEdxmlPriority(edxmlPriorityOf(urgency))).toBe(urgency);
    }
    expect(urgencyFromEdxmlPriority(4)).toBe('express');
    expect(urgencyFromEdxmlPriority(5)).toBeUndefined();
    expect(urgencyFromEdxmlPriority(-1)).toBeUndefined();
  });
});
