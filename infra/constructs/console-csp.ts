/**
 * The web console's Content-Security-Policy, one list of directives for CloudFront (console-hosting.ts)
 * and for npm start's console site (tools/local/console-site.ts). Only `connect-src` differs: on
 * AWS the console also talks to the API's and the sign-in domain's origins.
 */
export const consoleContentSecurityPolicy = (otherConnectSources = ''): string =>
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'" +
  (otherConnectSources === '' ? '' : ` ${otherConnectSources}`);
