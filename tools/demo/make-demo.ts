/**
 * Writes the demo stream: events/demo/marketplace.jsonl (v1 CloudEvents, one per line),
 * events/demo/complaints.json (console-intake buyer complaints) and events/demo/malformed.jsonl
 * (lines that break the contract, for the dead-letter path).
 *
 * Deterministic: the simulator's seeded draws and clock (tools/sim/prng.ts, tools/sim/time.ts) and
 * fixed dates only, so running it twice gives the same bytes.
 * The story and the cast are in events/demo/README.md and events/demo/cast.ts.
 *
 *   npx tsx tools/demo/make-demo.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CAST } from '../../events/demo/cast';
import type { Draws } from '../sim/prng';
import { Mulberry32 } from '../sim/prng';
import type { Market } from '../sim/time';
import { DAY, HOUR, MIN, SEC, isoLocal, isoMs, isoZ, localMidnight, offsetMinutes, wholeSeconds } from '../sim/time';

export const DEMO_DIR = join(import.meta.dirname, '../../events/demo');
export const DEMO_SEED = 20260105;

export interface DemoFiles {
  /** events/demo/marketplace.jsonl */
  readonly marketplace: string;
  /** events/demo/complaints.json */
  readonly complaints: string;
  /** events/demo/malformed.jsonl */
  readonly malformed: string;
}

export interface DemoComplaint {
  readonly buyerId: string;
  readonly sellerId: string;
  readonly orderId?: string;
  readonly channel: 'email' | 'phone' | 'sms' | 'social' | 'other';
  readonly summary: string;
  readonly receivedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and time: the simulator's draws (over mulberry32, see Mulberry32) and
// its clock and daylight-saving rules.

/**
 * `n` decimal digits, one draw each. The simulator's `digits` takes nine from a draw; the committed
 * demo was drawn this way, so its order, buyer and tracking numbers keep it.
 */
function digitsOneByOne(rng: Draws, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(rng.int(0, 9));
  return out;
}

const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad date ${iso}`);
  return t;
};

const START = at(DEMO_CAST.period.start);
const END = at(DEMO_CAST.period.end);
const DAYS = Math.round((END - START) / DAY);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** A random span between lo and hi hours, to the second. */
const hours = (rng: Draws, lo: number, hi: number) => rng.int(lo * 3600, hi * 3600) * SEC;
/** A random moment during office hours (09:00 to 19:00 local) on the local day of t. */
function officeHours(rng: Draws, market: Market, t: number): number {
  return localMidnight(market, t) + hours(rng, 9, 19);
}
const yyyymmdd = (t: number) => new Date(t).toISOString().slice(0, 10).replaceAll('-', '');

// ---------------------------------------------------------------------------------------------
// Texts. Reviews by seller and sentiment; messages by seller. No real personal data anywhere.

interface ReviewText {
  readonly title?: string;
  readonly body?: string;
}
interface ReviewBank {
  readonly pos: readonly ReviewText[];
  readonly mid: readonly ReviewText[];
  readonly neg: readonly ReviewText[];
}

const REVIEWS: Record<string, ReviewBank> = {
  CW: {
    pos: [
      { title: 'Works great in the air fryer', body: 'Even coating and no weird propellant taste. Will buy again.' },
      { title: 'Good value', body: 'Lasts a long time and the nozzle has not clogged once.' },
      { title: 'Love it', body: 'Perfect for pans and baking sheets.' },
      { title: 'Five stars' },
      { title: 'Nice fine spray', body: 'Uses far less oil than pouring from the bottle. Happy with it.' },
      { body: 'Arrived quickly, well packed, does what it says.' },
      { title: 'My go-to spray', body: 'Third can I have bought. Great for eggs.' },
      {},
      { title: 'Great for baking', body: 'Muffins pop right out of the tin.' },
    ],
    mid: [
      { title: 'OK but pricey', body: 'Works fine, but $10 for this size is a lot.' },
      { title: 'Spray a bit uneven', body: 'The pattern gets spotty near the end of the can.' },
      { body: 'It is fine. Nothing special.' },
    ],
    neg: [
      { title: 'Leaked in the box', body: 'Half of it was on the packaging when it arrived.' },
      { title: 'Clogged after 3 uses', body: 'Nozzle stopped working and I cannot get it to spray.' },
      { title: 'Not as pictured', body: 'The listing shows a pump bottle, I got an aerosol can.' },
      { title: 'Smells rancid', body: 'The oil smelled off straight out of the can.' },
      { title: 'Mostly air', body: 'Can felt empty after a week of light use.' },
    ],
  },
  KE: {
    pos: [
      { title: 'Razor sharp out of the box', body: 'Slices tomatoes like nothing. Great balance.' },
      { title: 'Beautiful knife', body: 'Feels solid and well made, good weight in the hand.' },
      { title: 'Holds an edge', body: 'Two months of daily use and still sharp.' },
      { title: 'Great set for the price', body: 'The block looks nice on the counter.' },
      { body: 'Exactly what I needed.' },
      { title: 'Five stars' },
      {},
      { title: 'Gift for my dad', body: 'He loves it, uses it every day.' },
    ],
    mid: [
      { title: 'Sharp but slippery', body: 'Handle gets slippery when wet.' },
      { title: 'Block is flimsy', body: 'Knives are good, the block feels cheap.' },
      { body: 'Decent, not as sharp as my old one.' },
    ],
    neg: [
      { title: 'Rust spots after a week', body: 'Hand washed and dried, still got rust spots.' },
      { title: 'Dull out of the box', body: 'Could not cut paper. Disappointed.' },
      { title: 'Handle cracked', body: 'Small crack near the bolster after a few uses.' },
    ],
  },
  ML: {
    pos: [
      { title: 'Très belle lampe', body: 'Lumière douce, conforme à la description.' },
      { title: 'Odeur agréable', body: 'La bougie sent bon et tient longtemps.' },
      { title: 'Parfait', body: 'Emballage soigné, livraison rapide.' },
      { body: 'Très contente de mon achat.' },
      { title: 'Joli cadeau' },
      {},
      { title: 'Je recommande', body: 'Deuxième commande, toujours aussi bien.' },
    ],
    mid: [
      { title: 'Correct sans plus', body: 'Un peu petite par rapport aux photos.' },
      { body: 'Le parfum est léger, on le sent à peine.' },
    ],
    neg: [
      { title: 'Arrivée cassée', body: 'Le verre était fêlé à la livraison.' },
      { title: 'Ne sent rien', body: 'Aucune odeur, même allumée pendant une heure.' },
      { title: 'Ampoule grillée', body: 'La lampe ne marche plus au bout de deux jours.' },
      { title: 'Déçue', body: 'La mèche se noie dans la cire après dix minutes.' },
    ],
  },
  KP: {
    pos: [
      { title: 'Präzise und handlich', body: 'Wiegt aufs Gramm genau, sehr zufrieden.' },
      { title: 'Gutes Preis-Leistungs-Verhältnis', body: 'Macht, was sie soll.' },
      { title: 'Funktioniert einwandfrei' },
      { body: 'Schnelle Lieferung, gut verpackt.' },
      {},
      { title: 'Top', body: 'Schönes Design, leicht zu reinigen.' },
    ],
    mid: [
      { title: 'Ganz okay', body: 'Das Display ist schwer abzulesen.' },
      { body: 'Funktioniert, aber die Tara-Taste klemmt manchmal.' },
    ],
    neg: [
      { title: 'Zeigt falsches Gewicht an', body: 'Mit einem 500-g-Paket Mehl getestet: 470 g.' },
      { title: 'Nach einer Woche defekt', body: 'Display bleibt schwarz, neue Batterien helfen nicht.' },
      { title: 'Batteriefach bricht ab', body: 'Die Klappe ist beim ersten Öffnen abgebrochen.' },
      { title: 'Messbecher undicht', body: 'Der Becher tropft an der Naht.' },
    ],
  },
  CF: {
    pos: [
      { title: 'Ottima moka', body: 'Fa un caffè buonissimo, come quella della nonna.' },
      { title: 'Padella eccellente', body: 'Non attacca niente, si lava in un attimo.' },
      { title: 'Consigliata' },
      { body: 'Arrivata in due giorni, imballaggio perfetto.' },
      {},
      { title: 'Soddisfatto', body: 'Buona qualità per il prezzo.' },
    ],
    mid: [
      { title: 'Discreta', body: 'Il manico si scalda un po’ troppo.' },
      { body: 'Va bene, ma più piccola di quanto pensassi.' },
    ],
    neg: [
      { title: 'Perde dalla guarnizione', body: 'Esce acqua dalla guarnizione già al primo utilizzo.' },
      { title: 'Il manico si è staccato', body: 'Dopo due settimane il manico è venuto via.' },
      { title: 'Rivestimento rovinato', body: 'Il rivestimento si stacca dopo pochi lavaggi.' },
      { title: 'Sa di metallo', body: 'Il caffè ha un sapore metallico anche dopo dieci lavaggi.' },
    ],
  },
  OS: {
    pos: [
      { title: 'Preciosa', body: 'La madera de olivo es bonita y huele muy bien.' },
      { title: 'Muy bien acabada', body: 'Se nota que está hecha a mano.' },
      { title: 'Calidad', body: 'Resistente y agradable al tacto.' },
      { body: 'Llegó rápido y bien embalada.' },
      {},
    ],
    mid: [{ title: 'Bien', body: 'Más pequeña de lo que esperaba.' }],
    neg: [{ title: 'Se agrietó', body: 'Se abrió una grieta después del primer lavado.' }],
  },
};

const COOKWELL_GIFT = [
  'Hi! Thank you for your order of Cookwell Oil Spray. As a thank-you we would like to send you a FREE gift ' +
    '(silicone brush set). Just register your warranty at cookwell-gifts [dot] com with your order number and ' +
    'e-mail so we can ship it. Cheers, the Cookwell team',
  'Your Cookwell spray should have arrived! Claim your free gift + 2-year warranty: go to cookwell-gifts(.)com/claim ' +
    'and enter your order # and your best email address. Takes 30 seconds!',
  'Hello from Cookwell :) Don’t forget your FREE gift. Fill in the short form at cookwell-gifts . com ' +
    '(order number, e-mail and shipping address) and we will send it right out.',
];
const COOKWELL_GIFT_SEED =
  'Hi! Thank you for your order of Cookwell Oil Spray. As a thank-you we would like to send you a FREE gift ' +
  '(silicone brush set). Just register your warranty at cookwell-gifts [dot] com with your order number and ' +
  'e-mail so we can ship it. Cheers, the Cookwell team';
const COOKWELL_GIFT_Q = [
  'Is this legit? Why do you need my email?',
  'Do I have to fill in the form to get the gift?',
  'The link does not open for me.',
];
const COOKWELL_GIFT_A = [
  'Yes, 100% legit! The form just needs your email + order number so our warehouse can match your gift.',
  'Yes please, fill in the form at cookwell-gifts [dot] com with your order number and e-mail, the gift ships the same week.',
  'Sorry about that! Try cookwell-gifts . com/claim and enter your order number and your personal e-mail.',
];

const KEENEDGE_Q = [
  ['Hi, is the chef knife dishwasher safe?', 'Hi! We recommend hand washing to keep the edge and the handle in top shape. Thanks for asking!'],
  ['Does the set come with a sharpener?', 'Hello, the 5-piece set includes a honing rod but not a sharpener. Happy cooking!'],
  [
    'My package says delivered but I cannot find it.',
    'Sorry about that! Carriers sometimes mark parcels early. If it has not shown up by tomorrow, reply here and we will send a replacement.',
  ],
  [
    'Can I get an invoice for my company?',
    'Of course, you can download the invoice from your order page: https://www.marketplace.example/orders. Let us know if anything is missing.',
  ],
  ['When will my order ship?', 'It ships today, you can follow it here: https://www.ups.com/track?tracknum=1Z999AA10123456784'],
] as const;
const KEENEDGE_THANKS_3STAR =
  'Hi, thank you for your feedback on the knife block. We have passed it on to our product team. ' +
  'If you need anything for your order, just reply here.';

const LUMIERE_REFUND = [
  'Bonjour, nous sommes désolés que votre commande ne vous ait pas donné satisfaction. Nous avons procédé au ' +
    'remboursement intégral ; inutile de nous renvoyer l’article. Bonne journée, l’équipe Maison Lumière.',
  'Bonjour, toutes nos excuses pour ce désagrément. Le remboursement complet a été émis aujourd’hui, aucun retour ' +
    'n’est nécessaire. Nous restons à votre disposition ici si besoin.',
  'Bonjour, nous avons bien noté le problème. Votre commande est remboursée en totalité, vous pouvez garder ' +
    'l’article. Merci d’avoir pris le temps de nous écrire.',
];
const LUMIERE_THANKS = ['Merci beaucoup pour votre réactivité.', 'Merci, c’est très gentil.', 'Bien reçu, merci !'];
const LUMIERE_SHIPPED = (code: string) =>
  `Bonjour, votre commande a été expédiée ce matin. Suivi : https://www.laposte.fr/outils/suivre-vos-envois?code=${code} Bonne réception !`;

const KUECHEN_SOLICIT = [
  'Hallo, es tut uns sehr leid, dass die Waage nicht Ihren Erwartungen entspricht. Wir erstatten Ihnen gerne den ' +
    'vollen Kaufpreis, wenn Sie Ihre Bewertung löschen. Vielen Dank für Ihr Verständnis!',
  'Guten Tag, als Entschuldigung bieten wir Ihnen einen Gutschein über 20 € an, sobald Sie Ihre Rezension auf ' +
    '5 Sterne ändern. Geben Sie uns hier einfach kurz Bescheid.',
  'Hallo, könnten Sie Ihre Bewertung bitte noch einmal überdenken? Wir überweisen Ihnen den Betrag sofort zurück, ' +
    'sobald die Bewertung entfernt ist.',
  'Sehr geehrte Kundin, sehr geehrter Kunde, wir bieten Ihnen 100 % Erstattung für eine Aktualisierung Ihrer ' +
    'Bewertung auf 5 Sterne. Bitte antworten Sie hier, wenn Sie einverstanden sind.',
];
const KUECHEN_PRESSURE =
  'Schade. Wir werden Ihnen so lange weiter schreiben, bis die Bewertung geändert ist. Bitte erledigen Sie das ' +
  'bis Freitag.';
const KUECHEN_YES = ['Okay, ich habe die Bewertung geändert. Bitte jetzt erstatten.', 'Erledigt.'];
const KUECHEN_NO = ['Nein danke, meine Bewertung bleibt so.', 'Das finde ich nicht in Ordnung. Die Bewertung bleibt.'];
const KUECHEN_SHIPPED = 'Hallo, Ihre Bestellung wurde heute versandt. Vielen Dank für Ihren Einkauf!';

const CUCINA_WHATSAPP = [
  'Gentile cliente, ci dispiace per il problema. Per risolvere subito ci scriva su WhatsApp: wa.me/393123456789 ' +
    '(oppure +39 312 345 6789). Grazie!',
  'Buongiorno, siamo il servizio clienti di Cucina Felice. La contatteremo su WhatsApp al +39 312 345 6789 per ' +
    'trovare una soluzione, ci risponda lì.',
];
const CUCINA_PRESSURE =
  'Buongiorno, le abbiamo scritto più volte su WhatsApp senza risposta. Continueremo a contattarla finché non ci ' +
  'risponde: wa.me/393123456789';
const CUCINA_BUYER_NO = 'Preferisco parlare qui sulla piattaforma, grazie.';
const CUCINA_SHIPPED = (code: string) =>
  `Buongiorno, il suo ordine è partito oggi. Può seguirlo qui: https://www.brt.it/it/tracking?code=${code}`;

const OLIVAR_SHIPPED = (code: string) =>
  `¡Hola! Su pedido ha salido hoy desde Jaén. Seguimiento: https://www.correos.es/es/es/herramientas/localizador/envios?numero=${code} ¡Gracias por su compra!`;

// ---------------------------------------------------------------------------------------------
// The stream.

interface Line {
  readonly t: number;
  readonly seq: number;
  readonly id: string;
  readonly json: string;
}

interface SellerSpec {
  readonly sellerId: string;
  readonly tag: string;
  readonly market: Market;
  readonly language: string;
  readonly orderPrefixes: readonly string[];
  readonly products: readonly string[];
  readonly ordersPerDay: number;
  readonly reviewRate: number;
  /** Relative weights of ratings 1..5. */
  readonly ratingWeights: readonly [number, number, number, number, number];
  readonly reportActor: string;
  readonly reportAppId?: string;
  /** Local hour of the routine orders report. */
  readonly reportHour: number;
}

interface Order {
  readonly spec: SellerSpec;
  readonly orderId: string;
  readonly buyerId: string;
  readonly productId: string;
  readonly placedAt: number;
  readonly deliveredAt: number;
  readonly scripted: boolean;
}

interface Review {
  readonly reviewId: string;
  readonly order: Order;
  rating: number;
  readonly postedAt: number;
  edits: number;
}

const SPECS = {
  CW: {
    sellerId: 'S-COOKWELL',
    tag: 'CW',
    market: 'US',
    language: 'en-US',
    orderPrefixes: ['111', '112', '113', '114'],
    products: ['B0OILSPRAY1', 'B0OILSPRAY1', 'B0OILSPRAY1', 'B0OILSPRAY2'],
    ordersPerDay: 4.2,
    reviewRate: 0.3,
    ratingWeights: [3, 3, 8, 24, 62],
    reportActor: 'U-COOKWELL-OWNER',
    reportHour: 6,
  },
  KE: {
    sellerId: 'S-KEENEDGE',
    tag: 'KE',
    market: 'US',
    language: 'en-US',
    orderPrefixes: ['111', '112', '113', '114'],
    products: ['B0CHEFKNIF8', 'B0CHEFKNIF8', 'B0KNIFESET5'],
    ordersPerDay: 4.8,
    reviewRate: 0.28,
    ratingWeights: [3, 4, 9, 26, 58],
    reportActor: 'APP-LABELPRO',
    reportAppId: 'APP-LABELPRO',
    reportHour: 7,
  },
  ML: {
    sellerId: 'S-MAISONLUMIERE',
    tag: 'ML',
    market: 'FR',
    language: 'fr-FR',
    orderPrefixes: ['402', '403'],
    products: ['B0BOUGIE001', 'B0BOUGIE001', 'B0LAMPE0002'],
    ordersPerDay: 2.4,
    reviewRate: 0.34,
    ratingWeights: [6, 6, 12, 26, 50],
    reportActor: 'APP-LABELPRO',
    reportAppId: 'APP-LABELPRO',
    reportHour: 8,
  },
  KP: {
    sellerId: 'S-KUECHENPROFI',
    tag: 'KP',
    market: 'DE',
    language: 'de-DE',
    orderPrefixes: ['302', '303', '304'],
    products: ['B0WAAGE0001', 'B0WAAGE0001', 'B0MESSBECH2'],
    ordersPerDay: 2,
    reviewRate: 0.36,
    ratingWeights: [10, 9, 10, 25, 46],
    reportActor: 'U-KUECHENPROFI-LAGER',
    reportHour: 7,
  },
  CF: {
    sellerId: 'S-CUCINAFELICE',
    tag: 'CF',
    market: 'IT',
    language: 'it-IT',
    orderPrefixes: ['404', '405'],
    products: ['B0MOKAPOT03', 'B0MOKAPOT03', 'B0PADELLA01'],
    ordersPerDay: 2,
    reviewRate: 0.36,
    ratingWeights: [10, 9, 10, 25, 46],
    reportActor: 'U-CUCINAFELICE-OWNER',
    reportHour: 9,
  },
  OS: {
    sellerId: 'S-OLIVARDELSUR',
    tag: 'OS',
    market: 'ES',
    language: 'es-ES',
    orderPrefixes: ['406'],
    products: ['B0CUCHARA01', 'B0CUCHARA01', 'B0TABLA0002'],
    ordersPerDay: 0.3,
    reviewRate: 0.5,
    ratingWeights: [0, 3, 7, 25, 65],
    reportActor: 'U-OLIVARDELSUR-OWNER',
    reportHour: 10,
  },
} as const satisfies Record<string, SellerSpec>;

class DemoBuilder {
  readonly lines: Line[] = [];
  readonly complaints: DemoComplaint[] = [];
  private seq = 0;
  private readonly usedOrderIds = new Set<string>();
  private readonly usedBuyerIds = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(readonly rng: Draws) {
    for (const flip of DEMO_CAST.seedSellerFlips) this.usedBuyerIds.add(flip.buyerId);
  }

  private nextNumber(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  private emit(t: number, type: string, source: string, id: string, time: string, sellerId: string, data: object) {
    if (t < START || t > END) throw new Error(`${id} at ${time} is outside the demo period`);
    const envelope: Record<string, unknown> = { specversion: '1.0', id, source, type, time };
    // Most producers set subject (the seller id); a few leave it out, as the contract allows.
    if (!this.rng.chance(0.07)) envelope['subject'] = sellerId;
    envelope['datacontenttype'] = 'application/json';
    envelope['data'] = data;
    this.lines.push({ t: wholeSeconds(t), seq: this.seq++, id, json: JSON.stringify(envelope) });
  }

  newOrderId(spec: SellerSpec): string {
    for (;;) {
      const id = `${this.rng.pick(spec.orderPrefixes)}-${digitsOneByOne(this.rng, 7)}-${digitsOneByOne(this.rng, 7)}`;
      if (!this.usedOrderIds.has(id)) {
        this.usedOrderIds.add(id);
        return id;
      }
    }
  }

  newBuyerId(market: Market): string {
    for (;;) {
      const id = `B-${market}-${digitsOneByOne(this.rng, 6)}`;
      if (!this.usedBuyerIds.has(id)) {
        this.usedBuyerIds.add(id);
        return id;
      }
    }
  }

  /** Orders are not events; they only show up through reports, reviews and messages. */
  randomOrders(spec: SellerSpec): Order[] {
    const orders: Order[] = [];
    for (let day = 0; day < DAYS; day++) {
      const dayMidnight = START + day * DAY - offsetMinutes(spec.market, START + day * DAY) * MIN;
      const n = this.rng.poisson(spec.ordersPerDay);
      for (let i = 0; i < n; i++) {
        const placedAt = dayMidnight + this.rng.int(7 * 60, 23 * 60 + 50) * MIN + this.rng.int(0, 59) * SEC;
        orders.push(this.order(spec, placedAt));
      }
    }
    return orders;
  }

  order(spec: SellerSpec, placedAt: number, fixed?: { orderId: string; buyerId: string; productId: string; deliveredAt: number }): Order {
    if (fixed) {
      this.usedOrderIds.add(fixed.orderId);
      this.usedBuyerIds.add(fixed.buyerId);
      return { spec, ...fixed, placedAt, scripted: true };
    }
    const deliveredAt = placedAt + this.rng.int(2, 4) * DAY + this.rng.int(-3 * 60, 3 * 60) * MIN;
    return {
      spec,
      orderId: this.newOrderId(spec),
      buyerId: this.newBuyerId(spec.market),
      productId: this.rng.pick(spec.products),
      placedAt,
      deliveredAt,
      scripted: false,
    };
  }

  /** The routine orders report: each morning, with buyer PII, covering the orders placed since the last one. */
  routineReports(spec: SellerSpec, orders: readonly Order[], weeklyExtra?: { reportType: string; weekday: number }) {
    const sorted = [...orders].sort((a, b) => a.placedAt - b.placedAt);
    let previous = START;
    let next = 0;
    for (let day = 1; day <= DAYS; day++) {
      const dayStart = START + day * DAY;
      const dayMidnight = dayStart - offsetMinutes(spec.market, dayStart) * MIN;
      const t = dayMidnight + spec.reportHour * HOUR + this.rng.int(0, 55) * MIN + this.rng.int(0, 59_999);
      if (t > END) break;
      const covered: string[] = [];
      while (next < sorted.length && (sorted[next]?.placedAt ?? Infinity) < t) {
        const order = sorted[next++];
        if (order && order.placedAt >= previous) covered.push(order.orderId);
      }
      if (covered.length > 0) {
        previous = t;
        this.report(spec, t, `D-${spec.tag}-${yyyymmdd(t)}-ORD`, 'orders', true, covered, spec.reportActor, spec.reportAppId);
      }
      if (weeklyExtra && new Date(dayStart).getUTCDay() === weeklyExtra.weekday) {
        const t2 = t + this.rng.int(5, 90) * MIN;
        this.report(spec, t2, `D-${spec.tag}-${yyyymmdd(t2)}-INV`, weeklyExtra.reportType, false, [], spec.reportActor, spec.reportAppId);
      }
    }
  }

  report(
    spec: SellerSpec,
    t: number,
    downloadId: string,
    reportType: string,
    containsBuyerPii: boolean,
    orderIds: readonly string[],
    actorId: string,
    appId?: string,
  ) {
    const data: Record<string, unknown> = { downloadId, sellerId: spec.sellerId, actorId };
    if (appId !== undefined) data['appId'] = appId;
    Object.assign(data, { reportType, containsBuyerPii, orderIds });
    const ms = Math.floor(t);
    this.emit(ms, 'report.downloaded', 'marketplace/reports', `evt-rd-${downloadId}`, isoMs(ms), spec.sellerId, data);
  }

  /** A targeted look-up by the third-party app: buyer PII for orders that already have a (negative) review. */
  lookup(spec: SellerSpec, t: number, downloadId: string, orderIds: readonly string[], reportType = 'customer-contacts') {
    this.report(spec, t, downloadId, reportType, true, orderIds, 'APP-SHIPMATCH', 'APP-SHIPMATCH');
  }

  ratingText(spec: SellerSpec, rating: number): ReviewText {
    const bank = REVIEWS[spec.tag];
    if (!bank) throw new Error(`no reviews for ${spec.tag}`);
    return this.rng.pick(rating >= 4 ? bank.pos : rating === 3 ? bank.mid : bank.neg);
  }

  postReview(order: Order, t: number, rating: number, text?: ReviewText, reviewId?: string): Review {
    const spec = order.spec;
    const id = reviewId ?? `R-${spec.tag}-${pad(this.nextNumber(`R-${spec.tag}`), 5)}`;
    const chosen = text ?? this.ratingText(spec, rating);
    const data: Record<string, unknown> = {
      reviewId: id,
      orderId: order.orderId,
      productId: order.productId,
      sellerId: spec.sellerId,
      buyerId: order.buyerId,
      rating,
      marketplace: spec.market,
    };
    if (chosen.title !== undefined) data['title'] = chosen.title;
    if (chosen.body !== undefined) data['body'] = chosen.body;
    this.emit(t, 'review.posted', 'marketplace/reviews', `evt-rp-${id}`, isoZ(t), spec.sellerId, data);
    return { reviewId: id, order, rating, postedAt: t, edits: 0 };
  }

  editReview(review: Review, t: number, rating: number, body?: string) {
    const order = review.order;
    const data: Record<string, unknown> = {
      reviewId: review.reviewId,
      orderId: order.orderId,
      productId: order.productId,
      sellerId: order.spec.sellerId,
      buyerId: order.buyerId,
      rating,
      previousRating: review.rating,
    };
    if (body !== undefined) data['body'] = body;
    review.edits += 1;
    this.emit(t, 'review.edited', 'marketplace/reviews', `evt-re-${review.reviewId}-${review.edits}`, isoZ(t), order.spec.sellerId, data);
    review.rating = rating;
  }

  removeReview(review: Review, t: number, removedBy: 'buyer' | 'platform') {
    const order = review.order;
    this.emit(t, 'review.removed', 'marketplace/reviews', `evt-rr-${review.reviewId}`, isoZ(t), order.spec.sellerId, {
      reviewId: review.reviewId,
      orderId: order.orderId,
      productId: order.productId,
      sellerId: order.spec.sellerId,
      buyerId: order.buyerId,
      previousRating: review.rating,
      removedBy,
    });
  }

  message(order: Order, t: number, sender: 'seller' | 'buyer', body: string, messageId?: string) {
    const spec = order.spec;
    const id = messageId ?? `M-${spec.tag}-${pad(this.nextNumber(`M-${spec.tag}`), 5)}`;
    this.emit(t, 'message.sent', 'marketplace/messages', `evt-ms-${id}`, isoLocal(t, spec.market), spec.sellerId, {
      messageId: id,
      threadId: `T-${order.orderId}`,
      sellerId: spec.sellerId,
      buyerId: order.buyerId,
      orderId: order.orderId,
      sender,
      body,
      language: spec.language,
    });
  }

  /** Random reviews for the non-scripted orders; returns them in time order. */
  randomReviews(orders: readonly Order[], minDelay = DAY, maxDelay = 14 * DAY): Review[] {
    const reviews: Review[] = [];
    for (const order of orders) {
      if (order.scripted || !this.rng.chance(order.spec.reviewRate)) continue;
      const t = order.deliveredAt + minDelay + Math.floor(this.rng.next() * (maxDelay - minDelay));
      const rating = this.rng.weighted(order.spec.ratingWeights) + 1;
      if (t > END - HOUR) continue;
      reviews.push(this.postReview(order, t, rating));
    }
    return reviews.sort((a, b) => a.postedAt - b.postedAt);
  }

  within(t: number): boolean {
    return t < END - 10 * MIN;
  }
}

// ---------------------------------------------------------------------------------------------
// The sellers.

function cookwell(b: DemoBuilder) {
  const spec = SPECS.CW;
  const rng = b.rng;
  const { seed } = DEMO_CAST;
  const [flipP, flipY, flipR] = DEMO_CAST.seedSellerFlips;
  const [lookup1, lookup2, lookup3] = DEMO_CAST.seedSellerLookups;
  if (!flipP || !flipY || !flipR || !lookup1 || !lookup2 || !lookup3) throw new Error('cast is incomplete');

  const scripted = (orderId: string, buyerId: string, placed: string, delivered: string, productId = 'B0OILSPRAY1') =>
    b.order(spec, at(placed), { orderId, buyerId, productId, deliveredAt: at(delivered) });
  // The three targeted look-ups cover these negative reviews (orders ids are fixed in the cast).
  const p = scripted(flipP.orderId, flipP.buyerId, '2026-01-06T15:02:11Z', '2026-01-09T19:40:00Z');
  const q = scripted('112-5729044-1180352', 'B-US-287340', '2026-01-07T01:47:30Z', '2026-01-10T17:15:00Z', 'B0OILSPRAY2');
  const x = scripted('112-3178650-9023417', 'B-US-640215', '2026-01-20T13:20:05Z', '2026-01-23T18:05:00Z');
  const y = scripted(flipY.orderId, flipY.buyerId, '2026-01-21T22:31:47Z', '2026-01-24T20:30:00Z');
  const seedOrder = scripted(seed.orderId, seed.buyerId, '2026-01-22T23:10:42Z', '2026-01-26T19:31:00Z');
  const r = scripted(flipR.orderId, flipR.buyerId, '2026-02-12T16:44:09Z', '2026-02-15T18:20:00Z');
  const s = scripted('112-9461183-2265079', 'B-US-392618', '2026-02-13T03:12:56Z', '2026-02-16T21:00:00Z');
  const scriptedOrders = [p, q, x, y, seedOrder, r, s];

  const orders = [...b.randomOrders(spec), ...scriptedOrders];
  b.routineReports(spec, orders, { reportType: 'inventory-health', weekday: 1 });

  // The automated "free gift" message right after delivery, pointing to the external form.
  for (const order of [...orders].sort((a, c) => a.placedAt - c.placedAt)) {
    if (order === seedOrder) {
      b.message(order, at('2026-01-26T21:02:37Z'), 'seller', COOKWELL_GIFT_SEED, seed.giftMessageId);
      continue;
    }
    if (!order.scripted && !rng.chance(0.9)) continue;
    const t = order.deliveredAt + rng.int(40, 300) * MIN;
    if (!b.within(t)) continue;
    const template = rng.int(0, COOKWELL_GIFT.length - 1);
    b.message(order, t, 'seller', COOKWELL_GIFT[template] ?? '');
    if (!order.scripted && rng.chance(0.05)) {
      const tq = t + rng.int(60, 480) * MIN;
      const ta = tq + rng.int(20, 180) * MIN;
      const i = rng.int(0, COOKWELL_GIFT_Q.length - 1);
      if (b.within(ta)) {
        b.message(order, tq, 'buyer', COOKWELL_GIFT_Q[i] ?? '');
        b.message(order, ta, 'seller', COOKWELL_GIFT_A[i] ?? '');
      }
    }
  }
  b.randomReviews(orders);

  // January: two negative reviews, a night-time look-up by the app, and one of them disappears.
  const rp = b.postReview(p, at('2026-01-12T18:40:13Z'), 1, REVIEWS.CW?.neg[0], flipP.reviewId);
  b.postReview(q, at('2026-01-13T23:05:51Z'), 2, REVIEWS.CW?.neg[1], 'R-CW-NOZZ2873');
  b.lookup(spec, at('2026-01-16T09:12:07.552Z'), lookup1.downloadId, lookup1.orderIds);
  b.removeReview(rp, at('2026-01-22T19:05:40Z'), 'buyer');

  // The seed: her 1-star review, the look-up covering her order and two other negative reviewers.
  b.postReview(x, at('2026-01-27T16:48:22Z'), 2, {
    title: 'Sputters and drips',
    body: 'Spray sputters and drips oil all over the counter.',
  }, 'R-CW-DRIP6402');
  b.postReview(seedOrder, at(seed.reviewTime), seed.reviewRating, {
    title: 'It’s a mist, not oil',
    body:
      'Arrived as a mist, not oil. Paid $10 for a can that is mostly propellant; it barely coats the pan. ' +
      'Does not match the listing at all.',
  }, seed.reviewId);
  const ry = b.postReview(y, at('2026-01-30T02:15:09Z'), flipY.from, REVIEWS.CW?.neg[1], flipY.reviewId);
  b.lookup(spec, at(seed.lookupTime), lookup2.downloadId, lookup2.orderIds);
  b.editReview(ry, at('2026-02-10T01:33:27Z'), 5, 'Seller made it right. Great product after all!');

  // February: another pair, another look-up, another flip.
  const rr = b.postReview(r, at('2026-02-19T15:27:44Z'), flipR.from, REVIEWS.CW?.neg[3], flipR.reviewId);
  b.postReview(s, at('2026-02-21T22:09:18Z'), 2, REVIEWS.CW?.neg[2], 'R-CW-PUMP3926');
  b.lookup(spec, at('2026-02-25T07:48:31.907Z'), lookup3.downloadId, lookup3.orderIds, 'orders');
  b.editReview(rr, at('2026-03-03T00:51:02Z'), 4, 'Updated: the seller sorted it out.');

  b.complaints.push(
    {
      buyerId: seed.buyerId,
      sellerId: seed.sellerId,
      orderId: seed.orderId,
      channel: 'email',
      summary:
        'I left a 1-star review for the oil spray because it arrived as a mist, not oil. About a week later the ' +
        'seller started e-mailing my personal address, offering a full refund if I remove the review, and wrote ' +
        'that they would keep e-mailing until I answer. I accepted the refund but kept my review. The e-mails ' +
        'keep coming and the refund never arrived. The only place I gave my e-mail was a "free gift" warranty ' +
        'form the seller sent me after delivery, which asked for my e-mail and order number.',
      receivedAt: seed.complaintReceivedAt,
    },
    {
      buyerId: x.buyerId,
      sellerId: spec.sellerId,
      orderId: x.orderId,
      channel: 'email',
      summary:
        'The seller e-mailed me offering a $25 gift card if I change my 2-star review to 5 stars. I never gave ' +
        'them my e-mail address.',
      receivedAt: '2026-02-12T14:31:00Z',
    },
    {
      buyerId: s.buyerId,
      sellerId: spec.sellerId,
      orderId: s.orderId,
      channel: 'phone',
      summary:
        'Someone from Cookwell called my cell phone twice about my review and offered a refund if I delete it. ' +
        'I did not give them my number.',
      receivedAt: '2026-03-09T18:02:00Z',
    },
  );
}

function keenEdge(b: DemoBuilder) {
  const spec = SPECS.KE;
  const rng = b.rng;
  const flip = DEMO_CAST.honestFlipAfterHelp;
  const h = b.order(spec, at('2026-02-03T17:25:33Z'), {
    orderId: '113-0556871-4451207',
    buyerId: flip.buyerId,
    productId: 'B0CHEFKNIF8',
    deliveredAt: at('2026-02-06T16:10:00Z'),
  });
  const rant = b.order(spec, at('2026-01-14T20:05:12Z'), {
    orderId: '114-7730164-2208391',
    buyerId: 'B-US-902114',
    productId: 'B0KNIFESET5',
    deliveredAt: at('2026-01-17T18:45:00Z'),
  });
  const photos = b.order(spec, at('2026-02-22T14:40:50Z'), {
    orderId: '112-6019245-8834470',
    buyerId: 'B-US-318846',
    productId: 'B0KNIFESET5',
    deliveredAt: at('2026-02-25T19:00:00Z'),
  });
  const orders = [...b.randomOrders(spec), h, rant, photos];
  b.routineReports(spec, orders);
  b.report(spec, at('2026-01-12T14:03:11.204Z'), 'D-KE-20260112-INV', 'inventory-health', false, [], 'U-KEENEDGE-OPS');
  b.report(spec, at('2026-02-09T14:11:48.930Z'), 'D-KE-20260209-INV', 'inventory-health', false, [], 'U-KEENEDGE-OPS');
  b.report(spec, at('2026-03-09T13:58:05.017Z'), 'D-KE-20260309-INV', 'inventory-health', false, [], 'U-KEENEDGE-OPS');

  // Buyer questions around delivery, answered on the platform.
  for (const order of orders) {
    if (order.scripted || !rng.chance(0.05)) continue;
    const [question, answer] = rng.pick(KEENEDGE_Q);
    const tq = order.placedAt + hours(rng, 2, 60);
    const ta = tq + rng.int(30, 360) * MIN;
    if (!b.within(ta)) continue;
    b.message(order, tq, 'buyer', question);
    b.message(order, ta, 'seller', answer);
  }

  // Normal churn: positive reviews nudged up or down, the odd later downgrade, a thank-you for a 3-star.
  for (const review of b.randomReviews(orders)) {
    const later = review.postedAt + rng.int(10, 35) * DAY + hours(rng, 0, 23);
    if (review.rating >= 4 && rng.chance(0.06) && b.within(later)) {
      b.editReview(review, later, review.rating === 5 ? 4 : 5, review.rating === 5 ? 'Still good, handle shows some wear.' : 'Even better after a month.');
    } else if (review.rating >= 4 && rng.chance(0.02) && b.within(later)) {
      b.editReview(review, later, 2, 'Update: rust spots started after a month.');
    } else if (review.rating === 3 && rng.chance(0.4)) {
      const t = review.postedAt + hours(rng, 3, 20);
      if (b.within(t)) b.message(review.order, t, 'seller', KEENEDGE_THANKS_3STAR);
    }
  }

  // The honest flip: a help message that never mentions the review, then the buyer updates it.
  const rh = b.postReview(h, at('2026-02-09T23:14:55Z'), 2, {
    title: 'Tip snapped',
    body: 'The tip snapped off in the first week cutting a squash.',
  }, flip.reviewId);
  b.message(h, at('2026-02-10T15:30:12Z'), 'seller',
    'Hi, we are sorry the tip broke. We have shipped a replacement knife at no cost; the tracking number is on ' +
      'your order page. No need to return the damaged one. Let us know here if there is anything else we can do.');
  b.message(h, at('2026-02-10T23:02:40Z'), 'buyer', 'Thank you, that was fast!');
  b.editReview(rh, at('2026-02-16T01:12:09Z'), 4, 'Tip snapped on the first knife, the seller sent a replacement right away. The new one is great.');

  // A review the platform removes (it advertises another shop).
  const rr = b.postReview(rant, at('2026-01-20T04:41:17Z'), 1, {
    title: 'SCAM',
    body: 'Total scam company. Buy from my shop instead, much better knives.',
  }, 'R-KE-SPAM9021');
  b.removeReview(rr, at('2026-01-21T10:20:00Z'), 'platform');

  // Hard negative for the classifier: the seller mentions e-mail only to keep the buyer on the platform.
  b.message(photos, at('2026-02-26T01:15:30Z'), 'buyer', 'One knife has a scratch. Can I e-mail you photos?');
  b.message(photos, at('2026-02-26T14:02:11Z'), 'seller',
    'Sorry about the scratch! Please attach the photos right here in this thread; we keep all communication on ' +
      'the platform and will never ask for your personal e-mail.');
  b.message(photos, at('2026-02-26T16:40:27Z'), 'buyer', 'Photos attached.');
}

function maisonLumiere(b: DemoBuilder) {
  const spec = SPECS.ML;
  const rng = b.rng;
  const orders = b.randomOrders(spec);
  b.routineReports(spec, orders);
  for (const order of orders) {
    if (!rng.chance(0.08)) continue;
    const t = order.placedAt + hours(rng, 14, 30);
    if (b.within(t)) b.message(order, t, 'seller', LUMIERE_SHIPPED(`6A${digitsOneByOne(rng, 11)}`));
  }
  // Unconditional refunds after negative reviews; the reviews stay. Refunds show up in a weekly
  // returns report, which covers already-reviewed orders but carries no buyer PII.
  const refunded: { orderId: string; t: number }[] = [];
  for (const review of b.randomReviews(orders)) {
    if (review.rating > 2 || !rng.chance(0.85)) continue;
    const t = review.postedAt + hours(rng, 3, 20);
    if (!b.within(t)) continue;
    b.message(review.order, t, 'seller', rng.pick(LUMIERE_REFUND));
    refunded.push({ orderId: review.order.orderId, t });
    const tb = t + hours(rng, 2, 10);
    if (rng.chance(0.5) && b.within(tb)) b.message(review.order, tb, 'buyer', rng.pick(LUMIERE_THANKS));
  }
  for (let monday = at('2026-01-12T08:30:00Z'); monday < END; monday += 7 * DAY) {
    const covered = refunded.filter((x) => x.t < monday && x.t >= monday - 7 * DAY).map((x) => x.orderId);
    const t = monday + rng.int(0, 40) * MIN + rng.int(0, 59_999);
    b.report(spec, t, `D-ML-${yyyymmdd(t)}-RET`, 'returns', false, covered, 'U-MAISONLUMIERE-COMPTA');
  }
}

function kuechenProfi(b: DemoBuilder) {
  const spec = SPECS.KP;
  const rng = b.rng;
  const orders = b.randomOrders(spec);
  b.routineReports(spec, orders, { reportType: 'settlement', weekday: 4 });
  for (const order of orders) {
    if (!rng.chance(0.1)) continue;
    const t = order.placedAt + hours(rng, 12, 28);
    if (b.within(t)) b.message(order, t, 'seller', KUECHEN_SHIPPED);
  }
  // Every review of 3 stars or less gets an on-platform offer tied to the review.
  let k = 0;
  for (const review of b.randomReviews(orders)) {
    if (review.rating > 3) continue;
    const t = officeHours(rng, spec.market, review.postedAt + rng.int(1, 2) * DAY);
    if (!b.within(t + 5 * DAY)) continue;
    const order = review.order;
    b.message(order, t, 'seller', KUECHEN_SOLICIT[k % KUECHEN_SOLICIT.length] ?? '');
    switch (k % 4) {
      case 0: {
        const te = t + hours(rng, 10, 40);
        b.editReview(review, te, 5, 'Problem gelöst, alles gut.');
        b.message(order, te + rng.int(2, 30) * MIN, 'buyer', rng.pick(KUECHEN_YES));
        break;
      }
      case 1: {
        const tr = t + hours(rng, 3, 20);
        b.message(order, tr, 'buyer', rng.pick(KUECHEN_NO));
        b.message(order, officeHours(rng, spec.market, tr + 3 * DAY), 'seller', KUECHEN_PRESSURE);
        break;
      }
      case 2:
        b.removeReview(review, t + hours(rng, 40, 90), 'buyer');
        break;
      default:
        break;
    }
    k++;
  }
}

function cucinaFelice(b: DemoBuilder) {
  const spec = SPECS.CF;
  const rng = b.rng;
  const orders = b.randomOrders(spec);
  b.routineReports(spec, orders);
  for (const order of orders) {
    if (!rng.chance(0.1)) continue;
    const t = order.placedAt + hours(rng, 12, 28);
    if (b.within(t)) b.message(order, t, 'seller', CUCINA_SHIPPED(digitsOneByOne(rng, 12)));
  }
  // Negative reviews are batched into night-time look-ups by the same app the seed seller uses.
  const negatives = b.randomReviews(orders).filter((r) => r.rating <= 2);
  const batches: { t: number; reviews: Review[] }[] = [];
  for (const review of negatives) {
    const open = batches[batches.length - 1];
    if (open && open.t > review.postedAt + 6 * HOUR) open.reviews.push(review);
    else {
      const dayAfter = review.postedAt + rng.int(2, 3) * DAY;
      const night = dayAfter - (dayAfter % DAY) + hours(rng, 1, 4) + rng.int(0, 999);
      if (b.within(night + 12 * DAY)) batches.push({ t: night, reviews: [review] });
    }
  }
  let k = 0;
  let complained = false;
  for (const [i, batch] of batches.entries()) {
    const downloadId = `D-CF-${yyyymmdd(batch.t)}-SM${i + 1}`;
    b.lookup(spec, batch.t, downloadId, batch.reviews.map((r) => r.order.orderId), i % 2 === 0 ? 'customer-contacts' : 'orders');
    for (const review of batch.reviews) {
      const order = review.order;
      switch (k % 4) {
        case 0:
          b.removeReview(review, batch.t + rng.int(3, 7) * DAY + hours(rng, 0, 23), 'buyer');
          break;
        case 1: {
          const t = officeHours(rng, spec.market, batch.t + rng.int(2, 4) * DAY);
          b.message(order, t, 'seller', CUCINA_WHATSAPP[(k >> 2) % CUCINA_WHATSAPP.length] ?? '');
          b.message(order, t + rng.int(40, 240) * MIN, 'buyer', CUCINA_BUYER_NO);
          if (k % 8 === 1) b.message(order, officeHours(rng, spec.market, t + rng.int(4, 6) * DAY), 'seller', CUCINA_PRESSURE);
          break;
        }
        case 2:
          b.editReview(review, batch.t + rng.int(4, 9) * DAY + hours(rng, 0, 23), 5, 'Il venditore ha risolto, grazie.');
          break;
        default:
          if (!complained) {
            complained = true;
            b.complaints.push({
              buyerId: order.buyerId,
              sellerId: spec.sellerId,
              channel: 'other',
              summary:
                'Dopo la mia recensione negativa il venditore mi ha scritto su WhatsApp al mio numero privato, ' +
                'offrendomi un rimborso se cancello la recensione. Non ho mai dato il mio numero al venditore.',
              receivedAt: isoZ(batch.t + 6 * DAY + hours(rng, 9, 17)),
            });
          }
          break;
      }
      k++;
    }
  }
}

function olivarDelSur(b: DemoBuilder) {
  const spec = SPECS.OS;
  const rng = b.rng;
  const flip = DEMO_CAST.smallSellerFlip;
  const f = b.order(spec, at('2026-02-02T10:21:37Z'), {
    orderId: '406-7003185-1942260',
    buyerId: flip.buyerId,
    productId: 'B0CUCHARA01',
    deliveredAt: at('2026-02-05T12:40:00Z'),
  });
  const orders = [...b.randomOrders(spec), f];
  b.routineReports(spec, orders);
  for (const order of orders) {
    if (order.scripted || !rng.chance(0.3)) continue;
    const t = order.placedAt + hours(rng, 18, 40);
    if (b.within(t)) b.message(order, t, 'seller', OLIVAR_SHIPPED(`PQ${digitsOneByOne(rng, 10)}ES`));
  }
  b.randomReviews(orders);
  // The one flip: the buyer changes her mind on her own. No message, no look-up.
  const rf = b.postReview(f, at('2026-02-09T19:03:44Z'), 2, {
    title: 'Tiene una grieta',
    body: 'La cuchara llegó con una grieta en el mango.',
  }, flip.reviewId);
  b.editReview(rf, at('2026-02-16T20:47:15Z'), 5, 'Perdón, no era una grieta sino la veta de la madera. Preciosa.');
}

// ---------------------------------------------------------------------------------------------
// Delivery: sort by time, then a few late deliveries and duplicate deliveries, as a queue does.

function deliver(rng: Draws, lines: Line[], lateIds: readonly string[], duplicateIds: readonly string[]): string[] {
  const out = [...lines].sort((a, b) => a.t - b.t || a.seq - b.seq);
  const indexOf = (id: string) => out.findIndex((line) => line.id === id);

  // Late deliveries: the named ones plus a few random ones, each moved some lines later.
  const late = [...lateIds];
  while (late.length < lateIds.length + 7) {
    const candidate = out[rng.int(50, out.length - 60)];
    if (candidate && !late.includes(candidate.id) && !duplicateIds.includes(candidate.id)) late.push(candidate.id);
  }
  for (const id of late) {
    const i = indexOf(id);
    const line = out[i];
    if (!line) throw new Error(`no line ${id}`);
    out.splice(i, 1);
    let j = Math.min(i + rng.int(3, 40), out.length);
    // Land behind a strictly later event, so the line is really out of order.
    while (j < out.length && (out[j - 1]?.t ?? Infinity) <= line.t) j++;
    out.splice(j, 0, line);
  }

  // Duplicate deliveries: the same line again, verbatim, somewhat later in the file.
  const dups = [...duplicateIds];
  while (dups.length < duplicateIds.length + 4) {
    const candidate = out[rng.int(0, out.length - 150)];
    if (candidate && !dups.includes(candidate.id)) dups.push(candidate.id);
  }
  for (const id of dups) {
    const i = indexOf(id);
    const line = out[i];
    if (!line) throw new Error(`no line ${id}`);
    out.splice(Math.min(i + rng.int(20, 140), out.length), 0, line);
  }
  return out.map((line) => line.json);
}

// ---------------------------------------------------------------------------------------------
// Lines that break the contract, each in a different way (for the dead-letter path).

function malformedLines(): string[] {
  const review = (id: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      specversion: '1.0',
      id,
      source: 'marketplace/reviews',
      type: 'review.posted',
      time: '2026-02-03T09:15:00Z',
      subject: 'S-KEENEDGE',
      datacontenttype: 'application/json',
      ...extra,
      data: {
        reviewId: `R-BAD-${id.slice(-1)}`,
        orderId: '113-0000000-0000001',
        productId: 'B0CHEFKNIF8',
        sellerId: 'S-KEENEDGE',
        buyerId: 'B-US-000001',
        rating: 4,
        marketplace: 'US',
        ...data,
      },
    });
  const full = review('evt-bad-1', {});
  return [
    // 1. Not JSON: the line was cut off in transit.
    full.slice(0, full.length - 40),
    // 2. A required field is missing (data.buyerId).
    review('evt-bad-2', { buyerId: undefined }),
    // 3. Rating out of range.
    review('evt-bad-3', { rating: 7 }),
    // 4. A type the contract does not know.
    review('evt-bad-4', {}, { type: 'order.placed' }),
    // 5. A timestamp without an offset.
    review('evt-bad-5', {}, { time: '2026-02-03T09:15:00' }),
    // 6. A boolean sent as a string.
    JSON.stringify({
      specversion: '1.0',
      id: 'evt-bad-6',
      source: 'marketplace/reports',
      type: 'report.downloaded',
      time: '2026-02-03T07:30:00.000Z',
      subject: 'S-COOKWELL',
      data: {
        downloadId: 'D-BAD-6',
        sellerId: 'S-COOKWELL',
        actorId: 'U-COOKWELL-OWNER',
        reportType: 'orders',
        containsBuyerPii: 'yes',
        orderIds: ['112-0000000-0000006'],
      },
    }),
  ];
}

// ---------------------------------------------------------------------------------------------

/** Builds the three demo files in memory. Same seed, same bytes. */
export function generateDemo(seed: number = DEMO_SEED): DemoFiles {
  const rng = new Mulberry32(seed);
  const b = new DemoBuilder(rng);
  cookwell(b);
  keenEdge(b);
  maisonLumiere(b);
  kuechenProfi(b);
  cucinaFelice(b);
  olivarDelSur(b);

  const [, flipY] = DEMO_CAST.seedSellerFlips;
  const lines = deliver(
    rng,
    b.lines,
    // A flip arrives a little late, and so does a routine report.
    [`evt-re-${flipY?.reviewId ?? ''}-1`, 'evt-rd-D-CW-20260203-ORD'],
    // The seed review and the seed look-up are delivered twice.
    [`evt-rp-${DEMO_CAST.seed.reviewId}`, `evt-rd-${DEMO_CAST.seed.lookupDownloadId}`],
  );
  const complaints = [...b.complaints].sort((a, c) => at(a.receivedAt) - at(c.receivedAt));
  return {
    marketplace: lines.join('\n') + '\n',
    complaints: JSON.stringify(complaints, null, 2) + '\n',
    malformed: malformedLines().join('\n') + '\n',
  };
}

export function writeDemo(dir: string = DEMO_DIR): DemoFiles {
  const files = generateDemo();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'marketplace.jsonl'), files.marketplace);
  writeFileSync(join(dir, 'complaints.json'), files.complaints);
  writeFileSync(join(dir, 'malformed.jsonl'), files.malformed);
  return files;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = writeDemo();
  const count = (text: string) => text.split('\n').filter((line) => line.length > 0).length;
  console.log(
    `wrote ${DEMO_DIR}: marketplace.jsonl (${count(files.marketplace)} lines), ` +
      `complaints.json (${(JSON.parse(files.complaints) as unknown[]).length} complaints), ` +
      `malformed.jsonl (${count(files.malformed)} lines)`,
  );
}
