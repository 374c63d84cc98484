/**
 * Message and review texts for the simulator, per intent and language (en, fr, de, es, it).
 * Templates are functions of a small context (product, shop, agent, amounts, tracking, handles) so
 * the same intent reads differently from message to message. No real personal data: buyer names are
 * never used, agents are seller staff first names, every domain and number is made up (or a carrier
 * or platform address, which are allowed).
 */
import type { Rng } from './prng';

export type Lang = 'en' | 'fr' | 'de' | 'es' | 'it';
export const LANGS: readonly Lang[] = ['en', 'fr', 'de', 'es', 'it'];

export interface TextContext {
  readonly lang: Lang;
  /** Product name in the seller's language, e.g. "desk lamp". */
  readonly product: string;
  readonly shop: string;
  /** Seller staff first name used in signatures. */
  readonly agent: string;
  /** Money amount already formatted for the marketplace, e.g. "$25" or "25 €". */
  readonly amount: string;
  /** A price with cents, formatted for the marketplace, e.g. "$24.99". */
  readonly price: string;
  readonly days: number;
  readonly tracking: string;
  readonly trackingUrl: string;
  readonly orderId: string;
  /** An external (off-platform) site, possibly obfuscated, e.g. "lumahome-gifts [dot] com". */
  readonly site: string;
  /** An off-platform contact handle as written in the message (possibly obfuscated). */
  readonly handle: string;
  /** The platform's help link. */
  readonly helpUrl: string;
  /** "WhatsApp", "e-mail", ... as fits `handle`. */
  readonly channel: string;
}

type T = (c: TextContext) => string;
type Bank = Readonly<Record<Lang, readonly T[]>>;

// ---------------------------------------------------------------------------------------------
// Greetings and sign-offs (seller side), mixed in at random for variety.

const GREET: Bank = {
  en: [() => 'Hi,', () => 'Hello,', () => 'Hi there,', () => 'Good morning,', () => 'Dear customer,', (c) => `Hello from ${c.shop},`],
  fr: [() => 'Bonjour,', () => 'Bonjour à vous,', () => 'Chère cliente, cher client,', () => 'Bonsoir,'],
  de: [() => 'Hallo,', () => 'Guten Tag,', () => 'Liebe Kundin, lieber Kunde,', () => 'Moin,', () => 'Sehr geehrte Damen und Herren,'],
  es: [() => '¡Hola!', () => 'Hola,', () => 'Buenos días,', () => 'Estimado cliente:', () => 'Buenas tardes,'],
  it: [() => 'Salve,', () => 'Buongiorno,', () => 'Gentile cliente,', () => 'Ciao!', () => 'Buonasera,'],
};

const SIGN: Bank = {
  en: [(c) => `Best, ${c.agent}`, (c) => `Thanks, ${c.agent} @ ${c.shop}`, (c) => `The ${c.shop} team`, (c) => `Kind regards, ${c.agent}`, (c) => `Cheers, ${c.agent}`],
  fr: [(c) => `Cordialement, ${c.agent}`, (c) => `L’équipe ${c.shop}`, (c) => `Bien à vous, ${c.agent} (${c.shop})`, (c) => `Belle journée, ${c.agent}`],
  de: [(c) => `Viele Grüße, ${c.agent}`, (c) => `Ihr ${c.shop}-Team`, (c) => `Beste Grüße, ${c.agent} von ${c.shop}`, (c) => `Freundliche Grüße, ${c.agent}`],
  es: [(c) => `Un saludo, ${c.agent}`, (c) => `El equipo de ${c.shop}`, (c) => `Atentamente, ${c.agent}`, (c) => `Gracias, ${c.agent} (${c.shop})`],
  it: [(c) => `Cordiali saluti, ${c.agent}`, (c) => `Il team di ${c.shop}`, (c) => `Un saluto, ${c.agent}`, (c) => `Grazie, ${c.agent} - ${c.shop}`],
};

// ---------------------------------------------------------------------------------------------
// Honest seller messages.

/** The order has shipped (tracking numbers and carrier links: hard negatives for the classifier). */
const SHIPPED: Bank = {
  en: [
    (c) => `Your ${c.product} left our warehouse today. Tracking: ${c.trackingUrl}`,
    (c) => `Good news, order ${c.orderId} is on its way! Tracking number ${c.tracking}, usually ${c.days} business days.`,
    (c) => `Just letting you know the ${c.product} shipped this morning. You can follow it here: ${c.trackingUrl}`,
    (c) => `Your package is with the carrier (tracking ${c.tracking}). If it is not there within ${c.days + 2} days, reply in this thread and we will look into it.`,
  ],
  fr: [
    (c) => `Votre ${c.product} a quitté notre entrepôt aujourd’hui. Suivi du colis : ${c.trackingUrl}`,
    (c) => `Bonne nouvelle : la commande ${c.orderId} est en route. Numéro de suivi ${c.tracking}, comptez ${c.days} jours ouvrés.`,
    (c) => `Votre colis a été remis au transporteur ce matin. Vous pouvez le suivre ici : ${c.trackingUrl}`,
  ],
  de: [
    (c) => `Ihre Bestellung (${c.product}) wurde heute verschickt. Sendungsverfolgung: ${c.trackingUrl}`,
    (c) => `Die Bestellung ${c.orderId} ist unterwegs. Sendungsnummer ${c.tracking}, Zustellung in ca. ${c.days} Werktagen.`,
    (c) => `Ihr Paket ist heute an den Versanddienstleister übergeben worden: ${c.trackingUrl} Vielen Dank für Ihren Einkauf!`,
  ],
  es: [
    (c) => `Su ${c.product} ha salido hoy de nuestro almacén. Seguimiento: ${c.trackingUrl}`,
    (c) => `Su pedido ${c.orderId} ya está en camino. Número de seguimiento ${c.tracking}, unos ${c.days} días laborables.`,
    (c) => `Le informamos de que el paquete se entregó hoy a la agencia de transporte. Puede seguirlo aquí: ${c.trackingUrl}`,
  ],
  it: [
    (c) => `Il suo ordine (${c.product}) è partito oggi dal nostro magazzino. Tracking: ${c.trackingUrl}`,
    (c) => `L’ordine ${c.orderId} è in viaggio. Numero di spedizione ${c.tracking}, circa ${c.days} giorni lavorativi.`,
    (c) => `Il pacco è stato affidato al corriere stamattina. Può seguirlo qui: ${c.trackingUrl}`,
  ],
};

/** Buyer question and seller answer, in pairs. */
const QA: Readonly<Record<Lang, readonly (readonly [T, T])[]>> = {
  en: [
    [(c) => `Hi, does the ${c.product} come with batteries?`, (c) => `Hello! No batteries included, sorry. Any standard AA will do. Enjoy your ${c.product}!`],
    [() => 'Can I still change the delivery address?', (c) => `Hi, the order has not shipped yet, so you can edit the address on your order page (${c.helpUrl}). Let us know here if it does not work.`],
    [() => 'When will my order ship?', (c) => `It ships within 24 hours. Once it leaves, the tracking number ${c.tracking} will show up on your order page.`],
    [() => 'Is this dishwasher safe?', (c) => `Good question! We recommend hand washing the ${c.product} to keep it in good shape.`],
    [() => 'Do you have an invoice for my company?', (c) => `Of course. The invoice for order ${c.orderId} (${c.price}) can be downloaded from your order page: ${c.helpUrl}`],
    [() => 'Tracking shows delivered, but there is nothing at my door.', (c) => `So sorry! The driver may have scanned it a little early, that happens. Give it ${c.days} days; if it is still missing, tell us in this thread and a new one goes out the same day.`],
  ],
  fr: [
    [(c) => `Bonjour, ce modèle (${c.product}) est-il livré avec une notice en français ?`, () => 'Bonjour, oui, la notice est en français, anglais et allemand. Bonne journée !'],
    [() => 'Est-ce que je peux encore modifier l’adresse de livraison ?', (c) => `Bonjour, la commande n’est pas encore partie : vous pouvez modifier l’adresse depuis la page de commande (${c.helpUrl}).`],
    [() => 'Quand ma commande sera-t-elle expédiée ?', (c) => `Bonjour, elle part sous 24 h. Le numéro de suivi (${c.tracking}) apparaîtra ensuite sur votre page de commande.`],
    [() => 'Il me faudrait une facture au nom de mon entreprise.', (c) => `Bien sûr, la facture de la commande ${c.orderId} (${c.price}) est téléchargeable ici : ${c.helpUrl}`],
    [() => 'Le colis est indiqué livré mais je ne l’ai pas reçu.', (c) => `Désolés ! Le transporteur scanne parfois trop tôt. S’il n’est pas arrivé d’ici ${c.days} jours, répondez-nous ici et nous renverrons l’article.`],
  ],
  de: [
    [(c) => `Hallo, ist bei diesem Artikel (${c.product}) ein Netzteil dabei?`, () => 'Hallo, ja, das Netzteil ist im Lieferumfang enthalten. Viele Grüße!'],
    [() => 'Kann ich die Lieferadresse noch ändern?', (c) => `Guten Tag, die Bestellung ist noch nicht versendet. Sie können die Adresse auf der Bestellseite ändern: ${c.helpUrl}`],
    [() => 'Wann wird meine Bestellung verschickt?', (c) => `Hallo, der Versand erfolgt innerhalb von 24 Stunden. Die Sendungsnummer ${c.tracking} sehen Sie danach in Ihrer Bestellübersicht.`],
    [() => 'Ich brauche eine Rechnung mit ausgewiesener MwSt.', (c) => `Gerne. Die Rechnung zur Bestellung ${c.orderId} über ${c.price} finden Sie hier: ${c.helpUrl}`],
    [() => 'Ist das spülmaschinenfest?', (c) => `Gute Frage! Wir empfehlen, den Artikel (${c.product}) von Hand zu spülen, dann hält er länger.`],
  ],
  es: [
    [(c) => `Hola, ¿el artículo (${c.product}) viene con cargador?`, () => 'Hola, sí, el cargador viene incluido en la caja. ¡Un saludo!'],
    [() => '¿Puedo cambiar todavía la dirección de entrega?', (c) => `Hola, el pedido aún no ha salido. Puede cambiar la dirección en la página del pedido: ${c.helpUrl}`],
    [() => '¿Cuándo se envía mi pedido?', (c) => `Sale en 24 horas. Después verá el número de seguimiento ${c.tracking} en su página de pedidos.`],
    [() => 'Necesito factura a nombre de mi empresa.', (c) => `Claro, la factura del pedido ${c.orderId} (${c.price}) se descarga aquí: ${c.helpUrl}`],
    [() => 'Dice entregado pero no me ha llegado nada.', (c) => `¡Lo sentimos! A veces el transportista lo marca antes de tiempo. Si en ${c.days} días no ha llegado, escríbanos aquí y le enviamos otro.`],
  ],
  it: [
    [(c) => `Salve, l’articolo (${c.product}) ha la garanzia italiana?`, () => 'Buongiorno, sì, garanzia di due anni come da normativa europea. Saluti!'],
    [() => 'Posso ancora cambiare l’indirizzo di consegna?', (c) => `Buongiorno, l’ordine non è ancora partito: può modificare l’indirizzo dalla pagina dell’ordine (${c.helpUrl}).`],
    [() => 'Quando verrà spedito il mio ordine?', (c) => `Parte entro 24 ore. Il numero di tracking ${c.tracking} comparirà poi nella pagina dell’ordine.`],
    [() => 'Mi serve la fattura intestata alla mia ditta.', (c) => `Certo, la fattura dell’ordine ${c.orderId} (${c.price}) si scarica qui: ${c.helpUrl}`],
    [() => 'Risulta consegnato ma non ho ricevuto niente.', (c) => `Ci dispiace! A volte il corriere registra la consegna in anticipo. Se entro ${c.days} giorni non arriva, ci scriva qui e lo rispediamo.`],
  ],
};

/** After delivery: thanks, help offer, and the honest-review line (a hard negative). */
const FOLLOWUP: Bank = {
  en: [
    (c) => `Your ${c.product} should have arrived by now. If anything is not right, just reply here and we will sort it out.`,
    () => 'Thanks for shopping with us! If you have a minute, we would value your honest review, good or bad. It helps other buyers.',
    (c) => `Thank you for order ${c.orderId}. Instructions for the ${c.product} are also on our product page. Questions? Reply right here.`,
    () => 'Hope everything arrived safely. We keep all communication here on the platform, so this thread is the best place to reach us.',
  ],
  fr: [
    (c) => `Votre ${c.product} a dû arriver. Si quelque chose ne va pas, répondez simplement ici et nous trouverons une solution.`,
    () => 'Merci pour votre commande ! Si vous avez un moment, votre avis sincère, positif ou non, aide les autres acheteurs.',
    (c) => `Merci pour la commande ${c.orderId}. Le mode d’emploi (${c.product}) est aussi sur la fiche produit. Une question ? Écrivez-nous ici.`,
  ],
  de: [
    (c) => `Ihre Bestellung (${c.product}) sollte inzwischen angekommen sein. Falls etwas nicht stimmt, antworten Sie einfach hier.`,
    () => 'Danke für Ihren Einkauf! Wenn Sie Zeit haben, freuen wir uns über Ihre ehrliche Meinung, ob gut oder schlecht.',
    (c) => `Vielen Dank für die Bestellung ${c.orderId}. Die Anleitung (${c.product}) finden Sie auch auf der Produktseite. Fragen gerne hier im Chat.`,
  ],
  es: [
    (c) => `Su ${c.product} ya debería haber llegado. Si algo no está bien, responda aquí y lo solucionamos.`,
    () => '¡Gracias por su compra! Si tiene un momento, su opinión sincera, buena o mala, ayuda a otros compradores.',
    (c) => `Gracias por el pedido ${c.orderId}. Las instrucciones de su ${c.product} están también en la ficha del producto. ¿Dudas? Escríbanos aquí.`,
  ],
  it: [
    (c) => `Il suo ordine (${c.product}) dovrebbe essere arrivato. Se qualcosa non va, risponda pure qui e lo sistemiamo.`,
    () => 'Grazie per l’acquisto! Se ha un minuto, la sua opinione sincera, positiva o negativa, aiuta gli altri acquirenti.',
    (c) => `Grazie per l’ordine ${c.orderId}. Le istruzioni dell’articolo (${c.product}) sono anche nella scheda prodotto. Domande? Scriva qui.`,
  ],
};

/** Help after a problem (a negative review): replacement, troubleshooting, return label. Never mentions the review. */
const HELP: Bank = {
  en: [
    (c) => `We are sorry the ${c.product} let you down. A replacement is on its way at no cost (tracking ${c.tracking}); no need to send the old one back.`,
    (c) => `Sorry to hear about the problem. Could you try holding the power button for ${c.days + 5} seconds? That resets it. If it still fails, reply here and we will replace it.`,
    (c) => `Apologies for the trouble with order ${c.orderId}. We have added a free return label to your order page (${c.helpUrl}) and will send a new unit as soon as it is scanned.`,
    (c) => `That should not happen with the ${c.product}. We checked the batch and sent you a new one from a different lot today.`,
  ],
  fr: [
    (c) => `Nous sommes désolés de vous avoir déçu avec votre ${c.product}. Un remplacement gratuit est en route (suivi ${c.tracking}), inutile de renvoyer l’ancien.`,
    (c) => `Désolés pour ce souci. Pouvez-vous maintenir le bouton marche ${c.days + 5} secondes ? Cela réinitialise l’appareil. Sinon, répondez ici et nous l’échangeons.`,
    (c) => `Toutes nos excuses pour la commande ${c.orderId}. Une étiquette de retour gratuite est disponible sur votre page de commande (${c.helpUrl}) ; nous expédions le neuf dès réception du scan.`,
  ],
  de: [
    (c) => `Es tut uns leid, dass der Artikel (${c.product}) nicht funktioniert. Ein kostenloser Ersatz ist unterwegs (Sendungsnummer ${c.tracking}), das alte Gerät müssen Sie nicht zurückschicken.`,
    (c) => `Entschuldigen Sie die Umstände. Bitte halten Sie die Einschalttaste ${c.days + 5} Sekunden gedrückt, das setzt das Gerät zurück. Falls das nicht hilft, schreiben Sie uns hier.`,
    (c) => `Das tut uns leid. Für die Bestellung ${c.orderId} liegt ein kostenloses Rücksendeetikett auf Ihrer Bestellseite (${c.helpUrl}); Ersatz geht sofort nach dem Scan raus.`,
  ],
  es: [
    (c) => `Sentimos que su ${c.product} le haya fallado. Le enviamos uno nuevo sin coste (seguimiento ${c.tracking}); no hace falta devolver el anterior.`,
    (c) => `Lamentamos el problema. ¿Puede mantener pulsado el botón de encendido ${c.days + 5} segundos? Así se reinicia. Si sigue igual, respóndanos aquí y se lo cambiamos.`,
    (c) => `Disculpe las molestias con el pedido ${c.orderId}. Tiene una etiqueta de devolución gratuita en la página del pedido (${c.helpUrl}) y enviaremos el nuevo en cuanto se escanee.`,
  ],
  it: [
    (c) => `Ci dispiace che l’articolo (${c.product}) l’abbia delusa. Le abbiamo spedito un sostituto gratuito (tracking ${c.tracking}), non serve restituire quello vecchio.`,
    (c) => `Ci scusi per il problema. Può tenere premuto il tasto di accensione per ${c.days + 5} secondi? Così si resetta. Se non basta, ci risponda qui e lo sostituiamo.`,
    (c) => `Ci scusiamo per l’ordine ${c.orderId}. Trova un’etichetta di reso gratuita nella pagina dell’ordine (${c.helpUrl}); spediamo il nuovo appena viene scansionata.`,
  ],
};

/** An unconditional refund (honest refunders). */
const REFUND: Bank = {
  en: [
    (c) => `We are sorry the ${c.product} did not work out. We have refunded you in full (${c.price}), no need to return it.`,
    () => 'Apologies for the disappointment. A full refund has been issued today; please keep the item or donate it.',
    (c) => `Sorry about order ${c.orderId}. The refund is on its way to your original payment method and should show within ${c.days} days. No return needed.`,
  ],
  fr: [
    (c) => `Nous sommes désolés que votre ${c.product} ne convienne pas. Nous vous avons remboursé intégralement (${c.price}), inutile de le renvoyer.`,
    () => 'Vraiment navrés. Nous venons de vous rembourser la totalité de la commande ; gardez l’article, il est à vous.',
    (c) => `Désolés pour la commande ${c.orderId}. Le remboursement arrivera sur votre moyen de paiement d’ici ${c.days} jours. Aucun retour n’est nécessaire.`,
  ],
  de: [
    (c) => `Es tut uns leid, dass der Artikel (${c.product}) nicht passt. Wir haben Ihnen den vollen Betrag (${c.price}) erstattet, eine Rücksendung ist nicht nötig.`,
    () => 'Entschuldigung für den Ärger. Die volle Erstattung ist heute raus, den Artikel können Sie behalten.',
    (c) => `Zur Bestellung ${c.orderId}: Die Erstattung ist veranlasst und sollte in ${c.days} Tagen auf Ihrem Konto sein. Bitte nichts zurückschicken.`,
  ],
  es: [
    (c) => `Sentimos que su ${c.product} no le haya convencido. Le hemos reembolsado el importe completo (${c.price}); no hace falta devolverlo.`,
    () => 'Disculpe las molestias. Hoy hemos emitido el reembolso completo; puede quedarse con el artículo.',
    (c) => `Sobre el pedido ${c.orderId}: el reembolso llegará a su método de pago en ${c.days} días. No necesita devolver nada.`,
  ],
  it: [
    (c) => `Ci dispiace che l’articolo (${c.product}) non l’abbia soddisfatta. L’abbiamo rimborsata per intero (${c.price}), non serve restituirlo.`,
    () => 'Ci scusiamo per l’inconveniente. Il rimborso completo è stato emesso oggi; può tenere l’articolo.',
    (c) => `Per l’ordine ${c.orderId}: il rimborso arriverà sul suo metodo di pagamento entro ${c.days} giorni. Nessun reso necessario.`,
  ],
};

/**
 * On-platform resolvers: help, a replacement or a refund through the platform, often naming the
 * review they answer, never asking for it to change (hard negatives for the classifier).
 */
const RESOLVE: Bank = {
  en: [
    (c) => `We saw your review and we are sorry the ${c.product} arrived like that. A replacement ships today through the marketplace (tracking ${c.tracking}); no need to send the old one back.`,
    (c) => `Thank you for the honest feedback about the ${c.product}. We have refunded order ${c.orderId} in full through the marketplace; it shows on your order page within ${c.days} days.`,
    (c) => `Sorry to read that the ${c.product} stopped working. Most of the time a reset fixes it: hold the power button for ${c.days + 5} seconds. If it does not, reply here and we will send a new one the same day.`,
    (c) => `We are sorry about the trouble with order ${c.orderId}. A prepaid return label is on your order page (${c.helpUrl}), and the replacement has already shipped so you are not left waiting.`,
    (c) => `Your comment about the ${c.product} helped us find a faulty batch. A new unit from a different lot is on its way (tracking ${c.tracking}).`,
    (c) => `Whatever you decide about your review is up to you; we just want the ${c.product} to work. A replacement is on its way (tracking ${c.tracking}).`,
    (c) => `No need to change anything you wrote: we refunded order ${c.orderId} in full through the marketplace because the ${c.product} should not have failed.`,
  ],
  fr: [
    (c) => `Nous avons lu votre avis et sommes désolés que votre ${c.product} soit arrivé ainsi. Un remplacement part aujourd’hui via la plateforme (suivi ${c.tracking}), inutile de renvoyer l’ancien.`,
    (c) => `Merci pour votre retour sincère. La commande ${c.orderId} vous a été remboursée intégralement via la plateforme ; comptez ${c.days} jours.`,
    (c) => `Désolés d’apprendre que votre ${c.product} ne fonctionne plus. Maintenez le bouton marche ${c.days + 5} secondes pour le réinitialiser ; sinon, répondez ici et nous l’échangeons le jour même.`,
    (c) => `Votre avis vous appartient, nous voulons simplement que votre ${c.product} fonctionne. Un remplacement est en route (suivi ${c.tracking}).`,
  ],
  de: [
    (c) => `Wir haben Ihre Bewertung gelesen und bedauern, dass der Artikel (${c.product}) so angekommen ist. Ersatz geht heute über die Plattform raus (Sendungsnummer ${c.tracking}), das alte Gerät müssen Sie nicht zurückschicken.`,
    (c) => `Danke für Ihr ehrliches Feedback. Die Bestellung ${c.orderId} haben wir Ihnen über die Plattform vollständig erstattet; das dauert etwa ${c.days} Tage.`,
    (c) => `Schade, dass der Artikel (${c.product}) nicht mehr funktioniert. Meist hilft ein Reset: Einschalttaste ${c.days + 5} Sekunden gedrückt halten. Sonst schreiben Sie uns hier, dann kommt noch heute ein neues Gerät.`,
    (c) => `Ihre Bewertung bleibt selbstverständlich Ihre Sache; uns geht es nur darum, dass der Artikel (${c.product}) funktioniert. Ersatz ist unterwegs (Sendungsnummer ${c.tracking}).`,
  ],
  es: [
    (c) => `Hemos leído su reseña y sentimos que su ${c.product} llegara así. Hoy le enviamos uno nuevo a través de la plataforma (seguimiento ${c.tracking}); no hace falta devolver el anterior.`,
    (c) => `Gracias por su opinión sincera. Le hemos reembolsado el pedido ${c.orderId} completo a través de la plataforma; tardará unos ${c.days} días.`,
    (c) => `Sentimos que su ${c.product} haya dejado de funcionar. Suele bastar con mantener pulsado el botón de encendido ${c.days + 5} segundos; si no, respóndanos aquí y le enviamos otro hoy mismo.`,
    (c) => `Lo que decida sobre su reseña es cosa suya; solo queremos que su ${c.product} funcione. Le enviamos uno nuevo (seguimiento ${c.tracking}).`,
  ],
  it: [
    (c) => `Abbiamo letto la sua recensione e ci dispiace che l’articolo (${c.product}) sia arrivato così. Il sostituto parte oggi tramite la piattaforma (tracking ${c.tracking}); non serve restituire quello vecchio.`,
    (c) => `Grazie per il suo riscontro sincero. L’ordine ${c.orderId} è stato rimborsato per intero tramite la piattaforma; servono circa ${c.days} giorni.`,
    (c) => `Ci dispiace che l’articolo (${c.product}) abbia smesso di funzionare. Di solito basta tenere premuto il tasto di accensione per ${c.days + 5} secondi; altrimenti ci risponda qui e lo sostituiamo in giornata.`,
    (c) => `La recensione resta una sua scelta; a noi interessa solo che l’articolo (${c.product}) funzioni. Il sostituto è in viaggio (tracking ${c.tracking}).`,
  ],
};

/** On-platform resolvers: checking that the fix worked. */
const RESOLVE_FOLLOWUP: Bank = {
  en: [
    (c) => `Just checking in: the replacement for order ${c.orderId} shows as delivered. Is everything working now? We are here if not.`,
    (c) => `The refund for order ${c.orderId} has been processed on our side. Let us know in this thread if anything else is missing.`,
  ],
  fr: [(c) => `Petit suivi : le remplacement de la commande ${c.orderId} est indiqué livré. Tout fonctionne ? Nous restons disponibles ici.`],
  de: [(c) => `Kurze Nachfrage: Der Ersatz zur Bestellung ${c.orderId} ist laut Sendungsverfolgung zugestellt. Funktioniert jetzt alles? Wir sind hier, falls nicht.`],
  es: [(c) => `Un pequeño seguimiento: el repuesto del pedido ${c.orderId} figura como entregado. ¿Funciona todo bien? Seguimos aquí si no.`],
  it: [(c) => `Un breve controllo: il sostituto dell’ordine ${c.orderId} risulta consegnato. Funziona tutto? Siamo qui se serve.`],
};

/** A buyer asks to move off the platform; the seller keeps it here (hard negative). */
const KEEP_HERE: Bank = {
  en: [
    () => 'Photos are welcome, just add them to this conversation. Everything stays on the marketplace, so we never need your private e-mail address.',
    () => 'No need to share your phone number, we can handle everything in this chat. Just send the photos here.',
  ],
  fr: [() => 'Merci de joindre les photos directement ici. Nous gardons tous les échanges sur la plateforme et ne demandons jamais votre e-mail personnel.'],
  de: [() => 'Bitte hängen Sie die Fotos direkt hier an. Wir bleiben mit allem auf der Plattform und fragen nie nach Ihrer privaten E-Mail.'],
  es: [() => 'Por favor, adjunte las fotos aquí mismo. Mantenemos toda la comunicación en la plataforma y nunca le pediremos su correo personal.'],
  it: [() => 'Alleghi pure le foto qui. Teniamo tutte le comunicazioni sulla piattaforma e non le chiederemo mai l’e-mail personale.'],
};

// ---------------------------------------------------------------------------------------------
// Buyer messages.

const BUYER_THANKS: Bank = {
  en: [() => 'Thank you, that was quick!', () => 'Great, thanks.', () => 'Appreciate it, thank you.', () => 'Got it, thanks a lot.'],
  fr: [() => 'Merci beaucoup !', () => 'Super, merci.', () => 'Bien reçu, merci pour la réactivité.'],
  de: [() => 'Vielen Dank!', () => 'Super, danke.', () => 'Danke für die schnelle Antwort.'],
  es: [() => '¡Muchas gracias!', () => 'Perfecto, gracias.', () => 'Gracias por la rapidez.'],
  it: [() => 'Grazie mille!', () => 'Perfetto, grazie.', () => 'Grazie per la rapidità.'],
};

const BUYER_ISSUE: Bank = {
  en: [(c) => `The ${c.product} stopped working after ${c.days} days.`, () => 'One part is missing from the box.', (c) => `The ${c.product} arrived scratched. Can I send photos?`],
  fr: [(c) => `L’article (${c.product}) est tombé en panne après ${c.days} jours.`, () => 'Il manque une pièce dans le carton.', (c) => `L’article (${c.product}) est arrivé rayé. Je peux envoyer des photos ?`],
  de: [(c) => `Der Artikel (${c.product}) funktioniert nach ${c.days} Tagen nicht mehr.`, () => 'Im Karton fehlt ein Teil.', (c) => `Der Artikel (${c.product}) kam zerkratzt an. Kann ich Fotos schicken?`],
  es: [(c) => `Mi ${c.product} dejó de funcionar a los ${c.days} días.`, () => 'Falta una pieza en la caja.', (c) => `El artículo (${c.product}) llegó rayado. ¿Puedo mandar fotos?`],
  it: [(c) => `L’articolo (${c.product}) ha smesso di funzionare dopo ${c.days} giorni.`, () => 'Manca un pezzo nella scatola.', (c) => `L’articolo (${c.product}) è arrivato graffiato. Posso mandare delle foto?`],
};

const BUYER_REFUSE: Bank = {
  en: [() => 'No thanks. My review stays as it is.', () => 'I do not think that is appropriate.', () => 'Please stop messaging me about this.'],
  fr: [() => 'Non merci, mon avis reste tel quel.', () => 'Je ne trouve pas ça correct.', () => 'Merci d’arrêter de m’écrire à ce sujet.'],
  de: [() => 'Kein Interesse, an meiner Rezension ändere ich nichts.', () => 'Das ist unseriös.', () => 'Bitte schreiben Sie mir dazu nicht mehr.'],
  es: [() => 'No, gracias. Mi opinión se queda como está.', () => 'No me parece correcto.', () => 'Por favor, dejen de escribirme sobre esto.'],
  it: [() => 'No grazie, la mia recensione resta così.', () => 'Non mi sembra corretto.', () => 'Per favore smettete di scrivermi per questo.'],
};

const BUYER_ACCEPT: Bank = {
  en: [() => 'Okay, done.', () => 'I changed it. Please send the refund now.', () => 'Fine, it is updated.'],
  fr: [() => 'D’accord, c’est fait.', () => 'C’est modifié, merci d’envoyer le remboursement.'],
  de: [() => 'Okay, erledigt.', () => 'Habe es geändert. Bitte jetzt erstatten.'],
  es: [() => 'Vale, hecho.', () => 'Ya lo he cambiado. Envíen el reembolso, por favor.'],
  it: [() => 'Va bene, fatto.', () => 'L’ho modificata. Mandate il rimborso, per favore.'],
};

// ---------------------------------------------------------------------------------------------
// Violations.

/** A refund, gift card or discount tied to removing or changing the review. */
const SOLICIT: Bank = {
  en: [
    (c) => `We are sorry the ${c.product} disappointed you. We would be happy to refund you in full if you could remove your review.`,
    (c) => `To make it up to you, there is a ${c.amount} gift card waiting as soon as the rating shows 5 stars. Drop us a line here once it is updated!`,
    () => 'Our small shop depends on every rating. Would you consider deleting the 1-star review? We will refund the whole order straight away.',
    (c) => `We can offer you ${c.amount} back if you change your feedback to something more positive.`,
    (c) => `Could you please take down the negative review about the ${c.product}? In exchange we will send a free replacement and a ${c.amount} voucher.`,
  ],
  fr: [
    (c) => `Nous sommes désolés pour votre ${c.product}. Nous vous remboursons intégralement si vous acceptez de supprimer votre avis.`,
    (c) => `Pour nous excuser, nous vous offrons une carte cadeau de ${c.amount} dès que votre note passe à 5 étoiles. Prévenez-nous ici !`,
    () => 'Notre petite boutique dépend de chaque note. Pourriez-vous retirer votre avis négatif ? Nous remboursons la commande aussitôt.',
    (c) => `Nous pouvons vous rembourser ${c.amount} si vous modifiez votre commentaire de façon plus positive.`,
  ],
  de: [
    (c) => `Es tut uns leid wegen des Artikels (${c.product}). Wenn Sie die Rezension herausnehmen, bekommen Sie von uns den kompletten Betrag zurück.`,
    (c) => `Kleines Dankeschön von uns: ein Gutschein über ${c.amount}, sobald Ihre Bewertung 5 Sterne zeigt.`,
    () => 'Unser kleiner Shop lebt von Bewertungen. Könnten Sie die negative Bewertung entfernen? Die Erstattung erfolgt dann sofort.',
    (c) => `Wir bieten Ihnen ${c.amount} Rabatt auf die nächste Bestellung, wenn Sie Ihre Bewertung anpassen.`,
  ],
  es: [
    (c) => `Sentimos lo de su ${c.product}. Le devolvemos el importe completo si elimina su valoración.`,
    (c) => `Como disculpa, le enviamos una tarjeta regalo de ${c.amount} en cuanto cambie su opinión a 5 estrellas. ¡Avísenos aquí!`,
    () => 'Nuestra pequeña tienda depende de cada valoración. ¿Podría borrar la reseña negativa? Le reembolsamos el pedido enseguida.',
    (c) => `Podemos devolverle ${c.amount} si modifica su reseña a algo más positivo.`,
  ],
  it: [
    (c) => `Ci dispiace per l’articolo (${c.product}). La rimborsiamo per intero se rimuove la sua recensione.`,
    (c) => `Per scusarci le inviamo un buono regalo da ${c.amount} appena aggiorna la valutazione a 5 stelle. Ci avvisi qui!`,
    () => 'Il nostro piccolo negozio vive di recensioni. Potrebbe cancellare la recensione negativa? Rimborsiamo subito l’ordine.',
    (c) => `Possiamo restituirle ${c.amount} se modifica il suo feedback in modo più positivo.`,
  ],
};

/** Pressure or threats after a refusal or silence. */
const PRESSURE: Bank = {
  en: [
    () => 'You will hear from us every day until that rating changes. We need this sorted by Friday.',
    () => 'Your review is damaging our business. If it is not removed this week we will have to consider legal action.',
    (c) => `This is our ${c.days > 3 ? 'third' : 'second'} message. We expect an answer about your review.`,
  ],
  fr: [
    () => 'Nous continuerons à vous écrire tant que l’avis ne sera pas modifié. Merci de régler cela avant vendredi.',
    () => 'Votre avis nuit à notre entreprise. S’il n’est pas retiré cette semaine, nous envisagerons une action en justice.',
  ],
  de: [
    () => 'Wir melden uns jeden Tag wieder, bis Ihre Bewertung angepasst ist. Spätestens Freitag muss das erledigt sein.',
    () => 'Ihre Bewertung schadet unserem Geschäft. Wenn sie diese Woche nicht entfernt wird, schalten wir unseren Anwalt ein.',
  ],
  es: [
    () => 'Seguiremos escribiéndole hasta que cambie la reseña. Por favor, resuélvalo antes del viernes.',
    () => 'Su reseña perjudica a nuestro negocio. Si no la retira esta semana, tomaremos medidas legales.',
  ],
  it: [
    () => 'Continueremo a scriverle finché la recensione non sarà modificata. La preghiamo di farlo entro venerdì.',
    () => 'La sua recensione danneggia la nostra attività. Se non viene rimossa questa settimana procederemo per vie legali.',
  ],
};

/** The "free gift / warranty" funnel: an external form asking for the order number and e-mail. */
const GIFT_FUNNEL: Bank = {
  en: [
    (c) => `Thank you for buying the ${c.product}! Claim your FREE gift: register your warranty at ${c.site} with your order number and e-mail.`,
    (c) => `Your 2-year warranty is not active yet. Activate it in 30 seconds at ${c.site} (order # + best email address) and get a bonus gift.`,
    (c) => `As a thank-you we would like to ship you a free accessory. Fill in the short form at ${c.site}: order number, e-mail and shipping address.`,
  ],
  fr: [
    (c) => `Merci pour votre achat ! Recevez un cadeau GRATUIT : enregistrez votre garantie sur ${c.site} avec votre numéro de commande et votre e-mail.`,
    (c) => `Votre garantie de 2 ans n’est pas encore activée. Activez-la sur ${c.site} (numéro de commande + adresse e-mail) et recevez un cadeau.`,
  ],
  de: [
    (c) => `Danke für Ihren Kauf! Sichern Sie sich ein GRATIS-Geschenk: Garantie auf ${c.site} mit Bestellnummer und E-Mail-Adresse registrieren.`,
    (c) => `Ihre 2-Jahres-Garantie ist noch nicht aktiv. Aktivieren Sie sie auf ${c.site} (Bestellnummer und E-Mail) und erhalten Sie ein Geschenk.`,
  ],
  es: [
    (c) => `¡Gracias por su compra! Consiga un regalo GRATIS: registre su garantía en ${c.site} con su número de pedido y su e-mail.`,
    (c) => `Su garantía de 2 años aún no está activa. Actívela en ${c.site} (número de pedido y correo electrónico) y reciba un regalo.`,
  ],
  it: [
    (c) => `Grazie per l’acquisto! Ricevi un regalo GRATIS: registra la garanzia su ${c.site} con il numero d’ordine e la tua e-mail.`,
    (c) => `La garanzia di 2 anni non è ancora attiva. Attivala su ${c.site} (numero d’ordine + indirizzo e-mail) e ricevi un omaggio.`,
  ],
};

/** An off-platform contact channel (e-mail, WhatsApp, Telegram), often obfuscated. */
const HANDLE_CONTACT: Bank = {
  en: [
    (c) => `Sorry for the trouble with the ${c.product}. To sort it out faster please write to us at ${c.handle}.`,
    (c) => `Our customer care team can help you directly on ${c.channel}: ${c.handle}`,
    (c) => `We have a special solution for you. Contact us at ${c.handle} and mention order ${c.orderId}.`,
  ],
  fr: [
    (c) => `Désolés pour votre ${c.product}. Pour aller plus vite, écrivez-nous à ${c.handle}.`,
    (c) => `Notre service client peut vous aider directement sur ${c.channel} : ${c.handle}`,
  ],
  de: [
    (c) => `Entschuldigung wegen des Artikels (${c.product}). Am schnellsten geht es, wenn Sie uns unter ${c.handle} schreiben.`,
    (c) => `Unser Kundenservice hilft Ihnen direkt per ${c.channel}: ${c.handle}`,
  ],
  es: [
    (c) => `Sentimos lo de su ${c.product}. Para resolverlo antes escríbanos a ${c.handle}.`,
    (c) => `Nuestro servicio de atención al cliente le ayuda directamente por ${c.channel}: ${c.handle}`,
  ],
  it: [
    (c) => `Ci dispiace per l’articolo (${c.product}). Per risolvere prima ci scriva a ${c.handle}.`,
    (c) => `Il nostro servizio clienti la aiuta direttamente su ${c.channel}: ${c.handle}`,
  ],
};

/**
 * Soliciting in euphemisms: money or a replacement, and a hint that the review should follow,
 * without the words a plain request uses ("remove", "change", "5 stars").
 */
const EUPHEMISM: Bank = {
  en: [
    (c) => `We have sent a full refund for the ${c.product}. If you feel the way we handled it changes things, we would be grateful if your feedback could reflect your updated experience.`,
    () => 'A replacement is on its way. Once it arrives, maybe your stars could tell the whole story? It would mean a lot to a small shop like ours.',
    (c) => `We would love to make this right: ${c.amount} back to your card today. When you have a moment, perhaps revisit what you wrote on the product page.`,
    () => 'Happy to refund you in full. All we ask is that the page shows how things ended up, not just how they started.',
    (c) => `We have added ${c.amount} of store credit to your account. If our service earned it, a fresh look at your rating would be much appreciated.`,
  ],
  fr: [
    () => 'Nous vous avons remboursé intégralement. Si notre geste change votre regard, nous serions reconnaissants que votre avis reflète votre expérience actuelle.',
    () => 'Un remplacement est en route. Une fois arrivé, peut-être que vos étoiles pourront raconter toute l’histoire ?',
    (c) => `Nous vous remboursons ${c.amount} aujourd’hui. Quand vous aurez un moment, jetez peut-être un nouvel œil à ce que vous avez écrit sur la fiche produit.`,
  ],
  de: [
    () => 'Wir haben Ihnen den vollen Betrag erstattet. Wenn das Ihren Eindruck ändert, wären wir dankbar, wenn Ihr Feedback Ihre aktuelle Erfahrung widerspiegelt.',
    () => 'Ersatz ist unterwegs. Vielleicht erzählen Ihre Sterne dann die ganze Geschichte?',
    (c) => `Wir überweisen Ihnen heute ${c.amount}. Wenn Sie einen Moment Zeit haben, schauen Sie doch noch einmal auf das, was Sie auf der Produktseite geschrieben haben.`,
  ],
  es: [
    () => 'Le hemos reembolsado el importe completo. Si eso cambia su impresión, le agradeceríamos que su opinión reflejara su experiencia actual.',
    () => 'El repuesto ya va de camino. ¿Quizá sus estrellas podrían contar toda la historia cuando llegue?',
    (c) => `Le devolvemos ${c.amount} hoy mismo. Cuando tenga un momento, quizá pueda echar otro vistazo a lo que escribió en la ficha del producto.`,
  ],
  it: [
    () => 'L’abbiamo rimborsata per intero. Se questo cambia la sua impressione, le saremmo grati se il suo feedback riflettesse l’esperienza attuale.',
    () => 'Il sostituto è in viaggio. Forse le sue stelle potranno raccontare tutta la storia quando arriva?',
    (c) => `Le restituiamo ${c.amount} oggi. Quando ha un momento, magari dia un’altra occhiata a ciò che ha scritto nella pagina del prodotto.`,
  ],
};

/** The gift/warranty funnel with the site and the handle only ever written obfuscated. */
const GIFT_FUNNEL_HIDDEN: Bank = {
  en: [
    (c) => `Thanks for your order! Your bonus accessory is reserved: type ${c.site} into your browser and enter your order number plus the address where you read your mail.`,
    (c) => `Unlock your 2-year warranty: ${c.site} (order # and your best contact). Or send "WARRANTY" to ${c.handle}.`,
    (c) => `A small thank-you gift is waiting. Claim it at ${c.site} within 7 days; we only need your order number and where to reach you.`,
    (c) => `Questions about your ${c.product}? Our VIP desk answers faster outside this chat: ${c.handle}`,
  ],
  fr: [
    (c) => `Merci pour votre commande ! Votre cadeau vous attend : tapez ${c.site} dans votre navigateur, avec votre numéro de commande et l’adresse où vous lisez vos messages.`,
    (c) => `Activez votre garantie de 2 ans : ${c.site} (numéro de commande + votre meilleur contact), ou écrivez « GARANTIE » à ${c.handle}.`,
  ],
  de: [
    (c) => `Danke für Ihre Bestellung! Ihr Bonus-Zubehör ist reserviert: Geben Sie ${c.site} im Browser ein, mit Bestellnummer und der Adresse, unter der Sie Ihre Nachrichten lesen.`,
    (c) => `Ihre 2-Jahres-Garantie freischalten: ${c.site} (Bestellnummer und Ihr bester Kontakt), oder schreiben Sie „GARANTIE“ an ${c.handle}.`,
  ],
  es: [
    (c) => `¡Gracias por su pedido! Su accesorio de regalo está reservado: escriba ${c.site} en el navegador con su número de pedido y la dirección donde lee sus mensajes.`,
    (c) => `Active su garantía de 2 años: ${c.site} (número de pedido y su mejor contacto), o envíe «GARANTÍA» a ${c.handle}.`,
  ],
  it: [
    (c) => `Grazie per l’ordine! Il suo accessorio omaggio è riservato: digiti ${c.site} nel browser con il numero d’ordine e l’indirizzo dove legge i messaggi.`,
    (c) => `Attivi la garanzia di 2 anni: ${c.site} (numero d’ordine e il suo contatto migliore), oppure scriva «GARANZIA» a ${c.handle}.`,
  ],
};

// ---------------------------------------------------------------------------------------------

export type SellerIntent =
  | 'shipped'
  | 'followup'
  | 'help'
  | 'refund'
  | 'keepHere'
  | 'resolve'
  | 'resolveFollowup'
  | 'solicit'
  | 'pressure'
  | 'giftFunnel'
  | 'handleContact'
  | 'euphemism'
  | 'giftFunnelHidden';
export type BuyerIntent = 'buyerThanks' | 'buyerIssue' | 'buyerRefuse' | 'buyerAccept';

const SELLER_BANKS: Readonly<Record<SellerIntent, Bank>> = {
  shipped: SHIPPED,
  followup: FOLLOWUP,
  help: HELP,
  refund: REFUND,
  keepHere: KEEP_HERE,
  resolve: RESOLVE,
  resolveFollowup: RESOLVE_FOLLOWUP,
  solicit: SOLICIT,
  pressure: PRESSURE,
  giftFunnel: GIFT_FUNNEL,
  handleContact: HANDLE_CONTACT,
  euphemism: EUPHEMISM,
  giftFunnelHidden: GIFT_FUNNEL_HIDDEN,
};
const BUYER_BANKS: Readonly<Record<BuyerIntent, Bank>> = {
  buyerThanks: BUYER_THANKS,
  buyerIssue: BUYER_ISSUE,
  buyerRefuse: BUYER_REFUSE,
  buyerAccept: BUYER_ACCEPT,
};

/** Seller-side intents that break the policy (the truth's "violating messages"). */
export const VIOLATING_INTENTS: ReadonlySet<SellerIntent> = new Set(['solicit', 'pressure', 'giftFunnel', 'handleContact', 'euphemism', 'giftFunnelHidden']);

/** A seller message: optional greeting, the body, optional sign-off. */
export function sellerText(rng: Rng, intent: SellerIntent, c: TextContext): string {
  const body = rng.pick(SELLER_BANKS[intent][c.lang])(c);
  const parts: string[] = [];
  if (rng.chance(0.7)) parts.push(rng.pick(GREET[c.lang])(c));
  parts.push(body);
  if (rng.chance(0.6)) parts.push(rng.pick(SIGN[c.lang])(c));
  return parts.join(rng.chance(0.8) ? ' ' : '\n');
}

export function buyerText(rng: Rng, intent: BuyerIntent, c: TextContext): string {
  return rng.pick(BUYER_BANKS[intent][c.lang])(c);
}

/** A buyer question and the seller's answer. */
export function questionAndAnswer(rng: Rng, c: TextContext): { question: string; answer: string } {
  const [q, a] = rng.pick(QA[c.lang]);
  const answer = a(c);
  return { question: q(c), answer: rng.chance(0.4) ? `${answer} ${rng.pick(SIGN[c.lang])(c)}` : answer };
}

// ---------------------------------------------------------------------------------------------
// Fragments: products, staff names, shop names, contact handles, external sites.

export const PRODUCTS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['desk lamp', 'oil sprayer', 'chef knife', 'phone case', 'yoga mat', 'water bottle', 'bluetooth speaker', 'garlic press', 'travel pillow', 'LED strip', 'coffee grinder', 'dog harness', 'shower head', 'laptop stand', 'kitchen scale', 'hair dryer', 'USB charger', 'bike light'],
  fr: ['lampe de bureau', 'moulin à café', 'couteau de chef', 'tapis de yoga', 'gourde isotherme', 'enceinte bluetooth', 'presse-ail', 'oreiller de voyage', 'ruban LED', 'harnais pour chien', 'pommeau de douche', 'support d’ordinateur', 'sèche-cheveux', 'chargeur USB', 'éclairage de vélo'],
  de: ['Schreibtischlampe', 'Kaffeemühle', 'Kochmesser', 'Yogamatte', 'Trinkflasche', 'Bluetooth-Lautsprecher', 'Knoblauchpresse', 'Reisekissen', 'LED-Streifen', 'Hundegeschirr', 'Duschkopf', 'Laptopständer', 'Föhn', 'USB-Ladegerät', 'Fahrradlicht', 'Küchenwaage'],
  es: ['flexo de escritorio', 'molinillo de café', 'cuchillo de chef', 'esterilla de yoga', 'bidón térmico', 'altavoz bluetooth', 'prensa de ajos', 'cojín de viaje', 'tira LED', 'arnés para perro', 'cabezal de ducha', 'soporte para portátil', 'secador de pelo', 'cargador USB', 'foco de bici'],
  it: ['lampada da scrivania', 'macinacaffè', 'coltello da chef', 'tappetino yoga', 'borraccia termica', 'altoparlante bluetooth', 'spremiaglio', 'cuscino da viaggio', 'striscia LED', 'pettorina per cani', 'soffione doccia', 'supporto per laptop', 'asciugacapelli', 'caricatore USB', 'luce per bici'],
};

export const AGENTS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['Megan', 'Tyler', 'Jordan', 'Ashley', 'Kevin', 'Lauren', 'Brian', 'Nicole', 'Dylan', 'Amy', 'Leo', 'Grace'],
  fr: ['Camille', 'Julien', 'Manon', 'Thomas', 'Chloé', 'Hugo', 'Léa', 'Nicolas', 'Inès', 'Mathieu'],
  de: ['Jonas', 'Lena', 'Tobias', 'Hannah', 'Felix', 'Miriam', 'Lukas', 'Katrin', 'Stefan', 'Anja'],
  es: ['Lucía', 'Javier', 'Marta', 'Pablo', 'Elena', 'Sergio', 'Carmen', 'Álvaro', 'Nuria', 'Raúl'],
  it: ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Matteo', 'Sara', 'Davide', 'Elisa', 'Andrea'],
};

const SHOP_A = ['Nova', 'Bright', 'Casa', 'Urban', 'Terra', 'Blue', 'Happy', 'Pure', 'Alpine', 'Sun', 'Iron', 'Silver', 'Green', 'Lumi', 'Velo', 'Oak', 'Coral', 'Pixel', 'North', 'Maple'];
const SHOP_B = ['Home', 'Goods', 'Living', 'Works', 'Gear', 'Craft', 'Store', 'Supply', 'Haus', 'Market', 'Studio', 'Trade', 'Direct', 'Kitchen', 'Tech', 'Outfitters'];

export function shopName(rng: Rng): string {
  return `${rng.pick(SHOP_A)}${rng.chance(0.5) ? ' ' : ''}${rng.pick(SHOP_B)}`;
}

const DOMAIN_A = ['help', 'care', 'service', 'support', 'client', 'buyer', 'quick', 'happy', 'vip', 'desk', 'reply', 'assist'];
const DOMAIN_B = ['mailbox', 'center', 'hub', 'team', 'point', 'line', 'zone', 'port', 'net', 'link'];
const TLDS = ['com', 'net', 'shop', 'store', 'online', 'xyz', 'info'];

/** A made-up domain, e.g. "quickcare-hub.shop". */
export function madeUpDomain(rng: Rng): string {
  return `${rng.pick(DOMAIN_A)}${rng.pick(DOMAIN_A)}-${rng.pick(DOMAIN_B)}${rng.int(1, 99)}.${rng.pick(TLDS)}`;
}

const LOCAL_PARTS = ['support', 'care', 'service', 'help', 'contact', 'team', 'desk', 'info', 'kundenservice', 'assistenza', 'atencion', 'sav'];

export type HandleSpec =
  | { readonly kind: 'email'; readonly local: string; readonly domain: string }
  | { readonly kind: 'whatsapp'; readonly country: string; readonly national: string }
  | { readonly kind: 'telegram'; readonly user: string };

/** Canonical form of a handle: lower-case e-mail, E.164 number, or `telegram:@user`. */
export function canonicalHandle(h: HandleSpec): string {
  if (h.kind === 'email') return `${h.local}@${h.domain}`.toLowerCase();
  if (h.kind === 'whatsapp') return `+${h.country}${h.national}`;
  return `telegram:@${h.user}`;
}

/** Made-up mobile numbers by marketplace (country code, national number pattern). US uses 555-01xx. */
const PHONE: Readonly<Record<string, { cc: string; make: (rng: Rng) => string }>> = {
  US: { cc: '1', make: (rng) => `${rng.pick(['212', '305', '415', '646', '702', '917'])}55501${rng.digits(2)}` },
  FR: { cc: '33', make: (rng) => `6${rng.digits(8)}` },
  DE: { cc: '49', make: (rng) => `15${rng.pick(['1', '2', '7', '9'])}${rng.digits(8)}` },
  ES: { cc: '34', make: (rng) => `6${rng.digits(8)}` },
  IT: { cc: '39', make: (rng) => `3${rng.pick(['20', '31', '33', '45', '47', '88'])}${rng.digits(7)}` },
};

export function newHandle(rng: Rng, market: string): HandleSpec {
  const r = rng.next();
  if (r < 0.55) return { kind: 'email', local: `${rng.pick(LOCAL_PARTS)}${rng.chance(0.5) ? `.${rng.pick(DOMAIN_A)}` : String(rng.int(1, 99))}`, domain: madeUpDomain(rng) };
  if (r < 0.9) {
    const p = PHONE[market] ?? PHONE['US'];
    if (!p) throw new Error('no phone plan');
    return { kind: 'whatsapp', country: p.cc, national: p.make(rng) };
  }
  return { kind: 'telegram', user: `${rng.pick(DOMAIN_A)}_${rng.pick(LOCAL_PARTS)}${rng.int(10, 99)}` };
}

const AT_WORD: Readonly<Record<Lang, string>> = { en: 'at', fr: 'arobase', de: 'at', es: 'arroba', it: 'chiocciola' };
const DOT_WORD: Readonly<Record<Lang, string>> = { en: 'dot', fr: 'point', de: 'punkt', es: 'punto', it: 'punto' };

/** How a handle is written in a message: plain or obfuscated, in the message's language. */
export function writeHandle(rng: Rng, h: HandleSpec, lang: Lang): { text: string; channel: string } {
  if (h.kind === 'email') {
    const dot = (s: string, sep: string) => s.split('.').join(sep);
    const forms = [
      () => `${h.local}@${h.domain}`,
      () => `${dot(h.local, ' . ')} [at] ${dot(h.domain, ' [dot] ')}`,
      () => `${dot(h.local, ` ${DOT_WORD[lang]} `)} ${AT_WORD[lang]} ${dot(h.domain, ` ${DOT_WORD[lang]} `)}`,
      () => `${h.local}(at)${dot(h.domain, '(dot)')}`,
      () => `${h.local} @ ${dot(h.domain, ' . ')}`,
    ];
    return { text: rng.pick(forms)(), channel: lang === 'de' ? 'E-Mail' : lang === 'fr' ? 'e-mail' : lang === 'es' ? 'correo' : 'e-mail' };
  }
  if (h.kind === 'whatsapp') {
    const n = h.national;
    const spaced = n.replace(/(\d{3})(?=\d)/g, '$1 ');
    const forms = [
      () => `wa.me/${h.country}${n}`,
      () => `+${h.country} ${spaced}`,
      () => `WhatsApp +${h.country} ${spaced}`,
      () => `+${h.country}-${n.slice(0, 3)}-${n.slice(3)}`,
      () => `+${h.country} ${n.split('').join(' ')}`,
    ];
    return { text: rng.pick(forms)(), channel: 'WhatsApp' };
  }
  return { text: rng.chance(0.5) ? `@${h.user} (Telegram)` : `t.me/${h.user}`, channel: 'Telegram' };
}

/** The same handle written only in obfuscated forms (never a plain address, number or link). */
export function writeHandleObfuscated(rng: Rng, h: HandleSpec, lang: Lang): { text: string; channel: string } {
  if (h.kind === 'email') {
    const dot = (s: string, sep: string) => s.split('.').join(sep);
    const forms = [
      () => `${dot(h.local, ' . ')} [at] ${dot(h.domain, ' [dot] ')}`,
      () => `${dot(h.local, ` ${DOT_WORD[lang]} `)} ${AT_WORD[lang]} ${dot(h.domain, ` ${DOT_WORD[lang]} `)}`,
      () => `${h.local}(at)${dot(h.domain, '(dot)')}`,
      () => `${h.local.split('').join(' ')} @ ${dot(h.domain, ' . ')}`,
    ];
    return { text: rng.pick(forms)(), channel: lang === 'de' ? 'E-Mail' : lang === 'es' ? 'correo' : 'e-mail' };
  }
  if (h.kind === 'whatsapp') {
    const n = h.national;
    const forms = [
      () => `+${h.country} ${n.split('').join(' ')}`,
      () => `+${h.country}.${n.replace(/(\d{2})(?=\d)/g, '$1.')}`,
      () => `W-A ${h.country} ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
      () => `(+${h.country}) ${n.replace(/(\d{3})(?=\d)/g, '$1-')}`,
    ];
    return { text: rng.pick(forms)(), channel: 'WhatsApp' };
  }
  return { text: rng.chance(0.5) ? `t [.] me / ${h.user}` : `Telegram: ${h.user.replace('_', ' _ ')}`, channel: 'Telegram' };
}

/** A made-up external gift/warranty site for a shop, written plain or obfuscated. */
export function giftSite(rng: Rng, shop: string): { domain: string } {
  const base = shop.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return { domain: `${base}-${rng.pick(['gifts', 'warranty', 'bonus', 'club', 'register', 'vip'])}.${rng.pick(['com', 'net', 'shop', 'info'])}` };
}

export function writeSite(rng: Rng, domain: string): string {
  const [name, tld] = [domain.slice(0, domain.lastIndexOf('.')), domain.slice(domain.lastIndexOf('.') + 1)];
  const path = rng.chance(0.4) ? `/${rng.pick(['claim', 'gift', 'warranty', 'register'])}` : '';
  return rng.pick([
    () => `https://www.${domain}${path}`,
    () => `${domain}${path}`,
    () => `${name} [dot] ${tld}${path}`,
    () => `${name}(.)${tld}${path}`,
    () => `${name} . ${tld}`,
  ])();
}

/** An external site written only in obfuscated forms (no plain address a link finder reads). */
export function writeSiteObfuscated(rng: Rng, domain: string): string {
  const [name, tld] = [domain.slice(0, domain.lastIndexOf('.')), domain.slice(domain.lastIndexOf('.') + 1)];
  return rng.pick([
    () => `${name} [dot] ${tld}`,
    () => `${name}(.)${tld}`,
    () => `${name} . ${tld}`,
    () => `${name} ${DOT_WORD.en} ${tld}`,
    () => `www ${name.replaceAll('-', ' - ')} ${tld}`,
  ])();
}

// ---------------------------------------------------------------------------------------------
// Review texts.

interface ReviewBank {
  readonly pos: readonly (readonly [string, string])[];
  readonly mid: readonly (readonly [string, string])[];
  readonly neg: readonly (readonly [string, string])[];
  readonly better: readonly string[];
}

const REVIEWS: Readonly<Record<Lang, ReviewBank>> = {
  en: {
    pos: [['Works great', 'Does exactly what I needed.'], ['Five stars', ''], ['Good value', 'Solid build for the price.'], ['Love it', 'Bought a second one for my sister.'], ['', 'Fast delivery, well packed.'], ['Very happy', 'Better than the one I had before.']],
    mid: [['It is okay', 'Does the job, nothing special.'], ['Smaller than expected', 'Check the dimensions before buying.'], ['Decent', 'A bit pricey for what it is.']],
    neg: [['Broke in a week', 'Stopped working after a few uses.'], ['Not as described', 'Looks nothing like the photos.'], ['Arrived damaged', 'The box was crushed and the item cracked.'], ['Cheap plastic', 'Feels flimsy, returned it.'], ['Waste of money', 'Do not buy.']],
    better: ['Updated: the issue went away after a few days.', 'Changing my rating, it works fine now.', 'Better than I first thought.', 'Problem solved, happy now.'],
  },
  fr: {
    pos: [['Très bien', 'Conforme à la description.'], ['Parfait', ''], ['Bon rapport qualité-prix', 'Solide et bien fini.'], ['', 'Livraison rapide, bien emballé.'], ['Je recommande', 'Deuxième achat, toujours satisfait.']],
    mid: [['Correct', 'Fait le travail, sans plus.'], ['Plus petit que prévu', 'Vérifiez les dimensions.']],
    neg: [['Cassé au bout d’une semaine', 'Ne fonctionne plus.'], ['Pas conforme', 'Rien à voir avec les photos.'], ['Arrivé abîmé', 'Carton écrasé, article fêlé.'], ['Déçu', 'Plastique de mauvaise qualité.']],
    better: ['Mise à jour : le problème a disparu.', 'Je change ma note, ça marche bien maintenant.', 'Finalement satisfait.'],
  },
  de: {
    pos: [['Top', 'Macht, was es soll.'], ['Sehr zufrieden', ''], ['Gutes Preis-Leistungs-Verhältnis', 'Stabil und gut verarbeitet.'], ['', 'Schnelle Lieferung, gut verpackt.'], ['Empfehlenswert', 'Schon das zweite Mal gekauft.']],
    mid: [['Ganz okay', 'Erfüllt seinen Zweck.'], ['Kleiner als gedacht', 'Maße vorher prüfen.']],
    neg: [['Nach einer Woche kaputt', 'Funktioniert nicht mehr.'], ['Nicht wie beschrieben', 'Sieht ganz anders aus als auf den Fotos.'], ['Beschädigt angekommen', 'Karton eingedrückt, Gerät gesprungen.'], ['Enttäuscht', 'Billiges Plastik.']],
    better: ['Update: Das Problem hat sich erledigt.', 'Ich ändere meine Bewertung, funktioniert jetzt.', 'Doch zufrieden.'],
  },
  es: {
    pos: [['Muy bien', 'Tal como se describe.'], ['Perfecto', ''], ['Buena relación calidad-precio', 'Sólido y bien acabado.'], ['', 'Llegó rápido y bien embalado.'], ['Lo recomiendo', 'Segunda compra, igual de contento.']],
    mid: [['Correcto', 'Cumple, sin más.'], ['Más pequeño de lo esperado', 'Revisen las medidas.']],
    neg: [['Se rompió en una semana', 'Ya no funciona.'], ['No es como en las fotos', 'Nada que ver con la descripción.'], ['Llegó dañado', 'Caja aplastada y el artículo roto.'], ['Decepcionado', 'Plástico de mala calidad.']],
    better: ['Actualizo: el problema se ha resuelto.', 'Cambio mi valoración, ya funciona bien.', 'Al final estoy contento.'],
  },
  it: {
    pos: [['Ottimo', 'Conforme alla descrizione.'], ['Perfetto', ''], ['Buon rapporto qualità-prezzo', 'Solido e ben rifinito.'], ['', 'Arrivato in fretta, ben imballato.'], ['Consigliato', 'Secondo acquisto, sempre soddisfatto.']],
    mid: [['Discreto', 'Fa il suo lavoro.'], ['Più piccolo del previsto', 'Controllate le misure.']],
    neg: [['Rotto dopo una settimana', 'Non funziona più.'], ['Non come descritto', 'Diverso dalle foto.'], ['Arrivato danneggiato', 'Scatola schiacciata, oggetto crepato.'], ['Deluso', 'Plastica scadente.']],
    better: ['Aggiorno: il problema si è risolto.', 'Cambio il voto, ora funziona bene.', 'Alla fine soddisfatto.'],
  },
};

export function reviewText(rng: Rng, lang: Lang, rating: number): { title?: string; body?: string } {
  const bank = REVIEWS[lang];
  const [title, body] = rng.pick(rating >= 4 ? bank.pos : rating === 3 ? bank.mid : bank.neg);
  const out: { title?: string; body?: string } = {};
  if (title !== '') out.title = title;
  if (body !== '' && rng.chance(0.85)) out.body = body;
  return out;
}

export function betterReviewBody(rng: Rng, lang: Lang): string {
  return rng.pick(REVIEWS[lang].better);
}

// ---------------------------------------------------------------------------------------------
// Buyer complaints (console intake summaries).

/** A complaint's channel and summary, as the console intake takes it in. */
export interface ComplaintCopy {
  readonly channel: 'email' | 'phone' | 'sms' | 'social' | 'other';
  readonly summary: string;
}

type ComplaintTemplate = readonly [ComplaintCopy['channel'], T];

const COMPLAINTS: Readonly<Record<Lang, readonly ComplaintTemplate[]>> = {
  en: [
    ['email', (c) => `The seller (${c.shop}) e-mailed my private address after my review and offered ${c.amount} if I deleted it.`],
    ['email', (c) => `I keep getting e-mails from ${c.shop} asking me to change my rating for a refund. I never gave them my e-mail address.`],
    ['phone', (c) => `Someone from ${c.shop} called me about order ${c.orderId} and asked me to remove my review.`],
    ['sms', (c) => `${c.shop} sent me text messages offering a gift card for a 5-star review.`],
    ['social', () => 'The seller found me on social media and asked me to update my review in exchange for money back.'],
  ],
  fr: [
    ['email', (c) => `Le vendeur (${c.shop}) m’a écrit sur mon e-mail personnel après mon avis et m’a proposé ${c.amount} pour le supprimer.`],
    ['phone', (c) => `Quelqu’un de ${c.shop} m’a appelé au sujet de la commande ${c.orderId} pour me demander de retirer mon avis.`],
    ['sms', (c) => `${c.shop} m’envoie des SMS avec une carte cadeau en échange d’un avis 5 étoiles.`],
  ],
  de: [
    ['email', (c) => `Der Verkäufer (${c.shop}) hat mir nach meiner Bewertung an meine private E-Mail geschrieben und ${c.amount} angeboten, wenn ich sie lösche.`],
    ['phone', (c) => `Jemand von ${c.shop} hat mich wegen der Bestellung ${c.orderId} angerufen und verlangt, dass ich meine Bewertung entferne.`],
    ['sms', (c) => `${c.shop} schickt mir SMS und bietet einen Gutschein für eine 5-Sterne-Bewertung.`],
  ],
  es: [
    ['email', (c) => `El vendedor (${c.shop}) me escribió a mi correo personal después de mi reseña y me ofreció ${c.amount} si la borraba.`],
    ['phone', (c) => `Alguien de ${c.shop} me llamó por el pedido ${c.orderId} y me pidió que eliminara mi reseña.`],
    ['social', () => 'El vendedor me buscó en redes sociales para que cambiara mi valoración a cambio de un reembolso.'],
  ],
  it: [
    ['email', (c) => `Il venditore (${c.shop}) mi ha scritto all’e-mail personale dopo la mia recensione offrendo ${c.amount} per cancellarla.`],
    ['phone', (c) => `Qualcuno di ${c.shop} mi ha chiamato per l’ordine ${c.orderId} chiedendomi di rimuovere la recensione.`],
    ['sms', (c) => `${c.shop} mi manda SMS con un buono regalo in cambio di una recensione a 5 stelle.`],
  ],
};

/** How many complaint templates a language has (a coordinated campaign reuses one). */
export const complaintTemplates = (lang: Lang): number => COMPLAINTS[lang].length;

/** A complaint summary: template `index` when given (a campaign's copy), otherwise any. */
export function complaintText(rng: Rng, c: TextContext, index?: number): ComplaintCopy {
  const bank = COMPLAINTS[c.lang];
  const [channel, summary] = index === undefined ? rng.pick(bank) : (bank[index % bank.length] ?? rng.pick(bank));
  return { channel, summary: summary(c) };
}
