/**
 * The rendered form of an annotated source, which the language server
 * computes (server/src/core/features/render.ts) and the client's Markdown
 * preview plugin and attribute dimming use (client/src/preview.ts). Plain data.
 */

import type { Range } from './positions';

/** The CSS classes of a claim's status, most telling first (a conflict outranks a corroboration). */
export const CLAIM_STATUSES = ['conflicting', 'corroborated', 'unsourced', 'anonymous', 'single-source'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A rendered source (`corroborate/renderedSource`). */
export interface RenderedSource {
  /** The text that was rendered, exactly (the preview matches its input against it). */
  text: string;
  /** The whole text, front matter included, with each span's markup replaced by HTML tags. */
  markdown: string;
  /** Every span's attribute list (`{…}`), for the editor to dim. */
  attributes: Range[];
}
