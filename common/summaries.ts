/**
 * The registry's actors and the workspace's claim keys in brief, as the server
 * computes them (server/src/core/features/summaries.ts) and the client offers
 * them in the annotate commands (client/src/commands.ts). Plain data.
 */

/** An actor of the registry governing a file, and how often the workspace mentions it. */
export interface ActorSummary {
  id: string;
  name: string;
  kind: string;
  description?: string;
  mentions: number;
}

/** A claim key known in the workspace or the registry, and the values claimed for it. */
export interface KeySummary {
  key: string;
  description?: string;
  values: string[];
}
