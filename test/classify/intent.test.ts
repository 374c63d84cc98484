/**
 * What the classifier reads, class by class, in each core language: the hard negatives it must
 * leave alone (negation and scope decide them) and the phrasings it must not miss. The texts are
 * written for these tests, not taken from the corpora.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../shared/domain/classify/classify';

const labels = (text: string, lang?: string) => classifyMessage(text, lang).labels;

describe('hard negatives stay clean', () => {
  it.each([
    ['en', 'Marketplace rules say we must not ask you to edit or delete a review, so we never will.'],
    ['fr', "Le règlement nous interdit de vous demander de supprimer ou modifier votre avis."],
    ['de', 'Laut Richtlinie dürfen wir Sie nicht bitten, Ihre Rezension zu löschen.'],
    ['es', 'Las normas no nos permiten pedirle que cambie su valoración.'],
    ['it', 'Le regole non ci permettono di chiederle di cambiare la recensione.'],
  ])('a seller quoting the review policy (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'Beware of scams: we will never contact you on WhatsApp or ask for your phone number.'],
    ['fr', "Attention aux arnaques : nous ne vous contacterons jamais sur WhatsApp et ne demanderons pas votre numéro."],
    ['de', 'Vorsicht vor Betrug: Wir kontaktieren Sie nie über WhatsApp und fragen nie nach Ihrer Handynummer.'],
    ['es', 'Cuidado con las estafas: nunca le escribiremos por WhatsApp ni le pediremos su correo.'],
    ['it', 'Attenzione alle truffe: non la contatteremo mai su WhatsApp né le chiederemo la sua email.'],
  ])('a safety notice that names channels to refuse them (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'You will find the return form at https://marketplace.example/help/returns/start'],
    ['fr', 'Le formulaire de retour est ici : https://help.marketplace.example/retours'],
    ['de', 'Das Rücksendeformular: https://marketplace.example/hilfe/retouren?lang=de'],
    ['es', 'Todo sobre devoluciones: https://marketplace.example/ayuda/devolver'],
    ['it', 'Il modulo di reso si trova su https://help.marketplace.example/resi'],
  ])("the platform's own help and returns pages (%s)", (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'The QR code printed on the back of the box shows the batch number and expiry date.'],
    ['fr', "Le QR code imprimé sous le flacon indique le lot et la date de fabrication."],
    ['de', 'Der aufgedruckte QR-Code am Etikett zeigt nur die Charge und das Datum.'],
    ['es', 'El código QR impreso en la etiqueta indica el lote de fabricación.'],
    ['it', 'Il codice QR stampato sulla confezione riporta il lotto di produzione.'],
  ])('a QR or batch code printed on the product (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'It left our warehouse today with UPS, tracking number 1Z 999 AA1 01 2345 6784.'],
    ['fr', 'Expédié avec Chronopost, numéro de suivi XY 1234 5678 9FR.'],
    ['de', 'Versendet mit DPD, Paketnummer 0150 5678 9012 34.'],
    ['es', 'Enviado con MRW, número de envío 0471 2345 6789.'],
    ['it', 'Spedito con SDA, codice di tracciamento 6123 4567 8901.'],
  ])('carrier tracking numbers with spaces (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'Replacement part no. 7731-220-45, company reg. 08 765 432, VAT GB 987 6543 21.'],
    ['fr', 'Pièce n° 7731-220-45, SIREN 987 654 321, TVA FR 98 765432109.'],
    ['de', 'Teilenummer 7731-220-45, HRB 56789, USt-IdNr. DE 987 654 321.'],
    ['es', 'Pieza 7731-220-45, CIF B-98765432, IVA ES B98765432.'],
    ['it', 'Codice pezzo 7731-220-45, P. IVA IT 98765432109, REA TO-123456.'],
  ])('part, company and tax numbers with spaces and dashes (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'Thank you so much for changing your rating, it made our day.'],
    ['fr', "Merci infiniment d'avoir changé votre note !"],
    ['de', 'Vielen Dank, dass Sie Ihre Sterne angepasst haben!'],
    ['es', '¡Gracias de corazón por cambiar su valoración!'],
    ['it', 'Grazie davvero per aver modificato il suo voto!'],
  ])('thanks for a change the buyer already made (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'We improved the instructions following your comment.'],
    ['fr', "Nous avons corrigé la notice grâce à votre commentaire."],
    ['de', 'Wir haben die Verpackung aufgrund Ihrer Rezension verbessert.'],
    ['es', 'Hemos cambiado el embalaje gracias a su reseña.'],
    ['it', "Abbiamo migliorato l'imballo grazie alla sua recensione."],
  ])('a change the seller made because of a review (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });

  it.each([
    ['en', 'Your refund is done, no matter what you write about us.'],
    ['fr', 'Le remboursement est fait, quel que soit votre avis.'],
    ['de', 'Die Erstattung ist erfolgt, egal wie Ihre Bewertung ausfällt.'],
    ['es', 'El reembolso está hecho, independientemente de su opinión.'],
    ['it', 'Il rimborso è fatto, indipendentemente dalla sua recensione.'],
  ])('a refund with no strings attached (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });
});

describe('phrasings that must not be missed', () => {
  it.each([
    ['en', 'We refunded the full amount as a courtesy and trust this will be reflected in your rating.'],
    ['fr', 'Nous avons tout remboursé par geste commercial et espérons que votre note le reflétera.'],
    ['de', 'Wir haben aus Kulanz erstattet und hoffen, dass Ihre Bewertung das widerspiegelt.'],
    ['es', 'Le hemos reembolsado todo por cortesía y esperamos que su valoración lo refleje.'],
    ['it', 'Le abbiamo rimborsato tutto per cortesia e speriamo che la sua valutazione lo rifletta.'],
  ])('a goodwill refund with a hope that the rating reflects it (%s)', (lang, text) => {
    expect(labels(text, lang)).toContain('review_manipulation');
  });

  it.each([
    ['en', 'Send us a screenshot of your honest review and we will refund you right away.'],
    ['fr', 'Envoyez-nous une capture de votre avis honnête et nous vous rembourserons aussitôt.'],
    ['de', 'Schicken Sie uns einen Screenshot Ihrer ehrlichen Bewertung, dann erstatten wir sofort.'],
    ['es', 'Mándenos una captura de su reseña sincera y le reembolsamos enseguida.'],
    ['it', 'Ci mandi uno screenshot della sua recensione onesta e la rimborsiamo subito.'],
  ])('a refund conditioned on a review and a screenshot (%s)', (lang, text) => {
    expect(labels(text, lang)).toContain('review_manipulation');
  });

  it.each([
    ['en', 'Hello, thanks for your patience. The courier picked up the parcel and the new one leaves tomorrow. When all is sorted, you are welcome to revise the comment you posted. Best wishes, Ana'],
    ['fr', "Bonjour, merci de votre patience. Le transporteur a repris le colis et le nouveau part demain. Quand tout sera réglé, vous pourrez revoir le commentaire que vous avez publié. Belle journée, Ana"],
    ['de', 'Hallo, danke für Ihre Geduld. Der Kurier hat das Paket abgeholt, das neue geht morgen raus. Wenn alles erledigt ist, dürfen Sie Ihren Kommentar gern überarbeiten. Viele Grüße, Ana'],
    ['es', 'Hola, gracias por su paciencia. El mensajero recogió el paquete y el nuevo sale mañana. Cuando todo esté arreglado, puede modificar el comentario que publicó. Saludos, Ana'],
    ['it', 'Salve, grazie per la pazienza. Il corriere ha ritirato il pacco e quello nuovo parte domani. Quando sarà tutto sistemato, potrà modificare il commento che ha pubblicato. Saluti, Ana'],
  ])('an ask buried mid-way in a long courteous message (%s)', (lang, text) => {
    expect(labels(text, lang)).toContain('review_manipulation');
  });

  it.each([
    ['en', 'If this goes on, we will report your buyer account to the platform.'],
    ['fr', 'Si cela continue, nous signalerons votre compte acheteur.'],
    ['de', 'Wenn das so weitergeht, melden wir Ihr Käuferkonto.'],
    ['es', 'Si esto sigue, vamos a denunciar su cuenta de comprador.'],
    ['it', 'Se continua così, segnaleremo il suo account di acquirente.'],
  ])("a threat to report the buyer's account (%s)", (lang, text) => {
    expect(labels(text, lang)).toContain('intimidation');
  });

  it.each([
    ['en', 'We have your address from the order, we could always pay you a visit.'],
    ['fr', "Nous avons votre adresse grâce à la commande, nous pourrions vous rendre visite."],
    ['de', 'Wir haben Ihre Adresse von der Bestellung, wir könnten Sie besuchen.'],
    ['es', 'Tenemos su dirección del pedido, podemos visitarle.'],
    ['it', "Abbiamo il suo indirizzo dall'ordine, possiamo farle visita."],
  ])("the buyer's address with a visit (%s)", (lang, text) => {
    expect(labels(text, lang)).toContain('intimidation');
  });

  it.each([
    ['en', 'Could you tell me your mobile number, please?'],
    ['fr', 'Pouvez-vous me communiquer votre numéro de portable ?'],
    ['de', 'Können Sie mir bitte Ihre Handynummer schicken?'],
    ['es', '¿Puede facilitarme su número de móvil?'],
    ['it', 'Può indicarmi il suo numero di cellulare?'],
  ])("an ask for the buyer's mobile number (%s)", (lang, text) => {
    expect(labels(text, lang)).toEqual(['off_platform_contact']);
  });

  it.each([
    ['en', 'Claim your bonus here: https://docs.google.com/forms/d/e/1FAIpQL/viewform'],
    ['fr', 'Réclamez votre cadeau : form.jotform.com/23091'],
    ['de', 'Ihr Geschenk: https://tally.so/r/wAbc12'],
    ['es', 'Su regalo: https://www.typeform.com/to/xyz123'],
    ['it', 'Il suo omaggio: forms.gle/Zz9Yy8'],
  ])('a form-builder link (%s)', (lang, text) => {
    expect(labels(text, lang)).toContain('off_platform_contact');
  });

  it.each([
    ['en', 'ping me on Whats 📞 App'],
    ['fr', 'Écrivez-moi sur Tele 💌 gram : @ la_boutique'],
    ['de', 'meine Mail: anna.shop\n@\ngmx.de'],
    ['es', 'mi correo: tienda.lola @ 📧 hotmail.es'],
    ['it', 'scrivimi su Insta 🌟 gram @ negozio.bea'],
  ])('a handle split by an emoji or across lines (%s)', (lang, text) => {
    expect(labels(text, lang)).toContain('off_platform_contact');
  });
});

describe('the marketplace’s other languages', () => {
  it.each([
    ['nl', 'Zou u uw beoordeling willen aanpassen nu alles is opgelost?'],
    ['pt', 'Poderia alterar a sua avaliação agora que está tudo resolvido?'],
    ['pl', 'Czy mógłby Pan zmienić swoją opinię, skoro wszystko już działa?'],
    ['sv', 'Kan du ändra ditt betyg nu när allt är löst?'],
    ['ja', '問題が解決したので、評価を変更していただけませんか？'],
  ])('an ask to change a review (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual(['review_manipulation']);
  });

  it.each([
    ['nl', 'Wat is uw mobiele nummer? Dan bellen we even.'],
    ['pt', 'Qual é o seu número de telemóvel? Ligamos já.'],
    ['pl', 'Jaki jest Pana numer komórki? Zadzwonimy.'],
    ['sv', 'Vad är ditt mobilnummer? Vi ringer dig.'],
    ['ja', '携帯電話の番号を教えていただけますか？'],
  ])("an ask for the buyer's mobile number (%s)", (lang, text) => {
    expect(labels(text, lang)).toEqual(['off_platform_contact']);
  });

  it.each([
    ['nl', 'Onze advocaat neemt juridische stappen tegen u.'],
    ['pt', 'O nosso advogado vai avançar com um processo contra si.'],
    ['pl', 'Nasz prawnik podejmie kroki prawne.'],
    ['sv', 'Vår advokat kommer att stämma dig.'],
    ['ja', '弁護士に相談して法的措置を取ります。'],
  ])('a legal threat (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual(['intimidation']);
  });

  it.each([
    ['nl', 'Wij mogen u niet vragen uw review te verwijderen.'],
    ['pt', 'Não podemos pedir-lhe que apague a sua avaliação.'],
    ['pl', 'Nie wolno nam prosić o usunięcie opinii.'],
    ['sv', 'Vi får inte be dig ta bort din recension.'],
    ['ja', 'レビューの削除をお願いすることは規約で禁止されています。'],
  ])('a quoted policy stays clean (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual([]);
  });
});
