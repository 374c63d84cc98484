import type { Lexicon } from './types';

export const it: Lexicon = {
  reviewNoun: [
    'recension[a-z]*', 'valutazion[a-z]*', 'feedback', 'stelle', 'stella', 'comment[oi]', 'giudizi?o?', 'voto', '(?<!(?:mia|mio) )opinion[ei]', 'review',
  ],
  changeVerb: [
    'rimuov[a-z]*', 'rimoss[a-z]*', 'togli[a-z]*', 'tolt[a-z]*', 'tolg[a-z]*', 'spari(?:sca|re)', 'cancell[a-z]*', 'elimin[a-z]*', 'ritir[a-z]*', 'cambi[a-z]*',
    'modific[a-z]*', 'aggiorn[a-z]*', 'rived[a-z]*', 'rivalut[a-z]*', 'riconsider[a-z]*', 'corregg[a-z]*', 'migliorar[a-z]*',
    'alza(?:re|rla|rlo|rle|te|ta)?', 'alzi', 'portar(?:la|le|lo) a (?:4|5|quattro|cinque)', 'rimozione', 'rettific[a-z]*',
  ],
  positive: ['positiv[ae]', 'buona', 'buon', 'ottim[ao]', 'miglior[ei]?', 'favorevole', 'perfett[ao]', 'bella', '(?:5|cinque) stelle'],
  askVerb: ['lasci[a-z]*', 'mett[a-z]*', 'dar(?:e|ci|ne)', 'dia', 'scriver[a-z]*', 'ci aiuterebbe', 'apprezzeremmo', 'ci renderebbe', 'ci farebbe'],
  incentive: [
    'rimbors[a-z]*', 'regal[a-z]*', 'omaggi?o?', 'buon[oi] (?:sconto|regalo|acquisto)', 'scont[oi]', 'risarcim[a-z]*', 'gratis',
    'gratuit[a-z]*', 'compensazion[ei]', 'codice promo[a-z]*', 'pagher[a-z]*', 'bonifico',
  ],
  tie: ['se', 'una volta', 'appena', 'non appena', 'dopo', 'in cambio(?: di)?', 'per', 'quando', 'a condizione'],
  noStrings: ['onest[ao]', 'sincer[ao]', 'indipendentemente', 'a prescindere', 'senza condizioni', 'senza impegno', 'liber[oa]', 'nulla a che vedere', 'o cattiv[ao]', 'o negativ[ao]', 'o meno'],
  thanks: ["grazie (?:mille |ancora )?(?:per|della|dell'|di aver)", 'ringraziamo', 'ringrazio'],
  contactPhrase: [
    '(?:dammi|mandami|inviami|lasciami|passami|dimmi|mi dai|mi lasci|mi mandi|puoi darmi|potresti darmi|mi puo dare|mi dia|mi mandi) (?:il tuo|la tua|il suo|la sua|tuo|tua) (?:numero|email|e-mail|mail|cellulare|telefono|whatsapp|contatto|indirizzo email|insta(?:gram)?)',
    "(?:qual e|qual'e) (?:il tuo|la tua|il suo|la sua) (?:numero|email|e-mail|mail|cellulare|telefono|whatsapp)",
    '(?:scrivimi|scrivici|contattami|contattaci|mi scriva|mi contatti|ci scriva|ci contatti|scriveteci|contattateci) (?:direttamente|su|via|per|al|in privato|fuori|all)',
    'chiamami', 'mi chiami',
    '(?:il mio|il nostro|la mia) (?:numero|cellulare|email|e-mail|mail|whatsapp|telefono)(?: personale| privato)? (?:e|:)',
    '(?:email|e-mail|mail|numero|cellulare|telefono) (?:personale|privato|privata)',
    'fuori (?:dalla|della) (?:piattaforma|marketplace|app)',
  ],
  contactVerb: ['contatt[a-z]*', 'scriv[a-z]*', 'aggiung[a-z]*', 'segui[a-z]*', 'trova[a-z]*', 'sent[a-z]*'],
  registerAction: ['registr[a-z]*', 'attiv[a-z]*', 'convalid[a-z]*', 'estend[a-z]*', 'prolung[a-z]*'],
  dataRequest: ["numero (?:d'|di |dell')?ordine", 'modulo', '(?:il nostro|questo|il) (?:sito|link)', 'dati (?:personali|bancari)', 'questionario'],
  threat: [
    'te ne pentirai', 've ne pentirete', 'se ne pentira', 'ti pentirai', 'avvocat[oi]', '(?:il mio|il nostro) legale',
    'azion[ei] legal[ei]', 'vie legali', 'denunc[a-z]*', 'querel[a-z]*', 'tribunale', 'in giudizio', 'diffamazione',
    '(?:so|sappiamo) dove (?:abiti|vivi|abita)', '(?:conosco|conosciamo) il (?:suo|tuo) indirizzo', 'conseguenze', 'ultimo (?:avvertimento|avviso)', '(?:la|ti) avverto', 'sei avvisat[oa]',
    'finche non (?:rispond|togli|rimuov|cambi|cancell|modific)[a-z]*', 'finche (?:[a-z]+ ){1,3}non (?:sara|verra|e stata|viene) (?:modificat|rimoss|cancellat|tolt|cambiat)[a-z]*', '(?:ogni giorno|tutti i giorni) finche', 'continuero a scriver[a-z]*',
    'non smettero', 'non smetteremo', 'continueremo a scriver[a-z]*', 'questo e il nostro (?:secondo|terzo|quarto|ultimo) (?:messaggio|sollecito|avviso)', 'pretendiamo una risposta', 'polizia', 'carabinieri',
  ],
};
