/** `--approvals MODE`, as `offside replay` and `offside evaluate` take it. */
import { Option } from '@commander-js/extra-typings';
import type { ApprovalMode } from '../../../shared/composition/replay/approval-modes';
import { APPROVAL_MODES } from '../../../shared/composition/replay/approval-modes';
import { choiceOption } from '../command';

export const approvalsOption = <M extends ApprovalMode>(fallback: M) =>
  new Option('--approvals <MODE>', `how human decisions on the ladder go: ${APPROVAL_MODES.join(', ')}`)
    .argParser(choiceOption('approvals', APPROVAL_MODES))
    .default(fallback);
