import type { Lexicon } from './types';

export const de: Lexicon = {
  reviewNoun: ['bewertung[a-z]*', 'rezension[a-z]*', 'feedback[a-z]*', 'sterne?n?', 'kommentar[a-z]*', 'beurteilung[a-z]*', 'rating'],
  changeVerb: [
    'losch[a-z]*', 'geloscht', 'entfern[a-z]*', 'zuruck ?zu ?zieh[a-z]*', 'zuruck ?zieh[a-z]*', 'zuruck ?gezogen', 'zuruck ?nehm[a-z]*', 'anderung',
    'andern', 'andert', 'geander[a-z]*', 'abander[a-z]*', 'abzuander[a-z]*', 'anpass[a-z]*', 'anzupass[a-z]*', 'angepasst', 'zuruck', 'aktualisier[a-z]*', 'uberarbeit[a-z]*',
    'uberdenk[a-z]*', 'korrigier[a-z]*', 'verbesser[a-z]*', 'erhoh[a-z]*', 'revidier[a-z]*', 'noch ?mal (?:uber)?denken',
    'hochsetz[a-z]*', 'hochzusetz[a-z]*', 'raus ?nehm[a-z]*', 'rauszunehm[a-z]*', 'heraus ?nehm[a-z]*', 'herauszunehm[a-z]*', 'hoch ?stuf[a-z]*', 'hochzustuf[a-z]*', 'verschwind[a-z]*', 'raus', 'weg', 'runter', 'loschung', 'entfernung',
  ],
  positive: ['positive[nr]?', 'gute[nr]?', 'bessere[nr]?', 'beste', 'tolle[nr]?', 'hervorragende[nr]?', '(?:5|funf|volle) sterne'],
  askVerb: ['hinterlass[a-z]*', 'lass(?:en|t)?', 'geben', 'gib', 'abgeben', 'vergeben', 'schreiben', 'hilft uns', 'wurde[n]? uns (?:[a-z]+ ){0,2}(?:freuen|helfen)', 'freuen uns', 'hilft uns'],
  incentive: [
    'ruckerstatt[a-z]*', 'erstatt[a-z]*', 'geld zuruck', '(?:geld|betrag|kaufpreis|summe|preis)(?: [a-z]+)? zuruck', 'gutschein[a-z]*', 'geschenk[a-z]*', 'rabatt[a-z]*', 'nachlass',
    'entschadigung', 'gratis', 'kostenlos[a-z]*', 'gutschrift', 'uberweis[a-z]*', 'bezahl[a-z]*', 'schenk[a-z]*',
  ],
  tie: ['wenn', 'sobald', 'nachdem', 'im gegenzug', 'gegen', 'fur', 'falls', 'unter der bedingung', 'sofern'],
  noStrings: ['ehrlich[a-z]*', 'unabhangig', 'ohne bedingung', 'keine bedingung', 'so oder so', 'ohne verpflichtung', 'frei', 'oder schlecht', 'oder negativ', 'oder nicht'],
  thanks: ['danke,? (?:schon |sehr )?(?:fur|dass)', 'vielen dank,? (?:fur|dass)', 'bedanken'],
  contactPhrase: [
    '(?:geben|schicken|senden|nennen|schreiben) sie mir (?:bitte )?(?:ihre|deine) (?:private |personliche )?(?:e-?mail|mail|nummer|handynummer|telefonnummer|handy|whatsapp|kontaktdaten)',
    '(?:gib|schick|sende|nenn) mir (?:bitte )?deine (?:private |personliche )?(?:e-?mail|mail|nummer|handynummer|telefonnummer|whatsapp)',
    '(?:wie (?:ist|lautet)|was ist) (?:ihre|deine) (?:private |personliche )?(?:e-?mail|mail|nummer|handynummer|telefonnummer|whatsapp)',
    '(?:ihre|deine|meine) (?:private|personliche|direkte) (?:e-?mail|mail|nummer|handynummer|telefonnummer|adresse)',
    '(?:rufen sie mich|ruf mich) (?:an|zuruck|unter)',
    '(?:schreiben sie (?:mir|uns)|schreib mir|kontaktieren sie (?:mich|uns)|melden sie sich|erreichen sie mich) (?:direkt|per|uber|auf|bei|unter|privat)',
    '(?:meine|unsere) (?:e-?mail|handynummer|telefonnummer|nummer|mail|whatsapp)(?:-?adresse)? (?:ist|lautet|:)',
    '(?:ausserhalb|auserhalb) (?:der|von) (?:plattform|marketplace|app|seite)',
  ],
  contactVerb: ['kontaktier[a-z]*', 'schreib[a-z]*', 'meld[a-z]*', 'folg[a-z]*', 'find[a-z]*', 'erreich[a-z]*', 'add[a-z]*'],
  registerAction: ['registrier[a-z]*', 'aktivier[a-z]*', 'verlanger[a-z]*', 'anmeld[a-z]*', 'freischalt[a-z]*', 'bestatig[a-z]*'],
  dataRequest: ['bestellnummer', 'formular', '(?:unsere[rn]?|diese[rn]?|die) (?:website|webseite|seite|link)', 'personliche(?:n)? daten', 'kontodaten', 'fragebogen'],
  threat: [
    '(?:sie werden|du wirst|das werden sie) (?:es|das) bereuen', 'bereuen', 'anwalt', 'anwaltin', 'anwalte', 'rechtsanwalt[a-z]*',
    '(?:rechtliche|juristische|gerichtliche) schritte', 'vor gericht', 'verklagen', 'klage', 'anzeige (?:erstatten|gegen)', 'strafanzeige',
    'abmahnung', 'verleumdung', 'ueble nachrede|uble nachrede', '(?:ich weiss|wir wissen),? wo (?:sie|du) wohn[a-z]*', '(?:ich kenne|wir kennen) (?:ihre|deine) (?:adresse|anschrift)', 'konsequenzen',
    'letzte warnung', 'ich warne (?:sie|dich)', 'seien sie gewarnt', 'bis sie (?:antworten|reagieren|die bewertung|ihre bewertung)',
    'jeden tag,? (?:bis|so lange)', 'so lange,? bis', 'hore nicht auf', '(?:weiter|taglich|jeden tag) (?:schreiben|kontaktieren|anrufen)', 'polizei', '(?:sonst|ansonsten) (?:gibt(?:s| es)|wird es|gibt das) (?:richtig |gewaltig |machtig )?(?:arger|probleme|konsequenzen)', 'das ist (?:unsere|meine) (?:zweite|dritte|vierte|letzte) (?:nachricht|erinnerung|mahnung)', 'wir verlangen eine antwort', 'zeige[n]? (?:ich |wir )?(?:sie|dich) an', 'anzeigen',
  ],
};
