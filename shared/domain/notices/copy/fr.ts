import type { Block, Facts, SellerCopy } from '../letter';
import { heading, link, list, paragraph } from '../letter';

const greeting = (facts: Facts) => paragraph(facts.sellerName ? `Bonjour ${facts.sellerName},` : 'Bonjour,');

const POLICY =
  'Contactez les acheteurs uniquement via la messagerie de la plateforme. Ne demandez jamais à un acheteur de supprimer ' +
  'ou de modifier un avis, et ne subordonnez jamais un remboursement, un cadeau ou un paiement à un avis.';

/** The explanations come from our systems in English; say so rather than leave it unexplained. */
const evidence = (facts: Facts): Block[] => [
  list(facts.evidence),
  // Lines written in this language (from the case's signals) need no note that they are in English.
  ...(facts.localised ? [] : [paragraph('Ces éléments sont reproduits tels qu’ils ont été enregistrés par nos systèmes, en anglais.')]),
];

const closing = (facts: Facts): Block[] => [
  paragraph('Cordialement,\nL’équipe Confiance et sécurité'),
  paragraph(`Référence du dossier : ${facts.caseId}\nCompte vendeur : ${facts.sellerId}`),
];

/** Seller notices in French. */
export const fr: SellerCopy = {
  locale: 'fr-FR',

  warn: (facts) => ({
    subject: `Avertissement : prise de contact avec des acheteurs au sujet de leurs avis (dossier ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Nous avons constaté sur votre compte vendeur ${facts.sellerId} des pratiques contraires à nos règles de communication avec les acheteurs.`,
      ),
      heading('Ce que nous avons constaté'),
      ...evidence(facts),
      heading('Ce que prévoient nos règles'),
      paragraph(POLICY),
      heading('La suite'),
      paragraph(
        'Aucune démarche n’est requise de votre part, si ce n’est de cesser immédiatement ces pratiques. Si nous les ' +
          'constatons de nouveau, une formation obligatoire sur nos règles vous sera assignée ; si elles se poursuivent ' +
          'ensuite, vos droits de vente seront suspendus.',
      ),
      paragraph(
        `Si vous pensez avoir reçu cet avertissement par erreur, contactez le support vendeurs depuis votre espace vendeur en indiquant la référence du dossier ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),

  coach: (facts) => ({
    subject: `Action requise : formation à suivre avant le ${facts.deadline} (dossier ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Malgré notre précédent avertissement, nous avons de nouveau constaté sur votre compte vendeur ${facts.sellerId} des pratiques contraires à nos règles de communication avec les acheteurs :`,
      ),
      ...evidence(facts),
      paragraph(
        `Nous vous avons donc assigné une formation obligatoire consacrée à la communication avec les acheteurs et aux avis. Nous vous remercions de la suivre avant le ${facts.deadline} :`,
      ),
      link('Accéder à la formation', facts.courseUrl),
      paragraph('Une fois la formation terminée, signalez-le depuis votre espace vendeur : elle sera alors enregistrée dans votre dossier.'),
      heading('Ce que prévoient nos règles'),
      paragraph(POLICY),
      paragraph(
        `Si la formation n’est pas suivie avant le ${facts.deadline}, ou si ces pratiques se poursuivent, vos droits de vente seront suspendus.`,
      ),
      ...closing(facts),
    ],
  }),

  suspend: (facts) => ({
    subject: `Suspension de vos droits de vente (dossier ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Nous avons suspendu les droits de vente de votre compte ${facts.sellerId} en raison de manquements à nos règles de communication avec les acheteurs. Voici ce que nous avons constaté :`,
      ),
      ...evidence(facts),
      heading('Ce que prévoient nos règles'),
      paragraph(POLICY),
      heading('Contester la suspension'),
      paragraph(
        `Pour demander le rétablissement de votre compte, envoyez un plan d’action à ${facts.appealAddress} en indiquant la référence du dossier ${facts.caseId}. Votre plan d’action doit préciser :`,
      ),
      list([
        'la cause profonde : pourquoi ces prises de contact ont eu lieu ;',
        'les mesures correctives : ce que vous avez déjà mis en place pour y mettre fin ;',
        'les mesures préventives : comment vous éviterez que cela se reproduise.',
      ]),
      paragraph('Nous examinons chaque plan d’action et vous répondrons par e-mail.'),
      ...closing(facts),
    ],
  }),

  reinstated: (facts) => ({
    subject: `Rétablissement de vos droits de vente (dossier ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Après examen de votre plan d’action, nous avons rétabli les droits de vente de votre compte ${facts.sellerId}. Nous vous remercions des mesures que vous avez prises.`,
      ),
      paragraph('Pour mémoire, le dossier portait sur les éléments suivants :'),
      ...evidence(facts),
      paragraph(`Nous vous rappelons nos règles : ${POLICY}`),
      paragraph('Tout nouveau manquement pourra entraîner une nouvelle suspension.'),
      ...closing(facts),
    ],
  }),

  'appeal-rejected': (facts) => ({
    subject: `Votre recours n’a pas été accepté (dossier ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Nous avons examiné votre recours concernant le compte ${facts.sellerId} et ne sommes pas en mesure de rétablir vos droits de vente pour le moment. La suspension est maintenue.`,
      ),
      paragraph('Le dossier porte sur les éléments suivants :'),
      ...evidence(facts),
      paragraph(
        'Un plan d’action doit exposer la cause profonde, les mesures correctives déjà prises et les dispositions qui ' +
          'empêcheront que cela se reproduise, en répondant à chacun des points ci-dessus.',
      ),
      paragraph(
        facts.appealAddress
          ? `Vous pouvez envoyer un plan d’action révisé à ${facts.appealAddress} en indiquant la référence du dossier ${facts.caseId}.`
          : `Vous pouvez soumettre un plan d’action révisé depuis votre espace vendeur en indiquant la référence du dossier ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),
};
