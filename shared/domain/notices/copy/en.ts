import type { Block, Facts, SellerCopy } from '../letter';
import { heading, link, list, paragraph } from '../letter';

const greeting = (facts: Facts) => paragraph(facts.sellerName ? `Hello ${facts.sellerName},` : 'Hello,');

const POLICY =
  'Contact buyers only through the platform’s messaging service. Never ask a buyer to remove or change a review, and ' +
  'never make a refund, a gift or a payment conditional on a review.';

const closing = (facts: Facts): Block[] => [
  paragraph('Kind regards,\nTrust & Safety team'),
  paragraph(`Case reference: ${facts.caseId}\nSeller account: ${facts.sellerId}`),
];

/** Seller notices in English. */
export const en: SellerCopy = {
  locale: 'en-GB',

  warn: (facts) => ({
    subject: `Policy warning: contacting buyers about their reviews (case ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(`We have found activity on your seller account ${facts.sellerId} that breaches our policy on communicating with buyers.`),
      heading('What we observed'),
      list(facts.evidence),
      heading('Our policy'),
      paragraph(POLICY),
      heading('What happens next'),
      paragraph(
        'You do not need to do anything other than stop this practice straight away. If we see it again, we will assign you ' +
          'a mandatory course on this policy; if it continues after that, we will suspend your selling privileges.',
      ),
      paragraph(
        `If you believe this warning was sent in error, contact Seller Support from your seller console and quote case reference ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),

  coach: (facts) => ({
    subject: `Action required: complete the buyer communication course by ${facts.deadline} (case ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Following our earlier warning, we have again found activity on your seller account ${facts.sellerId} that breaches our policy on communicating with buyers:`,
      ),
      list(facts.evidence),
      paragraph(
        `We have therefore assigned you a mandatory course on communicating with buyers and on reviews. Please complete it by ${facts.deadline}:`,
      ),
      link('Start the course', facts.courseUrl),
      paragraph('When you have finished, report completion in your seller console; it will then be recorded against this case.'),
      heading('Our policy'),
      paragraph(POLICY),
      paragraph(`If the course is not completed by ${facts.deadline}, or if the practice continues, we will suspend your selling privileges.`),
      ...closing(facts),
    ],
  }),

  suspend: (facts) => ({
    subject: `Your selling privileges have been suspended (case ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `We have suspended the selling privileges of your account ${facts.sellerId} because of breaches of our policy on communicating with buyers. This is what we observed:`,
      ),
      list(facts.evidence),
      heading('Our policy'),
      paragraph(POLICY),
      heading('How to appeal'),
      paragraph(
        `To ask us to reinstate your account, send a plan of action to ${facts.appealAddress}, quoting case reference ${facts.caseId}. Your plan of action should set out:`,
      ),
      list([
        'the root cause: why these contacts with buyers happened;',
        'what you have fixed: the steps you have already taken to stop them;',
        'prevention: how you will make sure it does not happen again.',
      ]),
      paragraph('We review every plan of action and will reply to you by email.'),
      ...closing(facts),
    ],
  }),

  reinstated: (facts) => ({
    subject: `Your selling privileges have been reinstated (case ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `We have reviewed your plan of action and reinstated the selling privileges of your account ${facts.sellerId}. Thank you for the steps you have taken.`,
      ),
      paragraph('For your records, the case concerned the following:'),
      list(facts.evidence),
      paragraph(`Please keep to our policy: ${POLICY}`),
      paragraph('Any further breach may lead to your account being suspended again.'),
      ...closing(facts),
    ],
  }),

  'appeal-rejected': (facts) => ({
    subject: `Your appeal has not been accepted (case ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `We have reviewed your appeal for account ${facts.sellerId} and are unable to reinstate your selling privileges at this time. The suspension remains in place.`,
      ),
      paragraph('The case concerns the following:'),
      list(facts.evidence),
      paragraph(
        'A plan of action must set out the root cause, what you have already fixed and how you will prevent it from happening again, and it must address each of the points above.',
      ),
      paragraph(
        facts.appealAddress
          ? `You may send a revised plan of action to ${facts.appealAddress}, quoting case reference ${facts.caseId}.`
          : `You may submit a revised plan of action from your seller console, quoting case reference ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),
};
