/** The roles people hold on the console: who may approve which rung follows from them. */
export const ROLES = ['analyst', 'legal', 'admin'] as const;
export type Role = (typeof ROLES)[number];
