import type { Lexicon } from './types';

export const fr: Lexicon = {
  reviewNoun: [
    "(?<!(?:mon|a mon|de|d'un) )avis(?! de (?:passage|reception|livraison))", 'commentaire[a-z]*', "com(?=')", 'comms?', 'evaluation[a-z]*', 'notes?', 'etoiles?',
    'appreciations?', 'notation',
  ],
  changeVerb: [
    'supprim[a-z]*', 'retir[a-z]*', 'enlev[a-z]*', 'effac[a-z]*', 'modifi[a-z]*', 'chang[a-z]*', 'mettre a jour',
    'mise? a jour', 'mettiez a jour', 'revoir', 'revoyiez', 'reconsider[a-z]*', 'corrig[a-z]*', 'ameliorer', 'rehausser',
    'augmenter', 'annul[a-z]*', 'revis[a-z]*', 'remonter', 'retrait', 'suppression', 'passer a (?:4|5|quatre|cinq)',
  ],
  positive: ['positi(?:f|ve)s?', 'bon(?:ne)?s?', 'excellente?s?', 'favorables?', 'meilleure?s?', 'super', 'parfaite?s?', '(?:5|cinq) etoiles'],
  askVerb: [
    'laiss[a-z]*', 'mett(?:re|ez|iez)', 'mets', 'donn(?:er|ez|iez)', 'attribu[a-z]*', 'ecri(?:re|vez)', 'aiderait',
    'nous ferait (?:tres |vraiment )?plaisir', 'nous rendrait',
    'apprecierions', 'serait gentil',
  ],
  incentive: [
    'rembours[a-z]*', 'cadeaux?', "bons? d'achat", 'reduction', 'remise', 'geste commercial', 'dedommag[a-z]*',
    'codes? promo', 'avoir', 'geste', 'carte cadeau', 'gratuit[a-z]*', 'compensation', 'paie(?:rai|rons)', 'virement', 'offr(?:e|ons|irai|irons)',
  ],
  tie: ['si', 'une fois', 'des que', 'apres', 'en echange(?: de)?', 'contre', 'pour', 'a condition', 'lorsque', 'quand'],
  noStrings: ['honnete', 'sincere', 'quelle que soit', 'sans condition', 'aucune obligation', 'independamment', 'libre de', 'rien a voir', 'ou mauvaise?', 'ou negati(?:f|ve)', 'ou non'],
  thanks: ["merci (?:beaucoup |encore )?(?:pour|d'avoir|de votre|de vos)", "merci (?:beaucoup |encore )?de l'avoir", 'remercions', 'remercie'],
  contactPhrase: [
    "(?:envoy|donn|communiqu|laiss|pass|indiqu)(?:ez|e|er)[- ](?:moi|nous) (?:votre|ton|ta|vos) (?:adresse )?(?:e-?mail|mail|courriel|numero|portable|telephone|tel|whatsapp|contact|insta)",
    "(?:quel est|c'est quoi) (?:votre|ton|ta) (?:adresse )?(?:e-?mail|mail|courriel|numero|portable|telephone|whatsapp)",
    "(?:ecri(?:vez|s)|contact(?:ez|e)|appel(?:ez|le)|envoyez)[- ](?:moi|nous) (?:directement|par (?:e-?mail|mail|sms|telephone|whatsapp)|sur (?:whatsapp|telegram|insta|mon|ma)|en prive|au \\+?\\d|a l'adresse)",
    '(?:appelez|appelle)[- ]moi',
    '(?:mon|notre|ma) (?:adresse )?(?:e-?mail|mail|courriel|numero|portable|telephone|whatsapp)(?: perso(?:nnel)?| prive)? (?:est|:)',
    '(?:e-?mail|mail|courriel|numero|telephone|portable|adresse e-?mail) (?:perso|personnel(?:le)?|prive(?:e)?)',
    "(?:en dehors|hors) (?:de )?(?:la |cette )?(?:plateforme|marketplace|place de marche|messagerie|l'application|site)",
  ],
  contactVerb: ['contact[a-z]*', 'ecri[a-z]*', 'ajout[a-z]*', 'suiv[a-z]*', 'retrouv[a-z]*', 'joindre', 'discuter'],
  registerAction: ['enregistr[a-z]*', 'activ[a-z]*', 'valid[a-z]*', 'prolong[a-z]*', 'inscri[a-z]*', 'beneficier'],
  dataRequest: [
    'numero de commande', 'formulaire', '(?:notre|ce|le) (?:site|lien)', 'coordonnees', 'donnees (?:personnelles|bancaires)', 'questionnaire',
  ],
  threat: [
    '(?:vous (?:allez|aller)|tu vas) le regretter', 'vous le regretterez', 'tu le regretteras', 'poursuites', 'poursuivre en justice',
    'actions? en justice', 'port[a-z]* plainte', 'deposer (?:une )?plainte', '(?:mon|notre|nos) avocats?', 'tribuna(?:l|ux)', 'mise en demeure',
    'diffamation', '(?:je sais|nous savons|on sait) ou (?:vous habitez|tu habites)', '(?:je connais|nous connaissons) votre adresse', 'consequences', 'dernier avertissement',
    '(?:je|nous) vous previens', 'je te previens', 'vous etes prevenue?',
    "jusqu'a ce que (?:vous|tu) (?:repond|retir|supprim|chang|modifi)[a-z]*", "tous les jours jusqu'a", 'continuer(?:ai|ons)? a vous (?:ecrire|contacter|relancer)', 'je vous relancerai', 'vous relancer',
    'je ne (?:lacherai|m\'arreterai) pas', 'appeler la police', 'vous signaler', '(?:je|nous|on) (?:vous|te) signal[a-z]*', 'harceler', 'c\'est (?:notre|mon) (?:deuxieme|troisieme|quatrieme|dernier) (?:message|rappel|relance)', 'nous exigeons une reponse',
  ],
};
