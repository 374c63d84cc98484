/** The languages notices are written in (apart, so the statement's facts and the notices share it without a cycle). */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];
