/**
 * The statement of reasons (Art. 17 DSA) as a suspended seller's notice quotes it, in the notice's
 * language: the ground, the facts, whether automated means were used, and the redress available.
 * The statement itself is the Transparency Database's body (../dsa/transparency-database.ts).
 */
import type { CaseSignal } from '../cases/case-schema';
import { decisionFacts } from '../dsa/facts';
import type { StatementOfReasons } from '../dsa/transparency-database';
import type { Block } from './letter';
import { heading, list, paragraph } from './letter';
import type { Language } from './languages';

export interface NoticeStatement {
  readonly body: StatementOfReasons;
  /** The case's signals, for the facts in the notice's language. */
  readonly signals: readonly CaseSignal[];
}

interface SectionCopy {
  readonly heading: string;
  readonly reference: (puid: string) => string;
  readonly ground: string;
  readonly facts: string;
  readonly automated: (detection: boolean) => string;
  readonly redress: string;
}

const COPY: Record<Language, SectionCopy> = {
  en: {
    heading: 'Statement of reasons',
    reference: (puid) => `Reference of this statement: ${puid}. It is also published, without your name, in the EU's DSA Transparency Database.`,
    ground: 'Ground: your conduct is incompatible with our terms and conditions (the Seller Code of Conduct); we do not consider it illegal content.',
    facts: 'Facts relied on:',
    automated: (detection) => `${detection ? 'Automated means detected the conduct' : 'A buyer reported the conduct'}; a person reviewed and approved the suspension.`,
    redress: 'Redress: you may appeal through our internal complaint-handling system (the appeal address above); a person other than the one who approved the suspension will decide. You may also use an out-of-court dispute settlement body or the courts.',
  },
  fr: {
    heading: 'Exposé des motifs',
    reference: (puid) => `Référence de cet exposé : ${puid}. Il est aussi publié, sans votre nom, dans la base de données de transparence du DSA de l’UE.`,
    ground: 'Motif : votre comportement est incompatible avec nos conditions générales (le code de conduite des vendeurs) ; nous ne le considérons pas comme un contenu illicite.',
    facts: 'Faits retenus :',
    automated: (detection) => `${detection ? 'Des moyens automatisés ont détecté ce comportement' : 'Un acheteur a signalé ce comportement'} ; une personne a examiné et approuvé la suspension.`,
    redress: 'Recours : vous pouvez faire appel via notre système interne de traitement des réclamations (l’adresse ci-dessus) ; une autre personne que celle qui a approuvé la suspension décidera. Vous pouvez aussi saisir un organe de règlement extrajudiciaire des litiges ou les tribunaux.',
  },
  de: {
    heading: 'Begründung',
    reference: (puid) => `Referenz dieser Begründung: ${puid}. Sie wird ohne Ihren Namen auch in der DSA-Transparenzdatenbank der EU veröffentlicht.`,
    ground: 'Grund: Ihr Verhalten ist mit unseren Geschäftsbedingungen (dem Verhaltenskodex für Verkäufer) unvereinbar; wir stufen es nicht als rechtswidrige Inhalte ein.',
    facts: 'Zugrunde gelegte Tatsachen:',
    automated: (detection) => `${detection ? 'Automatisierte Mittel haben das Verhalten erkannt' : 'Ein Käufer hat das Verhalten gemeldet'}; eine Person hat die Sperrung geprüft und genehmigt.`,
    redress: 'Rechtsbehelf: Sie können über unser internes Beschwerdemanagement (die Adresse oben) Einspruch einlegen; eine andere Person als die, die die Sperrung genehmigt hat, entscheidet. Sie können auch eine außergerichtliche Streitbeilegungsstelle oder die Gerichte anrufen.',
  },
  es: {
    heading: 'Exposición de motivos',
    reference: (puid) => `Referencia de esta exposición: ${puid}. También se publica, sin su nombre, en la base de datos de transparencia de la DSA de la UE.`,
    ground: 'Motivo: su conducta es incompatible con nuestras condiciones (el código de conducta de vendedores); no la consideramos contenido ilícito.',
    facts: 'Hechos en que se basa:',
    automated: (detection) => `${detection ? 'Medios automatizados detectaron la conducta' : 'Un comprador informó de la conducta'}; una persona revisó y aprobó la suspensión.`,
    redress: 'Recurso: puede recurrir mediante nuestro sistema interno de reclamaciones (la dirección indicada arriba); decidirá una persona distinta de la que aprobó la suspensión. También puede acudir a un órgano de resolución extrajudicial de litigios o a los tribunales.',
  },
  it: {
    heading: 'Motivazione',
    reference: (puid) => `Riferimento di questa motivazione: ${puid}. È pubblicata anche, senza il suo nome, nella banca dati sulla trasparenza del DSA dell’UE.`,
    ground: 'Motivo: la sua condotta è incompatibile con i nostri termini e condizioni (il codice di condotta dei venditori); non la consideriamo un contenuto illegale.',
    facts: 'Fatti considerati:',
    automated: (detection) => `${detection ? 'Strumenti automatizzati hanno rilevato la condotta' : 'Un acquirente ha segnalato la condotta'}; una persona ha esaminato e approvato la sospensione.`,
    redress: 'Ricorso: può presentare ricorso tramite il nostro sistema interno di gestione dei reclami (l’indirizzo sopra); deciderà una persona diversa da quella che ha approvato la sospensione. Può anche rivolgersi a un organismo di risoluzione extragiudiziale delle controversie o ai tribunali.',
  },
};

/** The blocks a suspension notice adds for its statement of reasons. */
export function statementBlocks(statement: NoticeStatement, language: Language): Block[] {
  const copy = COPY[language];
  return [
    heading(copy.heading),
    paragraph(copy.reference(statement.body.puid)),
    paragraph(copy.ground),
    paragraph(copy.facts),
    list(decisionFacts(statement.signals, language)),
    paragraph(copy.automated(statement.body.automated_detection === 'Yes')),
    paragraph(copy.redress),
  ];
}
