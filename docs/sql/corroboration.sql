-- Every claim's corroborating and conflicting sources, computed from the JSONL
-- export (`claims`: one row per line of `corroborate export --format jsonl`,
-- docs/interop.md) exactly as the editor's core does (server/src/core/workspace/claims.ts):
--
-- * only claims with a key and a value take part;
-- * another claim of the same key counts only if it comes from another source
--   (a different source id: a source never corroborates or contradicts itself,
--   even through a second file with its id) and speaks of a comparable time
--   (either has no as-of, or one as-of's period contains the other's);
-- * it corroborates when its normalised value (`norm`) is the same;
-- * it conflicts when its value is different and cannot be true together with
--   this one: two intervals of the same unit that overlap are compatible (money
--   of an unknown currency, unit 'money:', has the unit of any money), and a
--   compatible value neither corroborates nor conflicts;
-- * a conflict that a disputes= link acknowledges (from either claim to the
--   other) is not counted.
--
-- Output: one row per claim that takes part, identified by (uri, index), with
-- the distinct source ids that corroborate and that conflict with it, sorted,
-- and the claim's status.
-- Written for DuckDB; docs/interop.md ("Scaling out") says what changes for
-- Spark SQL and Trino.

WITH c AS (
  SELECT uri, "index" AS idx, source, claim, "by" AS by_id, "key" AS k, norm, unit, lo, hi, loOpen, hiOpen, asOfFrom, asOfTo, links
  FROM claims
  WHERE "key" IS NOT NULL AND value IS NOT NULL
),
-- disputes= links, each from one claim (uri, idx) to a claim named by (source id, claim id).
disputes AS (
  SELECT c.uri AS from_uri, c.idx AS from_idx, l.source AS to_source, l.claim AS to_claim
  FROM c, UNNEST(c.links) AS t(l)
  WHERE l.kind = 'disputes'
),
-- Pairs of claims a disputes= link joins, in both directions: (a, b) when a disputes b or b disputes a.
linked AS (
  SELECT d.from_uri AS a_uri, d.from_idx AS a_idx, b.uri AS b_uri, b.idx AS b_idx
  FROM disputes AS d JOIN c AS b ON b.source = d.to_source AND b.claim = d.to_claim
  UNION
  SELECT b.uri, b.idx, d.from_uri, d.from_idx
  FROM disputes AS d JOIN c AS b ON b.source = d.to_source AND b.claim = d.to_claim
),
pairs AS (
  SELECT
    a.uri,
    a.idx,
    b.source AS other,
    a.norm = b.norm AS same
  FROM c AS a
  JOIN c AS b ON a.k = b.k AND a.source <> b.source
  LEFT JOIN linked AS ack ON ack.a_uri = a.uri AND ack.a_idx = a.idx AND ack.b_uri = b.uri AND ack.b_idx = b.idx
  WHERE
    -- Comparable times: the periods overlap (calendar periods overlap only when one contains the other).
    (a.asOfFrom IS NULL OR b.asOfFrom IS NULL OR (a.asOfFrom <= b.asOfTo AND b.asOfFrom <= a.asOfTo))
    AND (
      a.norm = b.norm
      OR (
        -- A conflict that a disputes= link acknowledges, in either direction, is not counted (a corroboration is).
        ack.a_uri IS NULL
        -- A different value counts as a conflict unless it is compatible: same unit, overlapping intervals.
        AND NOT (
          a.unit IS NOT NULL AND b.unit IS NOT NULL
          AND (
            a.unit = b.unit
            OR (a.unit LIKE 'money:%' AND b.unit LIKE 'money:%' AND (a.unit = 'money:' OR b.unit = 'money:'))
          )
          -- A null bound is unbounded.
          AND NOT (a.hi IS NOT NULL AND b.lo IS NOT NULL AND (a.hi < b.lo OR (a.hi = b.lo AND (a.hiOpen OR b.loOpen))))
          AND NOT (b.hi IS NOT NULL AND a.lo IS NOT NULL AND (b.hi < a.lo OR (b.hi = a.lo AND (b.hiOpen OR a.loOpen))))
        )
      )
    )
)
SELECT
  c.uri,
  c.idx AS "index",
  c.source,
  c.claim,
  coalesce(list(DISTINCT p.other ORDER BY p.other) FILTER (WHERE p.same), []) AS corroborating,
  coalesce(list(DISTINCT p.other ORDER BY p.other) FILTER (WHERE NOT p.same), []) AS conflicting,
  -- The status the editor colours the claim with (server/src/core/features/claimStatus.ts).
  CASE
    WHEN count(p.other) FILTER (WHERE NOT p.same) > 0 THEN 'conflicting'
    WHEN count(p.other) FILTER (WHERE p.same) > 0 THEN 'corroborated'
    WHEN c.by_id IS NULL THEN 'unsourced'
    WHEN c.by_id = 'anonymous' THEN 'anonymous'
    ELSE 'single-source'
  END AS status
FROM c
LEFT JOIN pairs AS p ON p.uri = c.uri AND p.idx = c.idx
GROUP BY c.uri, c.idx, c.source, c.claim, c.by_id
ORDER BY c.uri, c.idx;
