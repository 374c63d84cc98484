/**
 * Notices: what a seller is told at each step of the ladder, in the marketplace's language, and
 * what the legal team is told when a case goes on legal hold. Pure: the same input always renders
 * the same subject, text and HTML. Sending (once) is the Notifier port's job.
 *
 * Notices carry the case's signal explanations as they are recorded; those hold ids and hashes,
 * never buyer contact data, and nothing else about buyers is ever passed in.
 */
import { de } from './copy/de';
import { en } from './copy/en';
import { es } from './copy/es';
import { fr } from './copy/fr';
import { it } from './copy/it';
import type { Block, Facts, Letter, SellerCopy } from './letter';
import { heading, list, paragraph } from './letter';
import type { NoticeStatement } from './statement-section';
import { statementBlocks } from './statement-section';
import { evidenceLines } from './evidence-lines';
import type { CaseSignal } from '../cases/case-schema';

export const NOTICE_KINDS = ['warn', 'coach', 'suspend', 'reinstated', 'appeal-rejected', 'legal-hold'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

import type { Language } from './languages';
export { LANGUAGES } from './languages';
export type { Language } from './languages';

export interface NoticeInput {
  readonly kind: NoticeKind;
  /** Overrides the marketplace's language. Ignored for legal-hold, which is always in English. */
  readonly language?: Language;
  /** Marketplace code (US, GB, FR, DE, ES, IT, ...): picks the language when none is given. */
  readonly marketplace?: string;
  readonly sellerId: string;
  readonly sellerName?: string;
  readonly caseId: string;
  /** The case's signal explanations. */
  readonly evidence: readonly string[];
  /**
   * The case's signals: when given, seller notices show them as lines in the notice's language
   * (the seller's own words quoted, handles by kind) instead of `evidence`. The legal-hold notice
   * keeps the recorded explanations.
   */
  readonly signals?: readonly CaseSignal[];
  /** coach: the assigned policy course. */
  readonly courseUrl?: string;
  /** coach: the date (ISO, e.g. 2026-04-15) by which the course must be completed. */
  readonly deadline?: string;
  /** suspend (required), appeal-rejected (optional): where a plan of action is sent. */
  readonly appealAddress?: string;
  /** legal-hold: where the evidence bundle is stored, and its SHA-256 (hex). */
  readonly bundleLocation?: string;
  readonly bundleSha256?: string;
  /** suspend: its statement of reasons (Art. 17 DSA), quoted before the letter's closing lines. */
  readonly statement?: NoticeStatement;
}

export interface RenderedNotice {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The input cannot make a correct notice (a missing or malformed field for its kind). */
export class NoticeInputError extends Error {
  override readonly name = 'NoticeInputError';
}

const COPY: Record<Language, SellerCopy> = { en, fr, de, es, it };

/** How many evidence lines a notice written from signals shows: the latest. */
const EVIDENCE_LINES_SHOWN = 5;

const MARKETPLACE_LANGUAGES: Readonly<Record<string, Language>> = { US: 'en', GB: 'en', FR: 'fr', DE: 'de', ES: 'es', IT: 'it' };

/** The language of a marketplace's notices; English where we have no better one. */
export function languageFor(marketplace: string | undefined): Language {
  return (marketplace !== undefined && MARKETPLACE_LANGUAGES[marketplace.trim().toUpperCase()]) || 'en';
}

/** The language a notice is written in. */
/** How far back a seller's reviews say which marketplace it mainly sells in. */
export const HOME_MARKETPLACE_LOOK_BACK_DAYS = 365;

/**
 * The marketplace a seller mainly sells in, for its notices' language: the one most of its
 * reviews (the caller passes those of the look-back period) came from; ties go to the first
 * code in alphabetical order; undefined without any.
 */
export function homeMarketplace(reviews: readonly { readonly marketplace?: string }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { marketplace } of reviews) if (marketplace) counts.set(marketplace, (counts.get(marketplace) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

export function noticeLanguage(input: Pick<NoticeInput, 'kind' | 'language' | 'marketplace'>): Language {
  if (input.kind === 'legal-hold') return 'en';
  return input.language ?? languageFor(input.marketplace);
}

export function renderNotice(input: NoticeInput): RenderedNotice {
  const language = noticeLanguage(input);
  const letter = write(input, language);
  return { subject: letter.subject, text: toText(letter), html: toHtml(letter, language) };
}

function write(input: NoticeInput, language: Language): Letter {
  const signals = input.kind === 'legal-hold' ? [] : (input.signals ?? []);
  const facts: Facts = {
    sellerId: required(input, 'sellerId'),
    caseId: required(input, 'caseId'),
    ...(input.sellerName?.trim() ? { sellerName: input.sellerName.trim() } : {}),
    ...(signals.length > 0
      ? { evidence: evidenceLines(signals, language).slice(-EVIDENCE_LINES_SHOWN), localised: true }
      : { evidence: input.evidence.map((line) => line.trim()).filter((line) => line !== '') }),
  };
  const copy = COPY[language];
  switch (input.kind) {
    case 'warn':
      return copy.warn(withEvidence(facts, input.kind));
    case 'coach':
      return copy.coach({
        ...withEvidence(facts, input.kind),
        courseUrl: webAddress(required(input, 'courseUrl')),
        deadline: formatDate(required(input, 'deadline'), localeOf(copy, input.marketplace)),
      });
    case 'suspend':
      return withStatement(copy.suspend({ ...withEvidence(facts, input.kind), appealAddress: required(input, 'appealAddress') }), input.statement, language);
    case 'reinstated':
      return copy.reinstated(facts);
    case 'appeal-rejected':
      return copy['appeal-rejected']({ ...facts, ...(input.appealAddress?.trim() ? { appealAddress: input.appealAddress.trim() } : {}) });
    case 'legal-hold':
      return legalHold(withEvidence(facts, input.kind), required(input, 'bundleLocation'), sha256(required(input, 'bundleSha256')));
  }
}

/** The suspension letter with its statement of reasons before the closing (its last two blocks: regards, references). */
function withStatement(letter: Letter, statement: NoticeStatement | undefined, language: Language): Letter {
  if (!statement) return letter;
  const closing = letter.blocks.slice(-2);
  return { ...letter, blocks: [...letter.blocks.slice(0, -2), ...statementBlocks(statement, language), ...closing] };
}

/** The internal legal-hold notice: English only, facts first, for the legal team. */
function legalHold(facts: Facts, bundleLocation: string, bundleSha256: string): Letter {
  const seller = facts.sellerName ? `${facts.sellerId} (${facts.sellerName})` : facts.sellerId;
  return {
    subject: `Legal hold: case ${facts.caseId}, seller ${facts.sellerId}`,
    blocks: [
      paragraph('Legal team,'),
      paragraph(
        `Case ${facts.caseId} against seller ${seller} has reached the legal-hold rung of the enforcement ladder. ` +
          'Its evidence has been bundled and must now be preserved unaltered.',
      ),
      paragraph(`Case: ${facts.caseId}\nSeller: ${seller}\nEvidence bundle: ${bundleLocation}\nSHA-256: ${bundleSha256}`),
      heading('Signals on the case'),
      list(facts.evidence),
      paragraph('Check the bundle against the SHA-256 above before relying on it; a mismatch means it is not the bundle that was put on hold.'),
      paragraph('Offside, marketplace trust & safety'),
    ],
  };
}

type TextField = 'sellerId' | 'caseId' | 'courseUrl' | 'deadline' | 'appealAddress' | 'bundleLocation' | 'bundleSha256';

function required(input: NoticeInput, field: TextField): string {
  const value = input[field]?.trim();
  if (!value) throw new NoticeInputError(`a ${input.kind} notice needs ${field}`);
  return value;
}

/** Warnings, coaching, suspensions and legal holds say what was seen: they need evidence. */
function withEvidence(facts: Facts, kind: NoticeKind): Facts {
  if (facts.evidence.length === 0) throw new NoticeInputError(`a ${kind} notice needs at least one evidence line`);
  return facts;
}

function webAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new NoticeInputError(`courseUrl is not a URL: ${value}`, { cause: error });
  }
  // Only web links: a javascript: or data: URL must never become a link in a seller's mailbox.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new NoticeInputError(`courseUrl must be an http(s) URL: ${value}`);
  return url.href;
}

function sha256(value: string): string {
  if (!/^[0-9a-f]{64}$/i.test(value)) throw new NoticeInputError(`bundleSha256 is not a SHA-256 digest in hex: ${value}`);
  return value.toLowerCase();
}

/** US sellers read month-first dates; every other English marketplace reads day-first. */
function localeOf(copy: SellerCopy, marketplace: string | undefined): string {
  return copy === en && marketplace?.trim().toUpperCase() === 'US' ? 'en-US' : copy.locale;
}

function formatDate(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(isoDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) {
    throw new NoticeInputError(`deadline is not an ISO date: ${isoDate}`);
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Any letter (a buyer's notice, too) as subject, text and HTML, escaped in the one place that knows HTML. */
export function renderLetter(letter: Letter, language: Language): RenderedNotice {
  return { subject: letter.subject, text: toText(letter), html: toHtml(letter, language) };
}

function toText(letter: Letter): string {
  const blocks = letter.blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'paragraph':
        return [block.text];
      case 'heading':
        return [block.text.toUpperCase()];
      case 'list':
        return block.items.length === 0 ? [] : [block.items.map((item) => `- ${item}`).join('\n')];
      case 'link':
        return [`${block.label}: ${block.url}`];
    }
  });
  return `${blocks.join('\n\n')}\n`;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>\n');

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${lines(block.text)}</p>`;
    case 'heading':
      return `<h2 style="font-size:1.05em;margin:1.2em 0 0.4em">${escapeHtml(block.text)}</h2>`;
    case 'list':
      return block.items.length === 0 ? '' : `<ul>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
    case 'link':
      return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
  }
}

function toHtml(letter: Letter, language: Language): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(letter.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40em">',
    ...letter.blocks.map(blockHtml).filter((html) => html !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
