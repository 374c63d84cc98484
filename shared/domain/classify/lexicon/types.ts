/**
 * Per-language word lists. Every entry is a regular-expression source fragment matched against the
 * normalised text (lower case, no accents, confusables folded), so write plain ASCII: "loschen" for
 * "löschen". Letters are made leetspeak-tolerant when the rules are compiled (`r3m0ve` matches
 * "remove"). Stems may end in `[a-z]*` to cover inflections.
 */
export interface Lexicon {
  /** Nouns for a review or rating: "review", "avis", "Bewertung", "reseña", "recensione". */
  readonly reviewNoun: readonly string[];
  /** Verbs asking to remove, change, update or reconsider something. */
  readonly changeVerb: readonly string[];
  /** Adjectives or phrases that make a review a positive one: "positive", "5 stars". */
  readonly positive: readonly string[];
  /** Verbs that ask for a review to be left or given. */
  readonly askVerb: readonly string[];
  /** Refunds, gifts, discounts, payments. */
  readonly incentive: readonly string[];
  /** Words that make one thing depend on another: "if", "once", "in exchange for". */
  readonly tie: readonly string[];
  /** Words that say a review is free of strings: "honest", "regardless". */
  readonly noStrings: readonly string[];
  /** Thanks that precede a mention of a positive review that was already left. */
  readonly thanks: readonly string[];
  /** Phrases that give or ask for a contact channel outside the platform. */
  readonly contactPhrase: readonly string[];
  /** Verbs of getting in touch ("contact", "écrire", "schreiben"), for "contact me on Instagram". */
  readonly contactVerb: readonly string[];
  /** Warranty/registration forms: the action and what it asks for. */
  readonly registerAction: readonly string[];
  readonly dataRequest: readonly string[];
  /** Threats, legal threats, pressure. */
  readonly threat: readonly string[];
}
