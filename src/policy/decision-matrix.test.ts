import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrixCell, matrixVerdict } from './decision-matrix.ts';
import { PolicySchema } from './policy-schema.ts';

const defaults = PolicySchema.parse({ version: 1 }).decision_matrix;

describe('decision matrix', () => {
  it('counts confidence as high only strictly above the threshold', () => {
    assert.equal(matrixCell(defaults, { reasoning: 'r', confidence: 0.81, risk: 'low' }), 'high_confidence_low_risk');
    assert.equal(matrixCell(defaults, { reasoning: 'r', confidence: 0.8, risk: 'low' }), 'low_confidence_low_risk');
  });

  it('counts high, destructive, financial and security as high risk by default', () => {
    for (const risk of ['high', 'destructive', 'financial', 'security'] as const) {
      assert.equal(matrixCell(defaults, { reasoning: 'r', confidence: 0.9, risk }), 'high_confidence_high_risk');
    }
    assert.equal(matrixCell(defaults, { reasoning: 'r', confidence: 0.9, risk: 'medium' }), 'high_confidence_low_risk');
  });

  it('gives the seed defaults: proceed, approval, caution, refuse', () => {
    const verdict = (confidence: number, risk: 'low' | 'high') =>
      matrixVerdict(defaults, { reasoning: 'r', confidence, risk });
    const cell = (name: string) => ({ cell: name, rule: `decision_matrix.${name}` });
    assert.deepEqual(verdict(0.9, 'low'), { ...cell('high_confidence_low_risk'), refuse: false, minTier: 0 });
    assert.deepEqual(verdict(0.9, 'high'), { ...cell('high_confidence_high_risk'), refuse: false, minTier: 3 });
    assert.deepEqual(verdict(0.5, 'low'), { ...cell('low_confidence_low_risk'), refuse: false, minTier: 2 });
    assert.deepEqual(verdict(0.5, 'high'), { ...cell('low_confidence_high_risk'), refuse: true });
  });

  it('uses the threshold and risks the policy sets', () => {
    const strict = PolicySchema.parse({
      version: 1,
      decision_matrix: { confidence_threshold: 0.95, high_risk: ['medium'], high_confidence_low_risk: { min_tier: 1 } },
    }).decision_matrix;
    assert.equal(matrixCell(strict, { reasoning: 'r', confidence: 0.9, risk: 'medium' }), 'low_confidence_high_risk');
    assert.equal(matrixCell(strict, { reasoning: 'r', confidence: 0.99, risk: 'destructive' }), 'high_confidence_low_risk');
    assert.deepEqual(matrixVerdict(strict, { reasoning: 'r', confidence: 0.99, risk: 'low' }).refuse, false);
  });
});
