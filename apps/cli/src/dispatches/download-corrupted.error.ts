/** A downloaded PDF does not hash to what the axis recorded: nothing is saved (exit 3). */
export class DownloadCorruptedError extends Error {
  /** `message`: worded in the CLI's --lang, naming the file. */
  constructor(message: string) {
    super(message);
    this.name = 'DownloadCorruptedError';
  }
}
