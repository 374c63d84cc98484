/**
 * What the product is configured with where nothing is real (the local stand-ins, replay, tests):
 * a hash key that guards no real data, and reserved example domains for every link and address,
 * so nothing local ever reaches a real mailbox.
 */
import type { LadderWorkflow } from '../ports/ladder-workflow';

/** A development-only key: local and in-memory runs never hold real data. */
export const DEVELOPMENT_HASH_KEY = 'offside-development-key-not-for-production-use';

/** Where coached sellers learn, where suspended ones appeal, and where the legal team is told of a legal hold. */
export const DEVELOPMENT_LADDER_LINKS = {
  courseUrl: 'https://sellercentral.marketplace.example/learn/communication-policy',
  appealAddress: 'appeals@marketplace.example',
  legalTeamAddress: 'legal-holds@trust-safety.marketplace.example',
} as const;

/** Buyers who complained are written to through the marketplace's buyer relay; they contest decisions here. */
export const DEVELOPMENT_BUYER_RELAY = {
  buyerNoticeDomain: 'buyers.marketplace.example',
  noticeContestAddress: 'notice-review@marketplace.example',
} as const;

/** Where local notices come from. */
export const DEVELOPMENT_SENDER = 'Marketplace Trust & Safety <trust-safety@marketplace.example>';

/** The workflow of a composition given none: it runs nothing, and says so when asked to. */
export const NO_LADDER_WORKFLOW: LadderWorkflow = {
  start: () => Promise.reject(new Error('this composition has no ladder workflow: give it one to start executions')),
  stop: () => Promise.reject(new Error('this composition has no ladder workflow')),
  resume: () => Promise.reject(new Error('this composition has no ladder workflow')),
  refuse: () => Promise.reject(new Error('this composition has no ladder workflow')),
};
