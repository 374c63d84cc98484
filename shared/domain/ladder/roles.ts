/** The roles people hold on the console: who may approve which rung follows from them. */
export const PERSON_ROLES = ['analyst', 'legal', 'admin'] as const;
/**
 * A machine caller with its own credentials (a client-credentials token, never a person's): the
 * marketplace's help centre relaying a buyer's complaint, its seller relay relaying an appeal.
 */
export const SERVICE_ROLE = 'service';
export const ROLES = [...PERSON_ROLES, SERVICE_ROLE] as const;
export type Role = (typeof ROLES)[number];
/** The OAuth scope a service's token carries (a Cognito resource server `offside`, scope `intake`). */
export const SERVICE_SCOPE = 'offside/intake';
