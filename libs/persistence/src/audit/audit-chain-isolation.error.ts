/**
 * An append to the audit chain ran in a transaction that is not READ COMMITTED: its reads after
 * the chain lock could predate the previous holder's commit and fork the chain. A defect of the
 * caller or of the database's default_transaction_isolation, never of the input.
 */
export class AuditChainIsolationError extends Error {
  constructor(readonly isolation: string) {
    super(`audit chain appends need READ COMMITTED transactions, got ${isolation}`);
    this.name = AuditChainIsolationError.name;
  }
}
