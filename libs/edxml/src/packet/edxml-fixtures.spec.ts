import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainError } from '@docaxis/errors/domain-error';
import { isSecret } from '../envelope/dispatch-envelope';
import { edxmlToEnvelope } from './edxml-envelope.mapping';
import { buildEdxmlPacket, buildEdxmlStatus } from './edxml-packet.builder';
import { parseEdxml } from './edxml-packet.parser';

const FIXTURES = join(__dirname, '../../test-fixtures');

/** What docaxis makes of a fixture: the domain object, or the error code and first issue code. */
function outcome(name: string): string {
  try {
    const parsed = parseEdxml(readFileSync(join(FIXTURES, name)));
    if (parsed.kind === 'status') return `status ${parsed.status.statusCode}`;
    const envelope = edxmlToEnvelope(parsed.packet);
    return isSecret(envelope) ? `secret (${envelope.confidentiality})` : 'dispatch';
  } catch (error) {
    const domain = error as DomainError & { issues?: readonly { code: string }[] };
    return [domain.code, domain.issues?.[0]?.code].filter(Boolean).join(' / ');
  }
}

/**
 * Every fixture in one table, as libs/edxml/README.md lists them: the two domain samples and
 * the variants written from them, each refused with its own specific error (or read as stated).
 */
describe('edXML test fixtures (README table)', () => {
  const expected: Record<string, string> = {
    'dispatch-new.edxml': 'dispatch',
    'dispatch-extensions.edxml': 'dispatch',
    'status-received.edxml': 'status 01',
    'status-agrees-recall-14.edxml': 'status 15',
    'dispatch-missing-subject.edxml': 'EDXML_STRUCTURE_INVALID / ELEMENT_MISSING',
    'dispatch-missing-recipient.edxml': 'EDXML_STRUCTURE_INVALID / ELEMENT_MISSING',
    'dispatch-bad-agency-code.edxml': 'ENVELOPE_INVALID / AGENCY_CODE_INVALID',
    'dispatch-bad-date.edxml': 'ENVELOPE_INVALID / DATE_INVALID',
    'dispatch-bad-timestamp.edxml': 'EDXML_STRUCTURE_INVALID / TIMESTAMP_INVALID',
    'dispatch-unknown-business-type.edxml': 'EDXML_STRUCTURE_INVALID / BUSINESS_DOC_TYPE_UNKNOWN',
    'dispatch-wrong-namespace.edxml': 'EDXML_NAMESPACE_INVALID',
    'dispatch-doctype-xxe.edxml': 'EDXML_DOCTYPE_FORBIDDEN',
    'dispatch-billion-laughs.edxml': 'EDXML_DOCTYPE_FORBIDDEN',
    'dispatch-lowercase-doctype.edxml': 'EDXML_DOCTYPE_FORBIDDEN',
    'dispatch-secret.edxml': 'secret (secret)',
    'status-unknown-code.edxml': 'EDXML_STRUCTURE_INVALID / STATUS_CODE_UNKNOWN',
    'status-bad-timestamp.edxml': 'EDXML_STRUCTURE_INVALID / TIMESTAMP_INVALID',
    'status-with-body.edxml': 'EDXML_STATUS_BODY_FORBIDDEN',
    'status-through-axis.edxml': 'status 01',
    'status-with-message-header.edxml': 'EDXML_STRUCTURE_INVALID / ELEMENT_UNEXPECTED',
  };

  it('lists every fixture of the folder', () => {
    const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.edxml'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s → %s', (name, result) => {
    expect(outcome(name)).toBe(result);
  });

  it('names its source in its first comment', () => {
    for (const name of Object.keys(expected)) {
      const head = readFileSync(join(FIXTURES, name), 'utf8').slice(0, 600);
      expect(head).toMatch(/<!--[^]*?(domain samples|dispatch-new\.edxml|status-received\.edxml)/);
    }
  });

  it('round-trips every fixture that parses (parse → build → parse is the same model)', () => {
    for (const name of Object.keys(expected)) {
      let parsed;
      try {
        parsed = parseEdxml(readFileSync(join(FIXTURES, name)));
      } catch {
        continue;
      }
      const rebuilt =
        parsed.kind === 'packet'
          ? parseEdxml(buildEdxmlPacket(parsed.packet))
          : parseEdxml(buildEdxmlStatus(parsed.status));
      expect(rebuilt).toEqual(parsed);
    }
  });
});
