/**
 * The facts behind a decision, in words a seller can check against their own records: what was
 * seen and when, one line per signal on the case. They name no buyer, quote no message and carry
 * no hash: they go into the public statement of reasons (docs/dsa.md, "decision_facts") and, in
 * the seller's language, into the seller's notice. Pure: derived from the case's signals alone.
 */
import type { CaseSignal } from '../cases/case-schema';
import type { Language } from '../notices/languages';

type Phrase = (signal: CaseSignal, day: string) => string;

interface FactsCopy {
  readonly label: Readonly<Record<string, string>>;
  readonly 'seller-message': (day: string, what: string) => string;
  readonly 'targeted-lookup': (day: string, orders: string) => string;
  readonly 'lookup-then-flip': (day: string) => string;
  readonly 'unexplained-flips': (day: string, counted: string) => string;
  readonly 'buyer-complaint': (day: string, channel: string) => string;
  readonly ring: (day: string, others: string) => string;
  readonly channel: Readonly<Record<string, string>>;
}

const COPY: Record<Language, FactsCopy> = {
  en: {
    label: { review_manipulation: 'asked a buyer to remove or change a review, or tied money to it', off_platform_contact: 'moved a conversation with a buyer off the platform', intimidation: 'pressured or threatened a buyer' },
    'seller-message': (day, what) => `On ${day} a message from the account on the platform's messaging ${what}.`,
    'targeted-lookup': (day, orders) => `On ${day} the account downloaded a report with buyer data covering ${orders} that had just received a negative review.`,
    'lookup-then-flip': (day) => `On ${day} a negative review was removed or raised after the account had downloaded a report with that buyer's data, with no message on the platform in between.`,
    'unexplained-flips': (day, counted) => `By ${day}, ${counted} negative reviews of the account were removed or raised with no message on the platform in between, far more than the platform's base rate.`,
    'buyer-complaint': (day, channel) => `On ${day} a buyer reported being contacted by the seller ${channel} outside the platform.`,
    ring: (day, others) => `On ${day} the account was found to share a contact handle or a look-up app with ${others} other seller accounts.`,
    channel: { email: 'by e-mail', phone: 'by phone', sms: 'by text message', social: 'on social media', other: 'by another channel' },
  },
  fr: {
    label: { review_manipulation: 'demandait à un acheteur de retirer ou de modifier un avis, ou liait de l’argent à un avis', off_platform_contact: 'déplaçait une conversation avec un acheteur hors de la plateforme', intimidation: 'faisait pression sur un acheteur ou le menaçait' },
    'seller-message': (day, what) => `Le ${day}, un message du compte sur la messagerie de la plateforme ${what}.`,
    'targeted-lookup': (day, orders) => `Le ${day}, le compte a téléchargé un rapport contenant des données d’acheteurs couvrant ${orders} venant de recevoir un avis négatif.`,
    'lookup-then-flip': (day) => `Le ${day}, un avis négatif a été retiré ou relevé après que le compte a téléchargé un rapport contenant les données de cet acheteur, sans message sur la plateforme entre-temps.`,
    'unexplained-flips': (day, counted) => `Au ${day}, ${counted} avis négatifs du compte ont été retirés ou relevés sans message sur la plateforme entre-temps, bien au-delà du taux habituel.`,
    'buyer-complaint': (day, channel) => `Le ${day}, un acheteur a signalé avoir été contacté par le vendeur ${channel} hors de la plateforme.`,
    ring: (day, others) => `Le ${day}, le compte partageait un moyen de contact ou une application de recherche avec ${others} autres comptes vendeurs.`,
    channel: { email: 'par e-mail', phone: 'par téléphone', sms: 'par SMS', social: 'sur les réseaux sociaux', other: 'par un autre moyen' },
  },
  de: {
    label: { review_manipulation: 'forderte einen Käufer auf, eine Bewertung zu entfernen oder zu ändern, oder verknüpfte Geld mit einer Bewertung', off_platform_contact: 'verlagerte ein Gespräch mit einem Käufer weg von der Plattform', intimidation: 'setzte einen Käufer unter Druck oder drohte ihm' },
    'seller-message': (day, what) => `Am ${day} ${what} eine Nachricht des Kontos über die Nachrichtenfunktion der Plattform.`,
    'targeted-lookup': (day, orders) => `Am ${day} lud das Konto einen Bericht mit Käuferdaten herunter, der ${orders} mit gerade erhaltener negativer Bewertung umfasste.`,
    'lookup-then-flip': (day) => `Am ${day} wurde eine negative Bewertung entfernt oder angehoben, nachdem das Konto einen Bericht mit den Daten dieses Käufers heruntergeladen hatte, ohne Nachricht über die Plattform dazwischen.`,
    'unexplained-flips': (day, counted) => `Bis zum ${day} wurden ${counted} negative Bewertungen des Kontos ohne Nachricht über die Plattform entfernt oder angehoben, weit mehr als üblich.`,
    'buyer-complaint': (day, channel) => `Am ${day} meldete ein Käufer, vom Verkäufer ${channel} außerhalb der Plattform kontaktiert worden zu sein.`,
    ring: (day, others) => `Am ${day} wurde festgestellt, dass das Konto einen Kontaktweg oder eine Abfrage-App mit ${others} anderen Verkäuferkonten teilt.`,
    channel: { email: 'per E-Mail', phone: 'per Telefon', sms: 'per SMS', social: 'über soziale Medien', other: 'auf anderem Weg' },
  },
  es: {
    label: { review_manipulation: 'pedía a un comprador retirar o cambiar una reseña, o vinculaba dinero a ella', off_platform_contact: 'llevaba una conversación con un comprador fuera de la plataforma', intimidation: 'presionaba o amenazaba a un comprador' },
    'seller-message': (day, what) => `El ${day}, un mensaje de la cuenta en la mensajería de la plataforma ${what}.`,
    'targeted-lookup': (day, orders) => `El ${day}, la cuenta descargó un informe con datos de compradores que cubría ${orders} que acababan de recibir una reseña negativa.`,
    'lookup-then-flip': (day) => `El ${day}, una reseña negativa fue retirada o mejorada después de que la cuenta descargara un informe con los datos de ese comprador, sin mensajes en la plataforma entre medias.`,
    'unexplained-flips': (day, counted) => `Hasta el ${day}, ${counted} reseñas negativas de la cuenta fueron retiradas o mejoradas sin mensajes en la plataforma, muy por encima de lo habitual.`,
    'buyer-complaint': (day, channel) => `El ${day}, un comprador informó de que el vendedor le contactó ${channel} fuera de la plataforma.`,
    ring: (day, others) => `El ${day} se comprobó que la cuenta comparte un medio de contacto o una aplicación de consulta con ${others} otras cuentas de vendedor.`,
    channel: { email: 'por correo electrónico', phone: 'por teléfono', sms: 'por SMS', social: 'en redes sociales', other: 'por otro medio' },
  },
  it: {
    label: { review_manipulation: 'chiedeva a un acquirente di rimuovere o modificare una recensione, o legava denaro a essa', off_platform_contact: 'spostava una conversazione con un acquirente fuori dalla piattaforma', intimidation: 'faceva pressione su un acquirente o lo minacciava' },
    'seller-message': (day, what) => `Il ${day}, un messaggio dell’account nella messaggistica della piattaforma ${what}.`,
    'targeted-lookup': (day, orders) => `Il ${day}, l’account ha scaricato un report con dati degli acquirenti che copriva ${orders} che avevano appena ricevuto una recensione negativa.`,
    'lookup-then-flip': (day) => `Il ${day}, una recensione negativa è stata rimossa o alzata dopo che l’account aveva scaricato un report con i dati di quell’acquirente, senza messaggi sulla piattaforma nel frattempo.`,
    'unexplained-flips': (day, counted) => `Al ${day}, ${counted} recensioni negative dell’account sono state rimosse o alzate senza messaggi sulla piattaforma, molto più del solito.`,
    'buyer-complaint': (day, channel) => `Il ${day}, un acquirente ha segnalato di essere stato contattato dal venditore ${channel} fuori dalla piattaforma.`,
    ring: (day, others) => `Il ${day} è emerso che l’account condivide un recapito o un’app di ricerca con ${others} altri account venditore.`,
    channel: { email: 'via e-mail', phone: 'per telefono', sms: 'via SMS', social: 'sui social network', other: 'con un altro mezzo' },
  },
};

const ORDERS: Record<Language, (n: string) => string> = {
  en: (n) => `${n} order${n === '1' ? '' : 's'}`,
  fr: (n) => `${n} commande${n === '1' ? '' : 's'}`,
  de: (n) => `${n} Bestellung${n === '1' ? '' : 'en'}`,
  es: (n) => `${n} pedido${n === '1' ? '' : 's'}`,
  it: (n) => `${n} ordin${n === '1' ? 'e' : 'i'}`,
};

/** The number a signal's recorded explanation states, by the rule's own wording (see detection/). */
const numberIn = (explanation: string, pattern: RegExp): string => pattern.exec(explanation)?.[1] ?? '?';

/** The rules that are evidence: a report outside the routine is context for the rules, not a fact of the decision. */
type FactRule = Exclude<CaseSignal['rule'], 'outside-routine-report'>;
const isFact = (signal: CaseSignal): signal is CaseSignal & { rule: FactRule } => signal.rule !== 'outside-routine-report';

function phrase(copy: FactsCopy, language: Language): Record<FactRule, Phrase> {
  return {
    'seller-message': (signal, day) => {
      const what = signal.tags.map((tag) => copy.label[tag]).filter((words) => words !== undefined);
      return copy['seller-message'](day, what.length > 0 ? what.join('; ') : (copy.label.off_platform_contact ?? ''));
    },
    'targeted-lookup': (signal, day) => copy['targeted-lookup'](day, ORDERS[language](numberIn(signal.explanation, /covers \d+ orders?, (\d+) of them negatively reviewed/))),
    'lookup-then-flip': (_signal, day) => copy['lookup-then-flip'](day),
    'unexplained-flips': (signal, day) => copy['unexplained-flips'](day, numberIn(signal.explanation, /^(\d+ of the \d+)/).replace(' of the ', '/')),
    'buyer-complaint': (signal, day) => copy['buyer-complaint'](day, copy.channel[numberIn(signal.explanation, /contact by (\w+) outside/)] ?? copy.channel.other ?? ''),
    ring: (signal, day) => copy.ring(day, numberIn(signal.explanation, /with (\d+) other seller/)),
  };
}

/** How many facts a statement lists: the earliest, which led to the decision, then a count of the rest. */
export const MAX_FACT_LINES = 12;

/** One line per signal, oldest first, in `language`; no ids, quotes or hashes. */
export function decisionFacts(signals: readonly CaseSignal[], language: Language = 'en'): string[] {
  const copy = COPY[language];
  const phrases = phrase(copy, language);
  const ordered = signals.filter(isFact).sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return ordered.slice(0, MAX_FACT_LINES).map((signal) => phrases[signal.rule](signal, signal.time.slice(0, 10)));
}
