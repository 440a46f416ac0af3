/**
 * The file name rule of an imported article, shared by the CLI and the VS Code
 * command: `<id>.seed.md`, and when that exists `<id>-2.seed.md`, `<id>-3.seed.md`, …
 * An existing file is never overwritten.
 */

/** The `attempt`-th file name for the source `id` (1: `<id>.seed.md`; n > 1: `<id>-n.seed.md`). */
export function seedFileName(id: string, attempt: number): string {
  return attempt <= 1 ? `${id}.seed.md` : `${id}-${attempt}.seed.md`;
}

/** How many names {@link seedFileName} tries before giving up. */
export const MAX_NAME_ATTEMPTS = 1000;
