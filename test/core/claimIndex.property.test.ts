import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/core';
import { asOfComparable, compatible } from '../../server/src/core/model/normalize';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { type ClaimRef } from '../../server/src/core/workspace/workspace';
import { MAX_RELATED } from '../../server/src/core/workspace/claims';

/**
 * The per-key claim index (core/claimIndex.ts) answers "which claims
 * corroborate or contradict this one" by arithmetic on cached summaries and
 * lazy merged lists, and a prose edit keeps a file's claim objects in place
 * and reports other files only if they may show where its claims are. These
 * properties hold it to the obvious definitions on workspaces large enough
 * for the related-information cut-off (MAX_RELATED) to matter.
 */

const ROOT = 'file:///ws';
const REGISTRY = `claims:
  k1: {type: percent}
  k2: {type: number}
`;
const registryUri = `${ROOT}/entities.yaml`;

const claim = fc
  .record({
    id: fc.constantFrom('', ' #a', ' #b'),
    key: fc.constantFrom('k1', 'k1', 'k1', 'k2'),
    // Exact values, and intervals that overlap some of them ("about 5%" holds 5%; "more than 4" holds 5 and 7).
    value: fc.constantFrom('1', '2', '5%', '5 percent', '7%', 'about 5%', 'more than 4', 'between 1 and 2', 'under 2'),
    asOf: fc.constantFrom('', '', ' as-of=2024', ' as-of=2024-05', ' as-of=2025'),
    link: fc.constantFrom(
      '',
      '',
      ' disputes=s1#a',
      ' disputes=s3#b',
      ' disputes=s2#a',
      ' supports=s2#a',
      ' disputes=#b',
    ),
  })
  .map((c) => `[claim text]{.claim${c.id} key=${c.key} value="${c.value}"${c.asOf}${c.link} by=outlet}`);
const prose = fc.constantFrom('Prose here. ', 'More words, ', '\n\n', 'A line.\n');
const sourceText = fc
  .record({
    id: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 4 })),
    title: fc.constantFrom('', 'title: T\n'),
    body: fc.array(fc.oneof(claim, prose), { maxLength: 6 }),
  })
  .map((s) => `---\nid: s${s.id}\n${s.title}---\n${s.body.join(' ')}\n`);
const workspace = fc.array(sourceText, { minLength: 2, maxLength: 45 });

const fileUri = (i: number): string => `${ROOT}/f${String(i).padStart(2, '0')}.seed.md`;
const at = (r: ClaimRef): string => `${r.model.uri}@${r.claim.start}`;

function build(texts: string[]): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [ROOT] });
  index.setRegistry(registryUri, REGISTRY);
  texts.forEach((t, i) => index.setSource(fileUri(i), t));
  return index;
}

function disputes(from: ClaimRef, to: ClaimRef): boolean {
  if (to.claim.id === undefined) return false;
  return from.claim.links.some(
    (l) => l.kind === 'disputes' && l.claim === to.claim.id && (l.source ?? from.model.id) === to.model.id,
  );
}

/** The definition: walk every claim of the key. */
function naive(
  index: WorkspaceIndex,
  ref: ClaimRef,
): { corroborating: ClaimRef[]; conflicting: ClaimRef[]; acknowledged: ClaimRef[] } {
  const out = { corroborating: [] as ClaimRef[], conflicting: [] as ClaimRef[], acknowledged: [] as ClaimRef[] };
  for (const [norm, refs] of index.claimsOfKey(ref.claim.key!)) {
    for (const other of refs) {
      if (other.model.uri === ref.model.uri || other.model.id === ref.model.id) continue;
      if (!asOfComparable(ref.claim.asOf, other.claim.asOf)) continue;
      if (norm === ref.norm) out.corroborating.push(other);
      else if (compatible(ref.reading, other.reading)) continue;
      else if (disputes(ref, other) || disputes(other, ref)) out.acknowledged.push(other);
      else out.conflicting.push(other);
    }
  }
  const order = (a: ClaimRef, b: ClaimRef): number =>
    a.model.uri < b.model.uri ? -1 : a.model.uri > b.model.uri ? 1 : a.claim.start - b.claim.start;
  out.corroborating.sort(order);
  out.conflicting.sort(order);
  out.acknowledged.sort(order);
  return out;
}

const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];

function checkViews(index: WorkspaceIndex): void {
  for (const uri of index.sourceUris()) {
    for (const c of index.getSource(uri)!.claims) {
      const ref = index.claimRef(uri, c);
      if (!ref || c.key === undefined || c.value === undefined) continue;
      const view = index.corroboration(ref);
      const want = naive(index, ref);
      const label = `${at(ref)} ${c.key}=${c.value}`;
      assert.deepEqual(view.corroborating.take().map(at), want.corroborating.map(at), `${label}: corroborating`);
      assert.deepEqual([...view.conflicting].map(at), want.conflicting.map(at), `${label}: conflicting`);
      assert.deepEqual(view.acknowledged.take().map(at), want.acknowledged.map(at), `${label}: acknowledged`);
      assert.equal(view.corroborating.size, want.corroborating.length, `${label}: corroborating size`);
      assert.equal(view.conflicting.size, want.conflicting.length, `${label}: conflicting size`);
      // The sizes alone (the claims matrix's path) agree with the lists.
      assert.deepEqual(
        index.corroborationCounts(ref),
        { corroborating: want.corroborating.length, conflicting: want.conflicting.length },
        `${label}: counts`,
      );
      assert.equal(
        view.corroborating.sources,
        distinct(want.corroborating.map((r) => r.model.uri)).length,
        `${label}: corroborating files`,
      );
      assert.equal(
        view.conflicting.sources,
        distinct(want.conflicting.map((r) => r.model.uri)).length,
        `${label}: conflicting files`,
      );
      assert.equal(
        view.acknowledged.sources,
        distinct(want.acknowledged.map((r) => r.model.uri)).length,
        `${label}: acknowledged files`,
      );
      const ids = distinct(want.corroborating.map((r) => r.model.id));
      assert.equal(view.corroborating.idCount, ids.length, `${label}: corroborating ids`);
      assert.deepEqual(view.corroborating.sourceIds(5), ids.slice(0, 5));
      assert.deepEqual(view.conflicting.take(3).map(at), want.conflicting.slice(0, 3).map(at));
      // Per conflicting value, in order of first appearance: first claim, first ids, id count.
      const byValue = new Map<string, ClaimRef[]>();
      for (const r of want.conflicting) byValue.set(r.norm, [...(byValue.get(r.norm) ?? []), r]);
      assert.deepEqual(
        view.conflicting.values(3).map((v) => ({ norm: v.norm, first: at(v.first), ids: v.ids, idCount: v.idCount })),
        [...byValue].map(([norm, refs]) => {
          const vids = distinct(refs.map((r) => r.model.id));
          return { norm, first: at(refs[0]!), ids: vids.slice(0, 3), idCount: vids.length };
        }),
        `${label}: values`,
      );
    }
  }
}

/**
 * The keys in conflict by the definition, walking every claim: two values that cannot both be true, each taken
 * as a whole (its files, its as-ofs), at comparable times, not both from one and the same file.
 */
function naiveConflictingKeys(index: WorkspaceIndex): string[] {
  // From each file's claims, not claimsOfKey (which sorts the index's groups, and so would hide an unsorted one).
  const byKey = new Map<string, Map<string, ClaimRef[]>>();
  for (const uri of index.sourceUris())
    for (const c of index.getSource(uri)!.claims) {
      const ref = index.claimRef(uri, c);
      if (!ref || c.key === undefined || c.value === undefined) continue;
      const values = byKey.get(c.key) ?? new Map<string, ClaimRef[]>();
      byKey.set(c.key, values);
      values.set(ref.norm, [...(values.get(ref.norm) ?? []), ref]);
    }
  const out: string[] = [];
  for (const [key, groups] of byKey) {
    const values = [...groups.values()].map((refs) => ({
      files: distinct(refs.map((r) => r.model.uri)),
      asOfs: distinct(refs.map((r) => r.claim.asOf)),
      reading: refs[0]!.reading,
    }));
    const conflict = values.some((a, i) =>
      values.some(
        (b, j) =>
          j > i &&
          (a.files.length > 1 || b.files.length > 1 || a.files[0] !== b.files[0]) &&
          a.asOfs.some((x) => b.asOfs.some((y) => asOfComparable(x, y))) &&
          !compatible(a.reading, b.reading),
      ),
    );
    if (conflict) out.push(key);
  }
  return out.sort();
}

describe('per-key claim index', () => {
  it('every claim view equals the definition (walk the key), counts and lists alike', () => {
    fc.assert(
      fc.property(workspace, (texts) => {
        const index = build(texts);
        checkViews(index);
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('claim views built ahead of time (primeClaimViews, one per call when stopped at once) answer as the definition', () => {
    fc.assert(
      fc.property(workspace, fc.array(fc.tuple(fc.nat(44), sourceText), { maxLength: 3 }), (texts, edits) => {
        const index = new WorkspaceIndex({ folders: [ROOT] });
        index.setRegistry(registryUri, REGISTRY);
        texts.forEach((t, i) => index.loadSourceBytes(fileUri(i), new TextEncoder().encode(t)));
        const pairs = new Set(
          index
            .sourceUris()
            .flatMap((u) => index.getSource(u)!.claims)
            .filter((c) => c.key !== undefined && c.value !== undefined)
            .map((c) => `${c.key}@${c.asOf ?? ''}`),
        );
        const views = index.claimViewsToPrime();
        let calls = 1;
        while (!index.primeClaimViews(views, () => true)) calls++;
        // One view per call (each key with each of its as-ofs), and one more call that finds nothing left.
        assert.equal(calls, pairs.size + 1);
        checkViews(index);
        // Primed views are kept true by later edits, as views built on demand are.
        for (const [i, text] of edits) index.setSource(fileUri(i), text);
        checkViews(index);
      }),
      { seed: 16, numRuns: 60 },
    );
  });

  it('views stay equal to the definition while files are added, changed and removed (cached summaries updated in place)', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(fc.nat(44), sourceText) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(44), fc.constant(null)) },
    );
    fc.assert(
      fc.property(workspace, fc.array(op, { minLength: 1, maxLength: 8 }), (texts, ops) => {
        const index = build(texts);
        checkViews(index);
        for (const [i, text] of ops) {
          if (text === null) index.removeSource(fileUri(i));
          else index.setSource(fileUri(i), text);
          checkViews(index);
        }
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it('the keys in conflict (the status count) equal the definition through loads, edits and removals', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(fc.nat(44), sourceText) },
      { weight: 2, arbitrary: fc.tuple(fc.nat(44), fc.constant(null)) },
    );
    fc.assert(
      fc.property(
        workspace,
        fc.boolean(),
        fc.boolean(),
        fc.array(op, { minLength: 1, maxLength: 10 }),
        (texts, registryLast, reversed, ops) => {
          // The registry read last re-derives every file in bulk (claims appended, groups sorted later).
          const index = new WorkspaceIndex({ folders: [ROOT] });
          if (!registryLast) index.setRegistry(registryUri, REGISTRY);
          // In reverse order, claims come out of (uri, start) order: a value's group is appended unsorted.
          const order = texts.map((_, i) => (reversed ? texts.length - 1 - i : i));
          for (const i of order) index.loadSourceBytes(fileUri(i), new TextEncoder().encode(texts[i]));
          if (registryLast) index.setRegistry(registryUri, REGISTRY);
          // Asked before the definition reads (and so sorts) the groups, and again after every change.
          assert.deepEqual(index.conflictingKeys(), naiveConflictingKeys(index), 'after loading');
          ops.forEach(([i, text], n) => {
            if (text === null) index.removeSource(fileUri(i));
            else index.setSource(fileUri(i), text);
            assert.deepEqual(index.conflictingKeys(), naiveConflictingKeys(index), `after change ${n + 1}`);
          });
        },
      ),
      { seed: 14, numRuns: 150 },
    );
  });

  it('a prose edit keeps the index equal to a fresh one and reports every file whose diagnostics change', () => {
    const insert = fc.constantFrom(' ', 'x', '\n', 'word ', '\r\n', ']', '}');
    fc.assert(
      fc.property(
        workspace,
        fc.array(fc.tuple(fc.nat(), fc.nat(), insert), { minLength: 1, maxLength: 4 }),
        (texts, edits) => {
          const index = build(texts);
          const current = [...texts];
          for (const [which, offset, text] of edits) {
            const i = which % current.length;
            const before = Object.fromEntries(index.sourceUris().map((u) => [u, computeDiagnostics(index, u)]));
            const t = current[i]!;
            const o = offset % (t.length + 1);
            current[i] = t.slice(0, o) + text + t.slice(o);
            const affected = index.setSource(fileUri(i), current[i]);
            for (const uri of index.sourceUris()) {
              if (!affected.has(uri))
                assert.deepEqual(
                  computeDiagnostics(index, uri),
                  before[uri],
                  `${uri} changed but was not reported (edit of ${fileUri(i)} at ${o}: ${JSON.stringify(text)})`,
                );
            }
          }
          const fresh = build(current);
          assert.deepEqual(index.snapshot(), fresh.snapshot());
          for (const uri of fresh.sourceUris())
            assert.deepEqual(computeDiagnostics(index, uri), computeDiagnostics(fresh, uri), uri);
        },
      ),
      { seed: 12, numRuns: 120 },
    );
  });

  it('an edit of one claim (its key, value, as-of, id or links) reports every file whose diagnostics change', () => {
    // The claim replaced by another: only the keys whose claims changed reach other files, and moved claims (part 4).
    const edit = fc.tuple(fc.nat(), fc.nat(), claim, fc.constantFrom('', 'Moved. ', '\n'));
    fc.assert(
      fc.property(workspace, fc.array(edit, { minLength: 1, maxLength: 4 }), (texts, edits) => {
        const index = build(texts);
        const current = [...texts];
        for (const [which, nth, replacement, before] of edits) {
          const i = which % current.length;
          const claims = [...current[i]!.matchAll(/\[claim text\]\{[^}]*\}/g)];
          if (claims.length === 0) continue;
          const m = claims[nth % claims.length]!;
          const snapshot = Object.fromEntries(index.sourceUris().map((u) => [u, computeDiagnostics(index, u)]));
          current[i] = current[i]!.slice(0, m.index) + before + replacement + current[i]!.slice(m.index + m[0].length);
          const affected = index.setSource(fileUri(i), current[i]);
          for (const uri of index.sourceUris())
            if (!affected.has(uri))
              assert.deepEqual(
                computeDiagnostics(index, uri),
                snapshot[uri],
                `${uri} changed but was not reported (${m[0]} → ${before}${replacement} in ${fileUri(i)})`,
              );
        }
        const fresh = build(current);
        assert.deepEqual(index.snapshot(), fresh.snapshot());
      }),
      { seed: 15, numRuns: 120 },
    );
  });

  it('typing before a claim that no list shows early reports only the edited file', () => {
    // 40 files agree on k1; the last file's claim comes after MAX_RELATED others in every list.
    const texts = Array.from(
      { length: 40 },
      (_, i) => `---\nid: s${i}\n---\nText [c]{.claim key=k1 value=5% by=outlet}\n`,
    );
    const index = build(texts);
    const last = fileUri(39);
    assert.ok(MAX_RELATED < 39);
    const affected = index.setSource(last, texts[39]!.replace('Text ', 'Text typed '));
    assert.deepEqual([...affected], [last]);
    // The first file's claim is shown by every other file: all are reported.
    const first = fileUri(0);
    assert.equal(index.setSource(first, texts[0]!.replace('Text ', 'Text typed ')).size, 40);
    // Changing the value is not a prose edit: every file of the key is reported.
    assert.equal(index.setSource(last, texts[39]!.replace('5%', '6%')).size, 40);
  });
});
