/**
 * Renders the simulator's message templates (tools/sim/texts.ts) through its exported API, for
 * the classifier's regression check and the realistic-mix benchmark. Each (intent, language) is
 * rendered under many seeds, so every template of a bank is drawn with varied contexts (products,
 * amounts, tracking links, handles and sites written plain or obfuscated).
 */
import { Rng } from '../../tools/sim/prng';
import {
  AGENTS,
  LANGS,
  PRODUCTS,
  buyerText,
  giftSite,
  madeUpDomain,
  newHandle,
  questionAndAnswer,
  sellerText,
  shopName,
  writeHandle,
  writeSite,
} from '../../tools/sim/texts';
import type { BuyerIntent, Lang, SellerIntent, TextContext } from '../../tools/sim/texts';

const MARKET: Readonly<Record<Lang, string>> = { en: 'US', fr: 'FR', de: 'DE', es: 'ES', it: 'IT' };

/** Tracking numbers and carrier links like the simulator's (its helper is not exported). */
function tracking(rng: Rng, lang: Lang): { number: string; url: string } {
  switch (lang) {
    case 'en': {
      const n = `1Z${rng.alnum(6)}${rng.digits(10)}`;
      return { number: n, url: `https://www.ups.com/track?tracknum=${n}` };
    }
    case 'fr': {
      const n = `6A${rng.digits(11)}`;
      return { number: n, url: `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}` };
    }
    case 'de': {
      const n = `00340434${rng.digits(12)}`;
      return { number: n, url: `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${n}` };
    }
    case 'es': {
      const n = `PQ${rng.digits(10)}ES`;
      return { number: n, url: `https://www.correos.es/es/es/herramientas/localizador/envios?numero=${n}` };
    }
    case 'it': {
      const n = rng.digits(12);
      return { number: n, url: `https://www.brt.it/it/tracking?code=${n}` };
    }
  }
}

export function makeContext(rng: Rng, lang: Lang): TextContext {
  const shop = shopName(rng);
  const amountN = rng.pick([5, 10, 15, 20, 25, 30, 50]);
  const cents = `${rng.int(5, 129)}.${rng.pick(['99', '95', '49', '00', '90'])}`;
  const us = lang === 'en';
  const orderId = `${rng.pick(['111', '302', '402', '406', '404'])}-${rng.digits(7)}-${rng.digits(7)}`;
  const track = tracking(rng, lang);
  const handle = writeHandle(rng, newHandle(rng, MARKET[lang]), lang);
  return {
    lang,
    product: rng.pick(PRODUCTS[lang]),
    shop,
    agent: rng.pick(AGENTS[lang]),
    amount: us ? `$${amountN}` : `${amountN} €`,
    price: us ? `$${cents}` : `${cents.replace('.', ',')} €`,
    days: rng.int(2, 7),
    tracking: track.number,
    trackingUrl: track.url,
    orderId,
    site: writeSite(rng, rng.chance(0.5) ? giftSite(rng, shop).domain : madeUpDomain(rng)),
    handle: handle.text,
    helpUrl: rng.pick([
      `https://www.marketplace.example/orders/${orderId}`,
      'https://www.marketplace.example/help/returns',
      'https://help.marketplace.example/orders',
    ]),
    channel: handle.channel,
  };
}

export const HONEST_SELLER: readonly SellerIntent[] = ['shipped', 'followup', 'help', 'refund', 'keepHere'];
export const VIOLATING_SELLER: readonly SellerIntent[] = ['solicit', 'pressure', 'giftFunnel', 'handleContact'];
export const BUYER: readonly BuyerIntent[] = ['buyerThanks', 'buyerIssue', 'buyerRefuse', 'buyerAccept'];

export interface Rendered {
  readonly kind: SellerIntent | BuyerIntent | 'qa';
  readonly lang: Lang;
  readonly text: string;
}

/** `samples` renderings of every intent in every language (distinct texts only). */
export function renderAll(samples: number, seed = 1): Rendered[] {
  const out: Rendered[] = [];
  const seen = new Set<string>();
  const add = (r: Rendered) => {
    if (seen.has(r.text)) return;
    seen.add(r.text);
    out.push(r);
  };
  for (const lang of LANGS) {
    const rng = new Rng(seed, `render-${lang}`);
    for (let i = 0; i < samples; i += 1) {
      for (const intent of [...HONEST_SELLER, ...VIOLATING_SELLER]) add({ kind: intent, lang, text: sellerText(rng, intent, makeContext(rng, lang)) });
      for (const intent of BUYER) add({ kind: intent, lang, text: buyerText(rng, intent, makeContext(rng, lang)) });
      const qa = questionAndAnswer(rng, makeContext(rng, lang));
      add({ kind: 'qa', lang, text: qa.question });
      add({ kind: 'qa', lang, text: qa.answer });
    }
  }
  return out;
}

/** The label a violating seller intent must carry. */
export const EXPECTED_LABEL = {
  solicit: 'review_manipulation',
  pressure: 'intimidation',
  giftFunnel: 'off_platform_contact',
  handleContact: 'off_platform_contact',
} as const;
