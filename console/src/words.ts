/** How the console says things: rungs, rules, labels, handle kinds, times. */
import type { HandleSummary, TextPiece } from '../../shared/adapters/http/console-views';

export const RUNG_NAMES: Readonly<Record<string, string>> = { warn: 'Warning', coach: 'Coaching', suspend: 'Suspension', 'legal-hold': 'Legal hold' };
export const RULE_NAMES: Readonly<Record<string, string>> = {
  'seller-message': 'Seller message',
  'targeted-lookup': 'Targeted look-up',
  'lookup-then-flip': 'Look-up, then flip',
  'unexplained-flips': 'Unexplained flips',
  'outside-routine-report': 'Report outside the routine',
  'buyer-complaint': 'Buyer complaint',
  ring: 'Ring',
};
export const LABEL_NAMES: Readonly<Record<string, string>> = {
  review_manipulation: 'review manipulation',
  off_platform_contact: 'off-platform contact',
  intimidation: 'intimidation',
};
const KIND_NAMES: Readonly<Record<HandleSummary['kind'], string>> = { email: 'e-mail address', phone: 'phone number', url: 'link', messaging: 'messaging handle' };

export const kindName = (kind: HandleSummary['kind']) => KIND_NAMES[kind];

/** "e-mail address A · also seen at 2 other sellers" */
export function handleWords(handle: Pick<Extract<TextPiece, { type: 'handle' }>, 'kind' | 'ref' | 'otherSellers'>): string {
  const others = handle.otherSellers.length;
  return `${kindName(handle.kind)} ${handle.ref}${others > 0 ? ` · also seen at ${others} other seller${others === 1 ? '' : 's'}` : ''}`;
}

/** What a case asks for: a rung, or (null) nothing: a case for review, no notice sent. */
export const FOR_REVIEW = 'For review: no notice sent';
export const askedWords = (rung: string | null): string => (rung === null ? FOR_REVIEW : (RUNG_NAMES[rung] ?? rung));

export function waitingWords(waiting: { kind: 'approval' | 'coaching'; rung: string } | null): string {
  if (!waiting) return 'nothing';
  return waiting.kind === 'approval' ? `${RUNG_NAMES[waiting.rung] ?? waiting.rung} approval` : 'the seller’s coaching course';
}

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatTime = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** "3 h", "2 d": how long ago, for a queue that says since when. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

export const stars = (rating: number | undefined) => (rating === undefined ? '' : `${'★'.repeat(rating)}${'☆'.repeat(Math.max(0, 5 - rating))}`);

/** Whether an instant has passed (a deadline missed). */
export const isPast = (iso: string, now = Date.now()): boolean => Date.parse(iso) < now;
