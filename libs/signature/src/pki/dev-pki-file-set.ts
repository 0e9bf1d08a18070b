import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DevPkiOutputExistsError } from './dev-pki.errors';
import type { DevPkiFileEntry } from './dev-pki-manifest';

interface PlannedFile {
  path: string;
  content: string | Buffer;
  description: string;
  secret: boolean;
}

/**
 * The files of one development PKI, written all at once: into a sibling staging folder first,
 * then renamed into place, so a reader (or a parallel Jest worker) never sees half a PKI.
 */
export class DevPkiFileSet {
  private readonly files: PlannedFile[] = [];

  add(path: string, content: string | Buffer, description: string): void {
    this.files.push({ path, content, description, secret: false });
  }

  /** Private keys: mode 0600, inside folders nobody else may list. */
  addSecret(path: string, content: string, description: string): void {
    this.files.push({ path, content, description, secret: true });
  }

  /** Sets the content of a file already planned (the manifest lists itself, then gets its text). */
  replace(path: string, content: string | Buffer): void {
    const file = this.files.find((candidate) => candidate.path === path);
    if (!file) throw new RangeError(`no planned file ${path}`);
    file.content = content;
  }

  entries(): DevPkiFileEntry[] {
    return this.files.map(({ path, description }) => ({ path, description }));
  }

  async writeAtomically(outDir: string, overwrite: boolean): Promise<void> {
    const staging = `${outDir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(staging, { recursive: true, mode: 0o700 });
      for (const file of this.files) {
        const target = join(staging, file.path);
        await mkdir(dirname(target), { recursive: true, mode: file.secret ? 0o700 : 0o755 });
        await writeFile(target, file.content, { mode: file.secret ? 0o600 : 0o644 });
        // writeFile's mode is filtered by the umask; keys must end up 0600 whatever it is.
        if (file.secret) await chmod(target, 0o600);
      }
      await chmod(staging, 0o755);
      await moveIntoPlace(staging, outDir, overwrite);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

async function moveIntoPlace(staging: string, outDir: string, overwrite: boolean): Promise<void> {
  // Two attempts: with overwrite, another writer may recreate outDir between rm and rename.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (overwrite) await rm(outDir, { recursive: true, force: true });
    try {
      await rename(staging, outDir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      if (!overwrite) throw new DevPkiOutputExistsError(outDir);
    }
  }
  throw new DevPkiOutputExistsError(outDir);
}
