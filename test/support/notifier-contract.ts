/**
 * One specification for every Notifier adapter: the in-memory one runs it as a unit test, the SES
 * one against aws-ses-v2-local and DynamoDB Local. The SES emulator's mailbox is shared by the
 * whole run, so every test mails its own recipients and judges only their mail.
 */
import { describe, expect, it } from 'vitest';
import type { Notice, Notifier } from '../../shared/ports/notifier';
import { TransientNoticeError } from '../../shared/ports/notifier';

/** What a recipient received. */
export interface ReceivedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface NotifierUnderTest {
  readonly notifier: Notifier;
  /** Every mail delivered to the address, oldest first. */
  readonly receivedBy: (address: string) => Promise<ReceivedMail[]>;
}

const base = Date.now().toString(36);
let counter = 0;

/** A notice to a recipient of its own; `overrides` may change any field. */
export function newNotice(overrides: Partial<Notice> = {}): Notice {
  const n = ++counter;
  return {
    noticeId: `C-notice-${base}-${n}:warn`,
    to: `seller-${base}-${n}@sellers.example`,
    subject: `Policy warning (case C-notice-${base}-${n})`,
    text: 'Hello,\n\nWe have found activity on your seller account that breaches our policy.\n',
    html: '<!DOCTYPE html>\n<html lang="en"><body><p>Hello,</p><p>We have found activity on your seller account.</p></body></html>\n',
    ...overrides,
  };
}

export function describeNotifier(name: string, make: () => NotifierUnderTest): void {
  describe(`Notifier (${name})`, () => {
    it('delivers a new notice and reports that it was not sent before', async () => {
      const { notifier, receivedBy } = make();
      const notice = newNotice();

      const receipt = await notifier.send(notice);

      expect(receipt.alreadySent).toBe(false);
      expect(receipt.messageId).not.toBe('');
      const mail = await receivedBy(notice.to);
      expect(mail).toHaveLength(1);
      expect(mail[0]?.subject).toBe(notice.subject);
      expect(mail[0]?.text?.trim()).toBe(notice.text.trim());
      expect(mail[0]?.html?.trim()).toBe(notice.html.trim());
    });

    it('delivers a notice once when it is sent twice with the same notice id', async () => {
      const { notifier, receivedBy } = make();
      const notice = newNotice();

      const first = await notifier.send(notice);
      const second = await notifier.send(notice);

      expect(second).toEqual({ messageId: first.messageId, alreadySent: true });
      expect(await receivedBy(notice.to)).toHaveLength(1);
    });

    it('delivers a notice once when a retry carries different content under the same notice id', async () => {
      const { notifier, receivedBy } = make();
      const notice = newNotice();

      await notifier.send(notice);
      const retry = await notifier.send({ ...notice, subject: `${notice.subject} (re-rendered)` });

      expect(retry.alreadySent).toBe(true);
      const mail = await receivedBy(notice.to);
      expect(mail.map((item) => item.subject)).toEqual([notice.subject]);
    });

    it('delivers a notice once when attempts race, and tells the losers to retry or that it was sent', async () => {
      const { notifier, receivedBy } = make();
      const notice = newNotice();

      const outcomes = await Promise.allSettled([notifier.send(notice), notifier.send(notice), notifier.send(notice)]);

      expect(await receivedBy(notice.to)).toHaveLength(1);
      const fresh = outcomes.filter((outcome) => outcome.status === 'fulfilled' && !outcome.value.alreadySent);
      expect(fresh).toHaveLength(1);
      const messageIds = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.messageId] : []));
      expect(new Set(messageIds).size).toBe(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(TransientNoticeError);
      }
    });

    it('delivers notices with different ids separately, even with the same recipient and content', async () => {
      const { notifier, receivedBy } = make();
      const notice = newNotice();

      const warn = await notifier.send(notice);
      const coach = await notifier.send({ ...notice, noticeId: notice.noticeId.replace(/:warn$/, ':coach') });

      expect(coach.alreadySent).toBe(false);
      expect(coach.messageId).not.toBe(warn.messageId);
      expect(await receivedBy(notice.to)).toHaveLength(2);
    });
  });
}
