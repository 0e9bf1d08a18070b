import { topicMatches } from './topic-pattern';

describe('topicMatches (RabbitMQ topic semantics)', () => {
  it.each([
    ['dispatch.submitted', 'dispatch.submitted', true],
    ['dispatch.submitted', 'dispatch.verified', false],
    ['dispatch.*', 'dispatch.verified', true],
    ['dispatch.*', 'dispatch', false],
    ['dispatch.*', 'dispatch.a.b', false],
    ['#', 'dispatch.submitted', true],
    ['#', 'anything', true],
    ['dispatch.#', 'dispatch', true],
    ['dispatch.#', 'dispatch.a.b', true],
    ['#.submitted', 'dispatch.submitted', true],
    ['*.submitted', 'submitted', false],
    ['delivery.requested', 'delivery.requested', true],
  ])('%s matches %s: %p', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });
});
