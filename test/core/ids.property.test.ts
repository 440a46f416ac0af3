import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ACTOR_ID, CLAIM_KEY, isActorId, isClaimKey } from '../../server/src/core/model/registry';

/** The ASCII fast path for ids and keys accepts exactly what the Unicode-property regexes accept. */
describe('actor ids and claim keys', () => {
  it('isActorId and isClaimKey agree with ACTOR_ID and CLAIM_KEY on arbitrary and id-like strings', () => {
    const idLike = fc
      .array(fc.constantFrom('a', 'Z', '0', '9', '.', '_', '-', ' ', 'é', 'Ж', '٣', '😀', '\u200d', '/', '#', ''), {
        maxLength: 8,
      })
      .map((cs) => cs.join(''));
    let valid = 0;
    fc.assert(
      fc.property(
        fc.oneof(idLike, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })),
        (s) => {
          assert.equal(isActorId(s), ACTOR_ID.test(s), JSON.stringify(s));
          assert.equal(isClaimKey(s), CLAIM_KEY.test(s), JSON.stringify(s));
          if (ACTOR_ID.test(s)) valid++;
        },
      ),
      { seed: 3030, numRuns: 5000 },
    );
    assert.ok(valid > 500, `only ${valid} valid ids were generated`);
  });
});
