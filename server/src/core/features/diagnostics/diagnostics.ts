import type { SourceModel } from '../../model/source';
import type { Registry } from '../../model/registry';
import { RESERVED_BY } from '../../model/registry';
import { closest } from '../../base/strings';
import type { LineIndex } from '../../base/text';
import { DIAGNOSTIC_CODES, problem, type Diagnostic, type Problem, type RelatedInformation } from '../../base/types';
import { findUnannotatedMentions } from './unannotatedMention';
import { repeatedPassages } from './duplicatePassage';
import { MAX_RELATED } from '../../workspace/claims';
import type { ClaimRef, WorkspaceIndex } from '../../workspace/workspace';

export { MAX_RELATED } from '../../workspace/claims';

export function toDiagnostic(p: Problem, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeAt(p.start, p.end),
    severity: p.severity ?? DIAGNOSTIC_CODES[p.code].severity,
    code: p.code,
    message: p.message,
  };
  if (p.related && p.related.length > 0) d.related = p.related;
  if (p.data) d.data = p.data;
  return d;
}

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

function related(ref: ClaimRef, kind: 'conflicting' | 'corroborating'): RelatedInformation {
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

function quote(s: string): string {
  return `"${s.length > 60 ? s.slice(0, 59) + '…' : s}"`;
}

/**
 * Every diagnostic of one file of the workspace: a source or a registry.
 * Cost: O(size of the file + claims sharing its keys).
 */
export function computeDiagnostics(index: WorkspaceIndex, uri: string): Diagnostic[] {
  const registry = index.getRegistry(uri);
  if (registry) return registry.problems.map((p) => toDiagnostic(p, registry.lines));
  const model = index.getSource(uri);
  if (!model) return [];
  // Repeated passages are found here, not when the file is indexed: only diagnostics need them.
  const problems: Problem[] = [...model.problems, ...repeatedPassages(model), ...crossFileProblems(index, model)];
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return problems.map((p) => toDiagnostic(p, model.lines));
}

function crossFileProblems(index: WorkspaceIndex, model: SourceModel): Problem[] {
  const out: Problem[] = [];
  const registry = index.registryFor(model.uri);
  const noRegistry = 'no entities.yaml was found at or above this file';

  const checkActor = (id: string, start: number, end: number, what: string): void => {
    if (registry?.actors.has(id)) return;
    if (!registry) {
      out.push(problem('unknown-actor', start, end, `unknown actor '${id}': ${noRegistry}`, { data: { actor: id } }));
      return;
    }
    const guess = closest(id, registry.actors.keys()) ?? nameMatch(registry, id);
    out.push(
      problem(
        'unknown-actor',
        start,
        end,
        `unknown actor '${id}'${what}${guess ? `: did you mean '${guess}'?` : ': add it to entities.yaml'}`,
        {
          data: guess ? { actor: id, suggestion: guess } : { actor: id },
        },
      ),
    );
  };

  for (const m of model.mentions) {
    if (m.ref !== undefined) checkActor(m.ref, m.refStart!, m.refEnd!, '');
    else if (!registry?.names.has(m.text)) {
      out.push(
        problem(
          'unknown-actor',
          m.start,
          m.end,
          registry
            ? `no actor is named '${m.text}' in entities.yaml: add 'ref=' or register the name`
            : `'${m.text}' cannot be resolved: ${noRegistry}`,
          {
            data: { name: m.text },
          },
        ),
      );
    }
  }

  // Source ids must be unique across the workspace.
  const sameId = index.sourcesWithId(model.id).filter((u) => u !== model.uri);
  if (sameId.length > 0) {
    const start = model.meta.idStart ?? model.parsed.bodyStart;
    const end = model.meta.idEnd ?? model.parsed.bodyStart;
    out.push(
      problem(
        'duplicate-id',
        start,
        end,
        `source id '${model.id}' is also used by ${sameId.length === 1 ? 'another file' : `${sameId.length} other files`}: set a unique 'id' in the front matter`,
        {
          related: sameId.slice(0, MAX_RELATED).map((u) => {
            const other = index.getSource(u)!;
            const s = other.meta.idStart ?? other.parsed.bodyStart;
            return { uri: u, range: other.lines.rangeAt(s, other.meta.idEnd ?? s), message: `also '${model.id}'` };
          }),
        },
      ),
    );
  }

  for (const claim of model.claims) {
    const where = { start: claim.start, end: claim.end };
    if (claim.by === undefined) {
      out.push(
        problem(
          'unsourced-claim',
          where.start,
          where.end,
          'unsourced claim: say who asserts it with by=<actor>, by=anonymous or by=outlet',
          { data: { claim: claim.start } },
        ),
      );
    } else if (claim.by === 'anonymous') {
      out.push(problem('anonymous-source', claim.byStart!, claim.byEnd!, 'attributed to an unnamed source'));
    } else if (!(RESERVED_BY as readonly string[]).includes(claim.by)) {
      checkActor(claim.by, claim.byStart!, claim.byEnd!, ' in by=');
    }
    if (claim.key !== undefined && registry && !registry.claimKeys.has(claim.key)) {
      const guess = closest(claim.key, registry.claimKeys.keys());
      out.push(
        problem(
          'unknown-claim-key',
          claim.keyStart!,
          claim.keyEnd!,
          `claim key '${claim.key}' is not described in entities.yaml${guess ? ` (did you mean '${guess}'?)` : ''}`,
          {
            data: guess ? { key: claim.key, suggestion: guess } : { key: claim.key },
          },
        ),
      );
    }
    for (const link of claim.links) {
      const target = index.resolveLink(model, link.source, link.claim);
      const label = `${link.source ?? ''}#${link.claim}`;
      if (!target) {
        const why =
          link.source !== undefined && index.sourcesWithId(link.source).length === 0
            ? `no source has the id '${link.source}'`
            : `there is no claim '#${link.claim}' in ${link.source ?? 'this file'}`;
        out.push(problem('broken-link', link.start, link.end, `${link.kind}=${label} leads nowhere: ${why}`));
      } else if (target.claim === claim) {
        out.push(
          problem(
            'broken-link',
            link.start,
            link.end,
            `a claim cannot ${link.kind === 'supports' ? 'support' : 'dispute'} itself`,
          ),
        );
      }
    }
    const ref = index.claimRef(model.uri, claim);
    if (!ref || claim.key === undefined || claim.value === undefined) continue;
    const view = index.corroboration(ref);
    if (view.conflicting.size > 0) {
      const values = view.conflicting.values(3);
      const parts = values
        .slice(0, 3)
        .map(
          (v) =>
            `${quote(v.first.claim.value!)} in ${v.ids.join(', ')}${v.idCount > 3 ? ` and ${v.idCount - 3} more` : ''}`,
        );
      const sourceCount = view.conflicting.sources;
      out.push(
        problem(
          'conflicting-claim',
          where.start,
          where.end,
          `${claim.key} = ${quote(claim.value)}${claim.asOf ? ` (as of ${claim.asOf})` : ''} conflicts with ${sourceCount === 1 ? '1 other source' : `${sourceCount} other sources`}: ${parts.join('; ')}${values.length > 3 ? `; and ${values.length - 3} more values` : ''}`,
          {
            related: view.conflicting.take(MAX_RELATED).map((c) => related(c, 'conflicting')),
            data: { key: claim.key, values: values.map((v) => v.norm) },
          },
        ),
      );
    }
    if (view.corroborating.size > 0) {
      const ids = view.corroborating.sourceIds(5);
      const count = view.corroborating.idCount;
      out.push(
        problem(
          'corroborated-claim',
          where.start,
          where.end,
          `corroborated by ${count === 1 ? '1 other source' : `${count} other sources`}: ${ids.join(', ')}${count > 5 ? ', …' : ''}`,
          {
            related: view.corroborating.take(MAX_RELATED).map((c) => related(c, 'corroborating')),
          },
        ),
      );
    }
  }

  if (registry) {
    for (const u of findUnannotatedMentions(model, registry)) {
      const actor = registry.actors.get(u.actor)!;
      out.push(
        problem(
          'unannotated-mention',
          u.start,
          u.end,
          `'${model.text.slice(u.start, u.end)}' is ${actor.name === model.text.slice(u.start, u.end) ? `actor '${actor.id}'` : `'${actor.name}' (${actor.id})`} but is not annotated`,
          {
            data: { actor: actor.id },
          },
        ),
      );
    }
  }
  return out;
}

/** An actor whose name or alias matches `word` case-insensitively (e.g. ref=Rutte → rutte). */
function nameMatch(registry: Registry, word: string): string | undefined {
  const w = word.toLowerCase();
  for (const [name, id] of registry.names) if (name.toLowerCase() === w) return id;
  return undefined;
}
