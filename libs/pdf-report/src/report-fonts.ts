import { readFile } from 'node:fs/promises';

/** The TrueType files embedded into every report; DejaVu Sans covers Vietnamese diacritics. */
export interface ReportFontFiles {
  regular: Buffer;
  bold: Buffer;
}

let loaded: Promise<ReportFontFiles> | undefined;

/**
 * DejaVu Sans regular and bold from the `dejavu-fonts-ttf` package, read once per process.
 * Resolved through the module system so it works from the source tree, `dist/` and a worktree
 * whose node_modules is a symlink.
 */
export function dejaVuSansFiles(): Promise<ReportFontFiles> {
  loaded ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  // A failed read must not be cached forever: the next report tries again.
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
