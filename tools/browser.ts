/**
 * Headless Chromium for the browser test and the benchmark: the Chromium that ships inside the
 * @sparticuz/chromium npm package (so `npm ci` brings it; nothing is downloaded at run time),
 * driven by playwright-core. OFFSIDE_CHROMIUM names another executable (for instance Debian's
 * /usr/bin/chromium) where that package's build does not run.
 */
import chromium from '@sparticuz/chromium';
import type { Browser } from 'playwright-core';
import { chromium as playwright } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.OFFSIDE_CHROMIUM ?? (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    args: [...chromium.args, '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
  });
}
