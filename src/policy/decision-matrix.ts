import type { ActionRequest } from '../action/action-request.ts';
import type { DecisionMatrix } from './policy-schema.ts';

/** The four cells of seed 000's decision matrix: the agent's confidence × the risk it declares. */
export type MatrixCell =
  | 'high_confidence_low_risk'
  | 'high_confidence_high_risk'
  | 'low_confidence_low_risk'
  | 'low_confidence_high_risk';

/** What the matrix says about one decision: refuse it, or the lowest tier it may run at. */
export type MatrixVerdict =
  | { cell: MatrixCell; rule: string; refuse: true }
  | { cell: MatrixCell; rule: string; refuse: false; minTier: number };

type Decision = ActionRequest['decision'];

/** The cell a decision falls in; confidence strictly above the threshold is "high". */
export function matrixCell(matrix: DecisionMatrix, decision: Decision): MatrixCell {
  const confidence = decision.confidence > matrix.confidence_threshold ? 'high' : 'low';
  const risk = matrix.high_risk.includes(decision.risk) ? 'high' : 'low';
  return `${confidence}_confidence_${risk}_risk`;
}

/** The matrix's verdict; `proceed` is a minimum tier of 0, so the matrix can never lower a tier. */
export function matrixVerdict(matrix: DecisionMatrix, decision: Decision): MatrixVerdict {
  const cell = matrixCell(matrix, decision);
  const outcome = matrix[cell];
  const rule = `decision_matrix.${cell}`;
  if (outcome === 'refuse') return { cell, rule, refuse: true };
  return { cell, rule, refuse: false, minTier: outcome === 'proceed' ? 0 : outcome.min_tier };
}
