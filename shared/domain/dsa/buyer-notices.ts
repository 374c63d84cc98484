/**
 * What a buyer who complained (a notifier, Art. 16 DSA) is told, in their language: the receipt
 * with its reference at once; the decision, once, in the words the policy allows (that action was
 * taken under our policies, or that no breach was found: never the sanction itself or anything
 * else about the seller's account); and, under Art. 23, a warning or a restriction with its
 * reasons and how to contest it. Pure: the same input renders the same notice.
 */
import type { Language } from '../notices/languages';
import { LANGUAGES } from '../notices/languages';
import type { Letter } from '../notices/letter';
import { paragraph } from '../notices/letter';

export const BUYER_NOTICE_KINDS = ['acknowledged', 'not-counted', 'actioned', 'dismissed', 'warned', 'restricted', 'contest-upheld', 'contest-rejected'] as const;
export type BuyerNoticeKind = (typeof BUYER_NOTICE_KINDS)[number];

export interface BuyerNoticeInput {
  readonly kind: BuyerNoticeKind;
  /** The complaint's reference (restricted, warned: the latest unfounded one). */
  readonly reference: string;
  readonly receivedAt: string;
  /** restricted, not-counted: until when complaints do not count (YYYY-MM-DD). */
  readonly until?: string;
  /** Where a notifier contests a decision about their complaints. */
  readonly contestAddress: string;
  /** contest-upheld, contest-rejected: the person's reason. */
  readonly reason?: string;
}

type Copy = Record<BuyerNoticeKind, (input: BuyerNoticeInput, day: string) => Letter>;

const letter = (subject: string, ...lines: string[]): Letter => ({ subject, blocks: lines.map(paragraph) });

const COPY: Record<Language, Copy> = {
  en: {
    acknowledged: (i, day) => letter(`We received your report (reference ${i.reference})`, `Thank you for your report of ${day} about a seller contacting you. We have received it under reference ${i.reference} and will review it carefully. We will tell you what we decided.`),
    'not-counted': (i, day) => letter(`We received your report (reference ${i.reference})`, `We received your report of ${day} under reference ${i.reference}. Because several of your earlier reports were found unfounded, reports from you are not acted on until ${i.until ?? ''}. You may contest this at ${i.contestAddress}.`),
    actioned: (i) => letter(`Your report ${i.reference}: we took action`, `We reviewed your report ${i.reference} and took action on the seller's account under our policies. Thank you for telling us.`),
    dismissed: (i) => letter(`Your report ${i.reference}: our decision`, `We reviewed your report ${i.reference} and found no breach of our policies by the seller. If you disagree, you may contest this decision at ${i.contestAddress}.`),
    warned: (i) => letter('About your reports to us', `Several of your reports (most recently ${i.reference}) were found unfounded after review. If this continues, reports from you will not be acted on for a period. You may contest this at ${i.contestAddress}.`),
    restricted: (i) => letter('Your reports will not be acted on for a period', `After a warning, more of your reports (most recently ${i.reference}) were found unfounded. Under Article 23 of the Digital Services Act, reports from you will not be acted on until ${i.until ?? ''}. You may contest this decision at ${i.contestAddress}.`),
    'contest-upheld': (i) => letter('Your contest: we withdrew the decision', `A person reviewed your contest and withdrew the decision about your reports (most recently ${i.reference}). Your reports are acted on again, and the earlier ones no longer count against you. Reason: ${i.reason ?? ''}`),
    'contest-rejected': (i) => letter('Your contest: the decision stands', `A person reviewed your contest of the decision about your reports (most recently ${i.reference}) and upheld the decision. Reason: ${i.reason ?? ''}. You may take the matter to a certified out-of-court dispute settlement body (Art. 21 of the Digital Services Act).`),
  },
  fr: {
    acknowledged: (i, day) => letter(`Nous avons bien reçu votre signalement (référence ${i.reference})`, `Merci pour votre signalement du ${day} concernant un vendeur qui vous a contacté. Nous l’avons reçu sous la référence ${i.reference} et l’examinerons avec soin. Nous vous informerons de notre décision.`),
    'not-counted': (i, day) => letter(`Nous avons bien reçu votre signalement (référence ${i.reference})`, `Nous avons reçu votre signalement du ${day} sous la référence ${i.reference}. Plusieurs de vos signalements précédents s’étant révélés infondés, vos signalements ne sont pas traités jusqu’au ${i.until ?? ''}. Vous pouvez contester cette décision à ${i.contestAddress}.`),
    actioned: (i) => letter(`Votre signalement ${i.reference} : nous avons agi`, `Nous avons examiné votre signalement ${i.reference} et pris des mesures sur le compte du vendeur conformément à nos règles. Merci de nous avoir informés.`),
    dismissed: (i) => letter(`Votre signalement ${i.reference} : notre décision`, `Nous avons examiné votre signalement ${i.reference} et n’avons constaté aucun manquement du vendeur à nos règles. Vous pouvez contester cette décision à ${i.contestAddress}.`),
    warned: (i) => letter('À propos de vos signalements', `Plusieurs de vos signalements (le dernier : ${i.reference}) se sont révélés infondés. Si cela continue, vos signalements ne seront plus traités pendant un temps. Vous pouvez contester cette décision à ${i.contestAddress}.`),
    restricted: (i) => letter('Vos signalements ne seront pas traités pendant un temps', `Après un avertissement, d’autres signalements (le dernier : ${i.reference}) se sont révélés infondés. En application de l’article 23 du règlement sur les services numériques, vos signalements ne seront pas traités jusqu’au ${i.until ?? ''}. Vous pouvez contester cette décision à ${i.contestAddress}.`),
    'contest-upheld': (i) => letter('Votre contestation : nous avons retiré la décision', `Une personne a examiné votre contestation et retiré la décision concernant vos signalements (le dernier : ${i.reference}). Vos signalements sont de nouveau traités et les précédents ne comptent plus contre vous. Motif : ${i.reason ?? ''}`),
    'contest-rejected': (i) => letter('Votre contestation : la décision est maintenue', `Une personne a examiné votre contestation de la décision concernant vos signalements (le dernier : ${i.reference}) et l’a maintenue. Motif : ${i.reason ?? ''}. Vous pouvez saisir un organe certifié de règlement extrajudiciaire des litiges (article 21 du règlement sur les services numériques).`),
  },
  de: {
    acknowledged: (i, day) => letter(`Wir haben Ihre Meldung erhalten (Referenz ${i.reference})`, `Danke für Ihre Meldung vom ${day} über einen Verkäufer, der Sie kontaktiert hat. Wir haben sie unter der Referenz ${i.reference} erhalten und prüfen sie sorgfältig. Wir teilen Ihnen unsere Entscheidung mit.`),
    'not-counted': (i, day) => letter(`Wir haben Ihre Meldung erhalten (Referenz ${i.reference})`, `Wir haben Ihre Meldung vom ${day} unter der Referenz ${i.reference} erhalten. Da mehrere Ihrer früheren Meldungen unbegründet waren, werden Ihre Meldungen bis zum ${i.until ?? ''} nicht bearbeitet. Sie können dies unter ${i.contestAddress} anfechten.`),
    actioned: (i) => letter(`Ihre Meldung ${i.reference}: Wir haben gehandelt`, `Wir haben Ihre Meldung ${i.reference} geprüft und nach unseren Richtlinien Maßnahmen am Konto des Verkäufers ergriffen. Danke für Ihren Hinweis.`),
    dismissed: (i) => letter(`Ihre Meldung ${i.reference}: unsere Entscheidung`, `Wir haben Ihre Meldung ${i.reference} geprüft und keinen Verstoß des Verkäufers gegen unsere Richtlinien festgestellt. Sie können diese Entscheidung unter ${i.contestAddress} anfechten.`),
    warned: (i) => letter('Zu Ihren Meldungen', `Mehrere Ihrer Meldungen (zuletzt ${i.reference}) waren nach Prüfung unbegründet. Setzt sich das fort, werden Ihre Meldungen eine Zeit lang nicht bearbeitet. Sie können dies unter ${i.contestAddress} anfechten.`),
    restricted: (i) => letter('Ihre Meldungen werden eine Zeit lang nicht bearbeitet', `Nach einer Warnung waren weitere Meldungen (zuletzt ${i.reference}) unbegründet. Nach Artikel 23 des Gesetzes über digitale Dienste werden Ihre Meldungen bis zum ${i.until ?? ''} nicht bearbeitet. Sie können diese Entscheidung unter ${i.contestAddress} anfechten.`),
    'contest-upheld': (i) => letter('Ihr Einspruch: Wir haben die Entscheidung aufgehoben', `Eine Person hat Ihren Einspruch geprüft und die Entscheidung zu Ihren Meldungen (zuletzt ${i.reference}) aufgehoben. Ihre Meldungen werden wieder bearbeitet, frühere zählen nicht mehr gegen Sie. Begründung: ${i.reason ?? ''}`),
    'contest-rejected': (i) => letter('Ihr Einspruch: Die Entscheidung bleibt bestehen', `Eine Person hat Ihren Einspruch gegen die Entscheidung zu Ihren Meldungen (zuletzt ${i.reference}) geprüft und die Entscheidung bestätigt. Begründung: ${i.reason ?? ''}. Sie können sich an eine zertifizierte außergerichtliche Streitbeilegungsstelle wenden (Artikel 21 des Gesetzes über digitale Dienste).`),
  },
  es: {
    acknowledged: (i, day) => letter(`Hemos recibido su denuncia (referencia ${i.reference})`, `Gracias por su denuncia del ${day} sobre un vendedor que le contactó. La hemos recibido con la referencia ${i.reference} y la revisaremos con atención. Le comunicaremos nuestra decisión.`),
    'not-counted': (i, day) => letter(`Hemos recibido su denuncia (referencia ${i.reference})`, `Hemos recibido su denuncia del ${day} con la referencia ${i.reference}. Como varias de sus denuncias anteriores resultaron infundadas, sus denuncias no se tramitan hasta el ${i.until ?? ''}. Puede impugnarlo en ${i.contestAddress}.`),
    actioned: (i) => letter(`Su denuncia ${i.reference}: hemos actuado`, `Hemos revisado su denuncia ${i.reference} y hemos tomado medidas sobre la cuenta del vendedor conforme a nuestras normas. Gracias por avisarnos.`),
    dismissed: (i) => letter(`Su denuncia ${i.reference}: nuestra decisión`, `Hemos revisado su denuncia ${i.reference} y no hemos encontrado ningún incumplimiento de nuestras normas por parte del vendedor. Puede impugnar esta decisión en ${i.contestAddress}.`),
    warned: (i) => letter('Sobre sus denuncias', `Varias de sus denuncias (la última, ${i.reference}) resultaron infundadas tras revisarlas. Si continúa, sus denuncias dejarán de tramitarse durante un tiempo. Puede impugnarlo en ${i.contestAddress}.`),
    restricted: (i) => letter('Sus denuncias no se tramitarán durante un tiempo', `Tras una advertencia, más denuncias suyas (la última, ${i.reference}) resultaron infundadas. Conforme al artículo 23 del Reglamento de Servicios Digitales, sus denuncias no se tramitarán hasta el ${i.until ?? ''}. Puede impugnar esta decisión en ${i.contestAddress}.`),
    'contest-upheld': (i) => letter('Su impugnación: hemos retirado la decisión', `Una persona revisó su impugnación y retiró la decisión sobre sus denuncias (la última, ${i.reference}). Sus denuncias vuelven a tramitarse y las anteriores ya no cuentan en su contra. Motivo: ${i.reason ?? ''}`),
    'contest-rejected': (i) => letter('Su impugnación: la decisión se mantiene', `Una persona revisó su impugnación de la decisión sobre sus denuncias (la última, ${i.reference}) y la mantuvo. Motivo: ${i.reason ?? ''}. Puede acudir a un órgano certificado de resolución extrajudicial de litigios (artículo 21 del Reglamento de Servicios Digitales).`),
  },
  it: {
    acknowledged: (i, day) => letter(`Abbiamo ricevuto la sua segnalazione (riferimento ${i.reference})`, `Grazie per la sua segnalazione del ${day} su un venditore che l’ha contattata. L’abbiamo ricevuta con il riferimento ${i.reference} e la esamineremo con attenzione. Le comunicheremo la nostra decisione.`),
    'not-counted': (i, day) => letter(`Abbiamo ricevuto la sua segnalazione (riferimento ${i.reference})`, `Abbiamo ricevuto la sua segnalazione del ${day} con il riferimento ${i.reference}. Poiché diverse sue segnalazioni precedenti sono risultate infondate, le sue segnalazioni non vengono trattate fino al ${i.until ?? ''}. Può contestarlo a ${i.contestAddress}.`),
    actioned: (i) => letter(`La sua segnalazione ${i.reference}: abbiamo agito`, `Abbiamo esaminato la sua segnalazione ${i.reference} e preso provvedimenti sull’account del venditore secondo le nostre regole. Grazie per avercelo segnalato.`),
    dismissed: (i) => letter(`La sua segnalazione ${i.reference}: la nostra decisione`, `Abbiamo esaminato la sua segnalazione ${i.reference} e non abbiamo riscontrato violazioni delle nostre regole da parte del venditore. Può contestare questa decisione a ${i.contestAddress}.`),
    warned: (i) => letter('Sulle sue segnalazioni', `Diverse sue segnalazioni (l’ultima: ${i.reference}) sono risultate infondate. Se continua, le sue segnalazioni non saranno trattate per un periodo. Può contestarlo a ${i.contestAddress}.`),
    restricted: (i) => letter('Le sue segnalazioni non saranno trattate per un periodo', `Dopo un avvertimento, altre sue segnalazioni (l’ultima: ${i.reference}) sono risultate infondate. Ai sensi dell’articolo 23 del regolamento sui servizi digitali, le sue segnalazioni non saranno trattate fino al ${i.until ?? ''}. Può contestare questa decisione a ${i.contestAddress}.`),
    'contest-upheld': (i) => letter('Il suo reclamo: abbiamo ritirato la decisione', `Una persona ha esaminato il suo reclamo e ritirato la decisione sulle sue segnalazioni (l’ultima: ${i.reference}). Le sue segnalazioni sono di nuovo trattate e quelle precedenti non contano più contro di lei. Motivo: ${i.reason ?? ''}`),
    'contest-rejected': (i) => letter('Il suo reclamo: la decisione resta valida', `Una persona ha esaminato il suo reclamo contro la decisione sulle sue segnalazioni (l’ultima: ${i.reference}) e l’ha confermata. Motivo: ${i.reason ?? ''}. Può rivolgersi a un organismo certificato di risoluzione extragiudiziale delle controversie (articolo 21 del regolamento sui servizi digitali).`),
  },
};

/** The buyer's language from a BCP 47 tag (its primary subtag), English where we have none. */
export function buyerLanguage(tag: string | undefined): Language {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary) ?? 'en';
}

export function buyerNoticeLetter(input: BuyerNoticeInput, language: Language): Letter {
  return COPY[language][input.kind](input, input.receivedAt.slice(0, 10));
}
