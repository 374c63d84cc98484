/**
 * How `offside replay` and `offside evaluate` answer the approvals the ladder waits for. Apart from
 * the replay ladder (./replay-ladder.ts) so the command line can name them without loading it.
 */
export const APPROVAL_MODES = ['none', 'approve-all', 'deny-all'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
