import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_LIMITS, LIMIT_INFO, sanitizeLimits, WorkspaceIndex } from '../../server/src/core';
import { checkByteSize, checkTextSize, utf8Length } from '../../server/src/core/base/limits';
import { DEFAULT_SETTINGS, sanitize } from '../../server/src/settings';

describe('limits', () => {
  it('sanitize reads corroborate.limits.*: integers are clamped to their range, anything else keeps the default', () => {
    assert.deepEqual(sanitize(undefined).limits, DEFAULT_LIMITS);
    assert.deepEqual(sanitize({}).limits, DEFAULT_LIMITS);
    assert.deepEqual(DEFAULT_SETTINGS.limits, DEFAULT_LIMITS);
    assert.deepEqual(
      sanitize({ limits: { maxFileSize: 2048, maxNesting: 8, maxYamlAliases: 0, maxAttributeLength: 100 } }).limits,
      {
        maxFileSize: 2048,
        maxNesting: 8,
        maxYamlAliases: 0,
        maxAttributeLength: 100,
      },
    );
    const odd = sanitize({
      limits: { maxFileSize: 1, maxNesting: 1e9, maxYamlAliases: '5', maxAttributeLength: 99.7, extra: 3 },
    }).limits;
    assert.deepEqual(odd, {
      maxFileSize: LIMIT_INFO.maxFileSize.min,
      maxNesting: LIMIT_INFO.maxNesting.max,
      maxYamlAliases: DEFAULT_LIMITS.maxYamlAliases,
      maxAttributeLength: 99,
    });
    for (const bad of [null, 'big', [], { maxNesting: NaN }, { maxNesting: Infinity }, { maxNesting: null }]) {
      assert.deepEqual(sanitize({ limits: bad }).limits, DEFAULT_LIMITS, JSON.stringify(bad));
    }
    // The other settings are untouched by limits.
    assert.equal(sanitize({ registry: ' r.yaml ', limits: { maxNesting: 3 } }).registry, 'r.yaml');
  });

  it('sanitizeLimits always gives complete limits within their ranges', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const limits = sanitizeLimits(raw);
        for (const [key, { min, max }] of Object.entries(LIMIT_INFO)) {
          const v = limits[key as keyof typeof limits];
          assert.ok(Number.isInteger(v) && v >= min && v <= max, `${key} = ${v}`);
        }
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('utf8Length is the UTF-8 byte length (a lone surrogate counts as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('checkTextSize and checkByteSize draw the line exactly at the limit', () => {
    assert.equal(checkTextSize('a'.repeat(1024), 1024), undefined);
    assert.equal(checkTextSize('a'.repeat(1025), 1024)?.code, 'file-too-large');
    assert.equal(checkTextSize('😀'.repeat(256), 1024), undefined, '256 emoji are 1,024 bytes');
    assert.equal(checkTextSize('😀'.repeat(256) + 'a', 1024)?.code, 'file-too-large');
    assert.equal(checkByteSize(1024, 1024), undefined);
    const p = checkByteSize(1025, 1024)!;
    assert.deepEqual([p.code, p.start, p.end], ['file-too-large', 0, 0]);
    assert.match(
      p.message,
      /1,025 bytes, more than the limit of 1,024 bytes: not analysed \(raise corroborate\.limits\.maxFileSize, or --max-file-size/,
    );
  });

  it('the index takes limits, and an undefined value changes nothing', () => {
    assert.deepEqual(new WorkspaceIndex().getLimits(), DEFAULT_LIMITS);
    assert.deepEqual(new WorkspaceIndex({ limits: { maxNesting: undefined, maxFileSize: 5000 } }).getLimits(), {
      ...DEFAULT_LIMITS,
      maxFileSize: 5000,
    });
    assert.deepEqual(new WorkspaceIndex({ limits: { maxNesting: 3, maxAttributeLength: 20 } }).getLimits(), {
      ...DEFAULT_LIMITS,
      maxNesting: 3,
      maxAttributeLength: 20,
    });
    const index = new WorkspaceIndex();
    assert.equal(index.setLimits({ maxYamlAliases: undefined }), false);
    assert.equal(index.setLimits({ maxYamlAliases: 7 }), true);
    assert.equal(index.getLimits().maxYamlAliases, 7);
  });

  it('package.json declares every limit as a setting with the core default and range', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../../package.json') as {
      contributes: {
        configuration: {
          properties: Record<
            string,
            { default: number; minimum: number; maximum: number; markdownDescription?: string }
          >;
        };
      };
    };
    const props = pkg.contributes.configuration.properties;
    for (const [key, info] of Object.entries(LIMIT_INFO)) {
      const p = props[info.setting];
      assert.ok(p, `${info.setting} is not declared`);
      assert.deepEqual(
        [p.default, p.minimum, p.maximum],
        [DEFAULT_LIMITS[key as keyof typeof DEFAULT_LIMITS], info.min, info.max],
        info.setting,
      );
      assert.ok((p.markdownDescription ?? '').length > 40, `${info.setting} has a description`);
    }
  });
});
