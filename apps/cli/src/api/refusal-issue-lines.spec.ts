import { refusalIssueLines } from './refusal-issue-lines';

describe("a refusal's details.issues, one line each", () => {
  it('words an envelope issue from its code in Vietnamese, the whole envelope by name', () => {
    const details = {
      issues: [
        { path: '', code: 'ENVELOPE_NOT_AN_OBJECT', message: 'The envelope must be a JSON object' },
        { path: 'subject', code: 'NEW_CODE', message: 'subject (trích yếu) is odd' },
      ],
    };
    expect(refusalIssueLines('ENVELOPE_INVALID', details, 'vi')).toEqual([
      '  - (phong bì): phong bì phải là một đối tượng JSON (ENVELOPE_NOT_AN_OBJECT)',
      // A code this CLI does not know yet keeps the axis' words rather than none.
      '  - subject: subject (trích yếu) is odd',
    ]);
    expect(refusalIssueLines('ENVELOPE_INVALID', details, 'en')).toEqual([
      '  - The envelope must be a JSON object',
      '  - subject (trích yếu) is odd',
    ]);
  });

  it("keeps a request body's issues as the axis words them, after their field", () => {
    const details = { issues: [{ path: 'reason', message: 'Too small: expected string' }] };
    const line = '  - reason: Too small: expected string';
    expect(refusalIssueLines('RECALL_REQUEST_INVALID', details, 'vi')).toEqual([line]);
    expect(refusalIssueLines('RECALL_REQUEST_INVALID', details, 'en')).toEqual([line]);
  });

  it('gives no line for details without issues, or issues of another shape', () => {
    expect(refusalIssueLines('DISPATCH_NOT_FOUND', undefined, 'vi')).toEqual([]);
    expect(refusalIssueLines('X', { retryAfterSeconds: 5 }, 'vi')).toEqual([]);
    expect(refusalIssueLines('X', { issues: [{ path: 1 }, null, 'a'] }, 'en')).toEqual([]);
  });
});
