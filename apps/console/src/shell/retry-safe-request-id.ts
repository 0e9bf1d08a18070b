/**
 * The id that makes a form's request safe to press again. The axis records a request id once and
 * answers a repeat of the same request with what it recorded, so a clerk who presses again after
 * a lost answer or a network error must send the same id with the same content; once the content
 * changes, or the request succeeded, the next press is a new request with a new id.
 */
export class RetrySafeRequestId {
  private pending: { content: string; id: string } | null = null;

  constructor(private readonly newId: () => string) {}

  /** The id for a request with this content: the pending one's when the content is the same. */
  for(content: string): string {
    if (this.pending?.content !== content) this.pending = { content, id: this.newId() };
    return this.pending.id;
  }

  /** The request was answered: the next one, whatever its content, is new. */
  settled(): void {
    this.pending = null;
  }
}
