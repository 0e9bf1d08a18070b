import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Why a file could not be written at `path`, or null when it can: an existing file must be
 * writable and not a folder, a new one needs an existing, writable folder. Checked without
 * creating or truncating anything, so a command can refuse before it does any work.
 */
export async function whyNotWritable(path: string): Promise<string | null> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) return `${target} is a folder`;
  if (existing) return (await canWrite(target)) ? null : `${target} is not writable`;
  const folder = dirname(target);
  const parent = await stat(folder).catch(() => null);
  if (!parent) return `the folder ${folder} does not exist`;
  if (!parent.isDirectory()) return `${folder} is not a folder`;
  return (await canWrite(folder)) ? null : `the folder ${folder} is not writable`;
}

async function canWrite(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}
