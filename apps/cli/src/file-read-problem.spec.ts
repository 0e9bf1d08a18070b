import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileReadProblem } from './file-read-problem';

/** What reading `path` throws. */
async function readError(path: string): Promise<unknown> {
  return readFile(path).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('fileReadProblem', () => {
  it('says a path names no file, in each language', async () => {
    const error = await readError(join(tmpdir(), 'docaxis-no-such-file.pdf'));
    expect(fileReadProblem(error, 'vi')).toBe('không có tệp này');
    expect(fileReadProblem(error, 'en')).toBe('no such file');
  });

  it('says a path names a folder', async () => {
    const error = await readError(tmpdir());
    expect(fileReadProblem(error, 'vi')).toBe('đây là thư mục, không phải tệp');
    expect(fileReadProblem(error, 'en')).toBe('it is a folder, not a file');
  });

  it('gives any other failure as the system words it', () => {
    const error = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect(fileReadProblem(error, 'vi')).toBe('EIO: i/o error, read');
  });
});
