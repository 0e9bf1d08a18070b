/** A file or option given to `docaxis send` cannot be used: a usage error (exit 2). */
export class SendInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendInputError';
  }
}
