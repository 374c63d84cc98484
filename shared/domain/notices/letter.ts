/**
 * The shape every notice is written in, before it becomes text or HTML: paragraphs, headings,
 * bulleted lists and links. Copy modules build letters from plain strings; ./notices.ts renders
 * them and is the only place that knows about HTML, so every value is escaped in one place.
 */
export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | { readonly type: 'link'; readonly label: string; readonly url: string };

export interface Letter {
  readonly subject: string;
  readonly blocks: readonly Block[];
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const heading = (text: string): Block => ({ type: 'heading', text });
export const list = (items: readonly string[]): Block => ({ type: 'list', items });
export const link = (label: string, url: string): Block => ({ type: 'link', label, url });

/** What every seller notice knows. */
export interface Facts {
  readonly sellerId: string;
  readonly sellerName?: string;
  readonly caseId: string;
  /** The case's signal explanations, as recorded (in English), or lines in the notice's language when `localised`. */
  readonly evidence: readonly string[];
  /** The evidence lines are in the notice's language (written from the case's signals). */
  readonly localised?: boolean;
}

export interface CoachFacts extends Facts {
  readonly courseUrl: string;
  /** Already formatted for the reader's language. */
  readonly deadline: string;
}

export interface SuspendFacts extends Facts {
  readonly appealAddress: string;
}

export interface AppealRejectedFacts extends Facts {
  readonly appealAddress?: string;
}

/** The seller notices of one language. */
export interface SellerCopy {
  /** The locale dates are written in (the marketplace may refine it, e.g. en-US). */
  readonly locale: string;
  readonly warn: (facts: Facts) => Letter;
  readonly coach: (facts: CoachFacts) => Letter;
  readonly suspend: (facts: SuspendFacts) => Letter;
  readonly reinstated: (facts: Facts) => Letter;
  readonly 'appeal-rejected': (facts: AppealRejectedFacts) => Letter;
}
