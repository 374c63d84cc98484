/** One rendered notice to one recipient. `noticeId` is a business id (e.g. `<caseId>:<rung>`). */
export interface Notice {
  readonly noticeId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface NoticeReceipt {
  readonly messageId: string;
  /** True when this notice id had already been sent: nothing was sent this time. */
  readonly alreadySent: boolean;
}

/**
 * Sends notices, once per notice id: a retried workflow step calls `send` again with the same id
 * and must never mail the seller twice.
 */
export interface Notifier {
  send(notice: Notice): Promise<NoticeReceipt>;
}

/**
 * The notice could not be sent now but may be later (the mail service throttled us, or another
 * attempt holds the notice's lease): retry the step.
 */
export class TransientNoticeError extends Error {
  override readonly name = 'TransientNoticeError';
}

/** The mail service refused the notice (a rejected message, a bad address): retrying will not help. */
export class NoticeRejectedError extends Error {
  override readonly name = 'NoticeRejectedError';
}
