import type { Block, Facts, SellerCopy } from '../letter';
import { heading, link, list, paragraph } from '../letter';

// German letters continue in lower case after the comma of the salutation.
const greeting = (facts: Facts) => paragraph(facts.sellerName ? `Guten Tag ${facts.sellerName},` : 'Guten Tag,');

const POLICY =
  'Kontaktieren Sie Käufer ausschließlich über das Nachrichtensystem der Plattform. Bitten Sie Käufer niemals, eine ' +
  'Bewertung zu entfernen oder zu ändern, und machen Sie Erstattungen, Geschenke oder Zahlungen niemals von einer Bewertung abhängig.';

/** The explanations come from our systems in English; say so rather than leave it unexplained. */
const evidence = (facts: Facts): Block[] => [
  list(facts.evidence),
  // Lines written in this language (from the case's signals) need no note that they are in English.
  ...(facts.localised ? [] : [paragraph('Diese Angaben geben wir so wieder, wie unsere Systeme sie erfasst haben (auf Englisch).')]),
];

const closing = (facts: Facts): Block[] => [
  paragraph('Mit freundlichen Grüßen\nIhr Team Vertrauen & Sicherheit'),
  paragraph(`Fallnummer: ${facts.caseId}\nVerkäuferkonto: ${facts.sellerId}`),
];

/** Seller notices in German. */
export const de: SellerCopy = {
  locale: 'de-DE',

  warn: (facts) => ({
    subject: `Verwarnung: Kontaktaufnahme mit Käufern wegen ihrer Bewertungen (Fall ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `wir haben bei Ihrem Verkäuferkonto ${facts.sellerId} Aktivitäten festgestellt, die gegen unsere Richtlinie zur Kommunikation mit Käufern verstoßen.`,
      ),
      heading('Was wir festgestellt haben'),
      ...evidence(facts),
      heading('Unsere Richtlinie'),
      paragraph(POLICY),
      heading('Wie es weitergeht'),
      paragraph(
        'Sie müssen nichts weiter tun, als diese Praxis sofort einzustellen. Stellen wir erneut einen Verstoß fest, weisen ' +
          'wir Ihnen eine verpflichtende Schulung zu dieser Richtlinie zu; setzt sich das Verhalten danach fort, sperren wir ' +
          'Ihr Verkäuferkonto.',
      ),
      paragraph(
        `Sollten Sie diese Verwarnung für unberechtigt halten, wenden Sie sich bitte über Ihr Verkäuferportal an den Verkäufersupport und geben Sie die Fallnummer ${facts.caseId} an.`,
      ),
      ...closing(facts),
    ],
  }),

  coach: (facts) => ({
    subject: `Handlungsbedarf: Schulung bis zum ${facts.deadline} abschließen (Fall ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `trotz unserer früheren Verwarnung haben wir bei Ihrem Verkäuferkonto ${facts.sellerId} erneut Aktivitäten festgestellt, die gegen unsere Richtlinie zur Kommunikation mit Käufern verstoßen:`,
      ),
      ...evidence(facts),
      paragraph(
        `Wir haben Ihnen daher eine verpflichtende Schulung zur Kommunikation mit Käufern und zum Umgang mit Bewertungen zugewiesen. Bitte schließen Sie diese bis zum ${facts.deadline} ab:`,
      ),
      link('Zur Schulung', facts.courseUrl),
      paragraph('Melden Sie den Abschluss anschließend in Ihrem Verkäuferportal; er wird dann in Ihrem Fall vermerkt.'),
      heading('Unsere Richtlinie'),
      paragraph(POLICY),
      paragraph(
        `Wird die Schulung nicht bis zum ${facts.deadline} abgeschlossen oder setzt sich das Verhalten fort, sperren wir Ihr Verkäuferkonto.`,
      ),
      ...closing(facts),
    ],
  }),

  suspend: (facts) => ({
    subject: `Ihr Verkäuferkonto wurde gesperrt (Fall ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `wir haben Ihr Verkäuferkonto ${facts.sellerId} wegen Verstößen gegen unsere Richtlinie zur Kommunikation mit Käufern gesperrt. Festgestellt haben wir Folgendes:`,
      ),
      ...evidence(facts),
      heading('Unsere Richtlinie'),
      paragraph(POLICY),
      heading('Einspruch einlegen'),
      paragraph(
        `Wenn Sie die Wiederfreischaltung Ihres Kontos beantragen möchten, senden Sie bitte einen Maßnahmenplan an ${facts.appealAddress} und geben Sie die Fallnummer ${facts.caseId} an. Ihr Maßnahmenplan sollte Folgendes darlegen:`,
      ),
      list([
        'die Ursache: warum es zu diesen Kontaktaufnahmen gekommen ist;',
        'die Abhilfe: welche Maßnahmen Sie bereits ergriffen haben, um sie abzustellen;',
        'die Vorbeugung: wie Sie sicherstellen, dass es nicht erneut dazu kommt.',
      ]),
      paragraph('Wir prüfen jeden Maßnahmenplan und antworten Ihnen per E-Mail.'),
      ...closing(facts),
    ],
  }),

  reinstated: (facts) => ({
    subject: `Ihr Verkäuferkonto wurde wieder freigeschaltet (Fall ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `wir haben Ihren Maßnahmenplan geprüft und Ihr Verkäuferkonto ${facts.sellerId} wieder freigeschaltet. Vielen Dank für die Schritte, die Sie unternommen haben.`,
      ),
      paragraph('Zur Erinnerung: Der Fall betraf Folgendes:'),
      ...evidence(facts),
      paragraph(`Bitte halten Sie sich auch künftig an unsere Richtlinie: ${POLICY}`),
      paragraph('Bei einem erneuten Verstoß kann Ihr Konto wieder gesperrt werden.'),
      ...closing(facts),
    ],
  }),

  'appeal-rejected': (facts) => ({
    subject: `Ihr Einspruch wurde abgelehnt (Fall ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `wir haben Ihren Einspruch zum Verkäuferkonto ${facts.sellerId} geprüft und können Ihr Konto derzeit nicht wieder freischalten. Die Sperrung bleibt bestehen.`,
      ),
      paragraph('Der Fall betrifft Folgendes:'),
      ...evidence(facts),
      paragraph(
        'Ein Maßnahmenplan muss die Ursache, die bereits ergriffenen Abhilfemaßnahmen und die Vorkehrungen gegen eine ' +
          'Wiederholung darlegen und dabei auf jeden der oben genannten Punkte eingehen.',
      ),
      paragraph(
        facts.appealAddress
          ? `Sie können einen überarbeiteten Maßnahmenplan an ${facts.appealAddress} senden; bitte geben Sie dabei die Fallnummer ${facts.caseId} an.`
          : `Sie können einen überarbeiteten Maßnahmenplan über Ihr Verkäuferportal einreichen; bitte geben Sie dabei die Fallnummer ${facts.caseId} an.`,
      ),
      ...closing(facts),
    ],
  }),
};
