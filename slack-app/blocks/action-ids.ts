// The ids that tie Block Kit elements to listeners: buttons (action_id) and modals (callback_id).
// Messages already posted carry them, so they are contract: never rename one.

export const ActionId = {
  Approve: 'countersign_approve',
  /** Tier 4: opens the confirmation dialog instead of approving at once. */
  ApproveWithConfirmation: 'countersign_approve_confirm',
  Reject: 'countersign_reject',
  RollBack: 'countersign_rollback',
} as const;

export const ViewId = {
  RejectReason: 'countersign_reject_reason',
  ApproveConfirmation: 'countersign_approve_confirmation',
  RollbackReason: 'countersign_rollback_reason',
} as const;

/** Input block and element ids inside the modals. */
export const InputId = {
  Reason: 'reason',
  Confirm: 'confirm',
  Comment: 'comment',
} as const;

/** The checkbox value of the tier-4 confirmation. */
export const CONFIRMED = 'confirmed';
