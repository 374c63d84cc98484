/** The labels a message can carry, in the fixed order they are reported in. */
export const LABELS = ['review_manipulation', 'off_platform_contact', 'intimidation'] as const;

export type Label = (typeof LABELS)[number];

/** One span of the original text that supports a label. */
export interface Evidence {
  readonly label: Label;
  /** `text.slice(start, end)` of the original text. */
  readonly match: string;
  readonly start: number;
  readonly end: number;
}

export interface Classification {
  readonly labels: Label[];
  readonly evidence: Evidence[];
}
