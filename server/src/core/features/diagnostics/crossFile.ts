/**
 * What one file's diagnostics show of other files: how a source is named in
 * messages, how a claim of another file is quoted, and the related
 * information that points into other files. Every cross-file message is
 * built from the helpers here or from the fields listed below.
 *
 * ## The invalidation contract
 *
 * The workspace index does not track what each diagnostic read; it recomputes
 * a file's diagnostics when the file is in the affected set that
 * `WorkspaceIndex.setSource` returns. Editing a file F must therefore put in
 * that set every other file whose diagnostics show something of F that
 * changed. Other files' diagnostics show exactly these parts of F:
 *
 * 1. its source id: duplicate-id (files sharing it), broken-link (links to
 *    `id#claim` resolve or not), the ids listed in conflicting-claim and
 *    corroborated-claim messages;
 * 2. its title, through {@link sourceLabel}, in related-information messages;
 * 3. of each claim, in order: key and value (which claims conflict or
 *    corroborate, the quoted value and its reading), the source's front
 *    matter `language` (how its numerals are read), as-of (comparability, and the "as
 *    of" in messages), id (link targets) and links (`supports=`/`disputes=`,
 *    which resolve, break, or acknowledge a conflict);
 * 4. positions: the range of each claim listed in related information (only
 *    the first {@link MAX_RELATED} of each list, in (uri, start) order), and
 *    the range of its front-matter `id` (duplicate-id's related information).
 *
 * Nothing else of F (its prose, mentions, `by=`, other front-matter fields)
 * appears in another file's diagnostics. `sameContributions` in
 * workspace/workspace.ts compares parts 1–3 to decide that an edit may keep
 * the claims' index entries; `collectMoved` and `mayBeListed` handle part 4.
 * A new cross-file field in a message must be added to this list and to
 * `sameContributions`, or other files will keep showing its old value
 * (the property test "incremental equals from scratch" would catch it).
 */
import type { SourceModel } from '../../model/source';
import type { RelatedInformation } from '../../base/types';
import type { ClaimRef } from '../../workspace/workspace';

export { MAX_RELATED } from '../../workspace/claims';

/** How a source is named in messages: its title if short, else its id. */
export function sourceLabel(model: SourceModel): string {
  const title = model.meta.title;
  return title && title.length <= 60 ? `'${title}' (${model.id})` : model.id;
}

/**
 * How a claim appears in other files' related information. The same few
 * claims head the lists of thousands of files (lists are in file order), so
 * each claim's two entries are made once per model of its file and shared.
 */
interface RelatedEntries {
  model: SourceModel;
  conflicting?: RelatedInformation;
  corroborating?: RelatedInformation;
}
const relatedCache = new WeakMap<ClaimRef, RelatedEntries>();

export function related(ref: ClaimRef, kind: 'conflicting' | 'corroborating'): RelatedInformation {
  let entries = relatedCache.get(ref);
  if (!entries || entries.model !== ref.model) relatedCache.set(ref, (entries = { model: ref.model }));
  let info = entries[kind];
  if (!info) {
    const c = ref.claim;
    const message =
      kind === 'conflicting'
        ? `${sourceLabel(ref.model)} says ${quote(c.value!)}${c.asOf ? ` as of ${c.asOf}` : ''}`
        : `${sourceLabel(ref.model)} also says ${quote(c.value!)}`;
    info = entries[kind] = { uri: ref.model.uri, range: ref.model.lines.rangeAt(c.start, c.end), message };
  }
  return info;
}

/** A claim value in a message, cut at 60 characters. */
export function quote(s: string): string {
  return `"${s.length > 60 ? s.slice(0, 59) + '…' : s}"`;
}
