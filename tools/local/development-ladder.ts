/**
 * Where local runs (npm start, replay, tests) send coached sellers, where suspended ones appeal,
 * and where the legal team is told of a legal hold: reserved example domains, so nothing local
 * ever reaches a real mailbox.
 */
export const DEVELOPMENT_LADDER_LINKS = {
  courseUrl: 'https://sellercentral.marketplace.example/learn/communication-policy',
  appealAddress: 'appeals@marketplace.example',
  legalTeamAddress: 'legal-holds@trust-safety.marketplace.example',
} as const;
