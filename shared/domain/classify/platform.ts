/**
 * The one place that says which domains are "on platform". Links to these (and their subdomains),
 * and e-mail addresses at them, are neither contact handles nor off-platform contact.
 */
export const PLATFORM_DOMAINS: readonly string[] = ['marketplace.example'];

/**
 * Carrier tracking sites: a link to track a parcel is ordinary order handling, not a contact
 * channel, so these are not treated as handles either.
 */
export const CARRIER_DOMAINS: readonly string[] = [
  'dhl.com', 'dhl.de', 'ups.com', 'fedex.com', 'usps.com', 'royalmail.com', 'parcelforce.com', 'evri.com',
  'laposte.fr', 'colissimo.fr', 'chronopost.fr', 'dpd.com', 'dpd.fr', 'dpd.de', 'gls-group.eu', 'hermes.de',
  'myhermes.de', 'correos.es', 'seur.com', 'mrw.es', 'poste.it', 'brt.it', 'sda.it', 'postnl.nl',
];

function withinAny(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/** True for the platform's own hosts (including subdomains such as help.marketplace.example). */
export function isPlatformHost(host: string): boolean {
  return withinAny(host, PLATFORM_DOMAINS);
}

/** True for hosts whose links are allowed in messages: the platform's own and carrier tracking. */
export function isAllowedLinkHost(host: string): boolean {
  return withinAny(host, PLATFORM_DOMAINS) || withinAny(host, CARRIER_DOMAINS);
}
