/** A downloaded PDF does not hash to what the axis recorded: nothing is saved (exit 3). */
export class DownloadCorruptedError extends Error {
  constructor(fileName: string) {
    super(`${fileName} arrived altered (SHA-256 differs from the axis record); not saved`);
    this.name = 'DownloadCorruptedError';
  }
}
