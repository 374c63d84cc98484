import type { Block, Facts, SellerCopy } from '../letter';
import { heading, link, list, paragraph } from '../letter';

const greeting = (facts: Facts) => paragraph(facts.sellerName ? `Gentile ${facts.sellerName},` : 'Buongiorno,');

const POLICY =
  'Contatti gli acquirenti esclusivamente tramite il servizio di messaggistica della piattaforma. Non chieda mai a un ' +
  'acquirente di rimuovere o modificare una recensione e non subordini mai rimborsi, omaggi o pagamenti a una recensione.';

/** The explanations come from our systems in English; say so rather than leave it unexplained. */
const evidence = (facts: Facts): Block[] => [
  list(facts.evidence),
  // Lines written in this language (from the case's signals) need no note that they are in English.
  ...(facts.localised ? [] : [paragraph('Questi elementi sono riportati così come sono stati registrati dai nostri sistemi, in inglese.')]),
];

const closing = (facts: Facts): Block[] => [
  paragraph('Cordiali saluti,\nIl team Fiducia e sicurezza'),
  paragraph(`Riferimento del caso: ${facts.caseId}\nAccount venditore: ${facts.sellerId}`),
];

/** Seller notices in Italian, in the formal register. */
export const it: SellerCopy = {
  locale: 'it-IT',

  warn: (facts) => ({
    subject: `Avvertimento: contatti con gli acquirenti in merito alle loro recensioni (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Abbiamo rilevato sul suo account venditore ${facts.sellerId} attività non conformi alle nostre norme sulla comunicazione con gli acquirenti.`,
      ),
      heading('Che cosa abbiamo rilevato'),
      ...evidence(facts),
      heading('Le nostre norme'),
      paragraph(POLICY),
      heading('Che cosa succede ora'),
      paragraph(
        'Non le è richiesta alcuna azione, se non quella di interrompere immediatamente questa pratica. Se dovessimo ' +
          'rilevarla di nuovo, le assegneremo un corso obbligatorio su queste norme; se dovesse proseguire anche in ' +
          'seguito, sospenderemo i suoi privilegi di vendita.',
      ),
      paragraph(
        `Se ritiene di aver ricevuto questo avvertimento per errore, contatti l’assistenza venditori dal suo portale venditore indicando il riferimento del caso ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),

  coach: (facts) => ({
    subject: `Azione richiesta: completi il corso entro il ${facts.deadline} (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Nonostante il nostro precedente avvertimento, abbiamo rilevato di nuovo sul suo account venditore ${facts.sellerId} attività non conformi alle nostre norme sulla comunicazione con gli acquirenti:`,
      ),
      ...evidence(facts),
      paragraph(
        `Le abbiamo quindi assegnato un corso obbligatorio sulla comunicazione con gli acquirenti e sulle recensioni. La preghiamo di completarlo entro il ${facts.deadline}:`,
      ),
      link('Vai al corso', facts.courseUrl),
      paragraph('Una volta terminato il corso, ne segnali il completamento dal suo portale venditore: verrà registrato nel suo caso.'),
      heading('Le nostre norme'),
      paragraph(POLICY),
      paragraph(
        `Se il corso non verrà completato entro il ${facts.deadline}, o se la pratica dovesse proseguire, sospenderemo i suoi privilegi di vendita.`,
      ),
      ...closing(facts),
    ],
  }),

  suspend: (facts) => ({
    subject: `I suoi privilegi di vendita sono stati sospesi (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Abbiamo sospeso i privilegi di vendita del suo account ${facts.sellerId} per violazioni delle nostre norme sulla comunicazione con gli acquirenti. Ecco che cosa abbiamo rilevato:`,
      ),
      ...evidence(facts),
      heading('Le nostre norme'),
      paragraph(POLICY),
      heading('Come presentare ricorso'),
      paragraph(
        `Per chiedere la riattivazione del suo account, invii un piano d’azione a ${facts.appealAddress} indicando il riferimento del caso ${facts.caseId}. Il piano d’azione deve spiegare:`,
      ),
      list([
        'la causa principale: perché sono avvenuti questi contatti con gli acquirenti;',
        'le correzioni: che cosa ha già fatto per porvi fine;',
        'la prevenzione: come eviterà che si ripetano.',
      ]),
      paragraph('Esaminiamo ogni piano d’azione e le risponderemo via e-mail.'),
      ...closing(facts),
    ],
  }),

  reinstated: (facts) => ({
    subject: `I suoi privilegi di vendita sono stati riattivati (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Dopo aver esaminato il suo piano d’azione, abbiamo riattivato i privilegi di vendita del suo account ${facts.sellerId}. La ringraziamo per le misure che ha adottato.`,
      ),
      paragraph('Per promemoria, il caso riguardava quanto segue:'),
      ...evidence(facts),
      paragraph(`La invitiamo a continuare a rispettare le nostre norme: ${POLICY}`),
      paragraph('Un’ulteriore violazione potrebbe comportare una nuova sospensione.'),
      ...closing(facts),
    ],
  }),

  'appeal-rejected': (facts) => ({
    subject: `Il suo ricorso non è stato accolto (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Abbiamo esaminato il suo ricorso relativo all’account ${facts.sellerId} e al momento non possiamo riattivare i suoi privilegi di vendita. La sospensione resta in vigore.`,
      ),
      paragraph('Il caso riguarda quanto segue:'),
      ...evidence(facts),
      paragraph(
        'Un piano d’azione deve illustrare la causa principale, le correzioni già apportate e il modo in cui eviterà che ' +
          'il problema si ripeta, rispondendo a ciascuno dei punti sopra indicati.',
      ),
      paragraph(
        facts.appealAddress
          ? `Può inviare un piano d’azione rivisto a ${facts.appealAddress} indicando il riferimento del caso ${facts.caseId}.`
          : `Può presentare un piano d’azione rivisto dal suo portale venditore indicando il riferimento del caso ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),
};
