/** A4 portrait in PDF points (1/72 in). */
export const A4_SIZE: readonly [number, number] = [595.28, 841.89];

export interface PageLayout {
  width: number;
  height: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
  /** Space kept above the bottom margin for the footer line. */
  footerHeight: number;
}

/** 2 cm margins, as Vietnamese administrative documents use (Decree 30/2020 asks 2–3 cm). */
export const DEFAULT_PAGE_LAYOUT: PageLayout = {
  width: A4_SIZE[0],
  height: A4_SIZE[1],
  marginTop: 57,
  marginBottom: 40,
  marginLeft: 57,
  marginRight: 57,
  footerHeight: 24,
};
