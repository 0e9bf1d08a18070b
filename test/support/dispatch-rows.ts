import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

let number = 0;

/**
 * Inserts a routed dispatch row from `senderCode`, with no files and no recipients, for specs of
 * the repositories that work on what follows routing (delivery, inbox, acknowledgement).
 * Returns its id; each gets a number of its own.
 */
export async function insertRoutedDispatch(db: DataSource, senderCode: string): Promise<string> {
  const id = randomUUID();
  number++;
  await db.query(
    `INSERT INTO dispatches (id, sender_code, request_digest, document_id, code_number, code_notation,
       promulgation_year, subject, urgency, envelope, state, correlation_id, verified_at)
     VALUES ($1, $2, repeat('0', 64), $4, $3, 'VPCP-KSTT', 2026, 'V/v thử nghiệm', 'normal', '{}', 'routed', $5,
       now())`,
    [id, senderCode, String(number), id, id],
  );
  return id;
}
