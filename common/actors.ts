/**
 * The actor vocabulary that the client and the server both need: the kinds an
 * actor can have, what an actor id looks like, and how a name becomes an id.
 * Plain constants and functions, so that the client can use them without
 * loading the language service.
 */

/** The kinds of actor a registry entry can have (docs/format.md). */
export const ACTOR_KINDS = ['person', 'organization', 'country', 'place', 'group', 'other'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** A valid actor id: letters and digits, then also `.`, `_` and `-`. */
export const ACTOR_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/** A registry-style id from a name: "Jean-Noël Barrot" → "jean-noel-barrot" ('actor' if nothing is left). */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'actor'
  );
}
