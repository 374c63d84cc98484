/** `--approvals MODE`, as `offside replay` and `offside evaluate` take it. */
import { Option } from '@commander-js/extra-typings';
import type { ApprovalMode } from '../../local/approval-modes';
import { APPROVAL_MODES } from '../../local/approval-modes';
import { choiceOption } from '../command';

export const approvalsOption = <M extends ApprovalMode>(fallback: M) =>
  new Option('--approvals <MODE>', `how human decisions on the ladder go: ${APPROVAL_MODES.join(', ')}`)
    .argParser(choiceOption('approvals', APPROVAL_MODES))
    .default(fallback);
