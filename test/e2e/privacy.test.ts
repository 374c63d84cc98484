/**
 * No contact data in clear anywhere. `npm start` (the real command, in a child process, logging
 * everything at DEBUG) takes messages, reviews, edits and buyer complaints with contact handles of
 * every kind the finder knows planted in their text, attachment names and links: e-mails plain
 * and obfuscated, phones in many formats (national, international, spelled out, Arabic-Indic and
 * full-width digits, letters for digits, a number cut by a sentence), messaging handles, links and
 * form links. Once the ladder has warned the sellers, every item of every DynamoDB table, every
 * line the platform wrote, every notice in the SES store and every answer of the console API the
 * web console reads is searched for each handle, in clear and in normalised form (digits only for
 * phones; lower case, NFKC, no zero-width characters for the rest). None is found.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OffsideEvent } from '../../events/v1/schemas';
import { queueForEventType } from '../../shared/adapters/sqs/queues';
import { LocalPlatformAddress } from '../../tools/local/platform-address';
import { cliToken, eventually } from '../support/console-client';
import { messageSent, reviewEdited, reviewPosted } from '../support/events';
import { freePort } from '../support/free-port';
import { scanTable } from '../support/platform-io';

const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'offside-privacy-'));
const addressFile = join(scratch, 'local-platform.json');
let child: ChildProcess;
let output = '';
let address: LocalPlatformAddress;
let dynamodb: DynamoDBClient;
let sqs: SQSClient;
let analyst = '';

/** A handle as planted, and what it must never be found as. */
interface Plant {
  readonly text: string;
  /** Lower-case forms (e-mails, links, messaging handles), searched in the lower-cased, NFKC, zero-width-free view. */
  readonly forms?: readonly string[];
  /** Digits (phones), searched in the digits view (NFKC, Arabic-Indic digits as ASCII, separators between digits dropped). */
  readonly digits?: readonly string[];
}

const PLANTS = {
  plainEmail: { text: 'Priya.Kapoor@Gmail.com', forms: ['priya.kapoor@gmail.com'] },
  bracketedEmail: { text: 'omar [at] outlook [dot] com', forms: ['omar@outlook.com', 'omar [at] outlook [dot] com'] },
  spelledEmail: { text: 'giulia punto verdi chiocciola libero punto it', forms: ['giulia.verdi@libero.it', 'giulia punto verdi chiocciola libero'] },
  spacedEmail: { text: 'k e n j i @ y a h o o . c o m', forms: ['kenji@yahoo.com', 'k e n j i @ y a h o o'] },
  fullWidthEmail: { text: 'ｌｅｏｎ＠ｇｍａｉｌ．ｃｏｍ', forms: ['leon@gmail.com'] },
  zeroWidthEmail: { text: 'ma\u200bria.lund@gm\u200bail.com', forms: ['maria.lund@gmail.com'] },
  attachmentEmail: { text: 'invoice_sven.berg@gmail.com_receipt.pdf', forms: ['sven.berg@gmail.com'] },
  queryEmail: { text: 'https://forms.example.com/claim?email=nadia.roth@gmail.com', forms: ['nadia.roth@gmail.com', 'forms.example.com/claim'] },
  encodedQueryEmail: { text: 'https://marketplace.example/r?to=tomas.weber%40gmail.com', forms: ['tomas.weber@gmail.com', 'tomas.weber%40gmail.com'] },
  whatsappPhone: { text: 'whatsapp: +44 7700 900123', digits: ['447700900123', '7700900123'] },
  frenchPhone: { text: '06 12 34 56 78', digits: ['0612345678', '33612345678'] },
  germanPhone: { text: '0151 23456789', digits: ['015123456789', '4915123456789'] },
  americanPhone: { text: '(555) 123-4567', digits: ['5551234567'] },
  spelledPhone: { text: 'five five five, two three four, nine eight seven six', forms: ['five five five, two three four'], digits: ['5552349876'] },
  arabicIndicPhone: { text: 'واتساب: +٤٤ ٧٧٠٠ ٩٠٠٩٨٧', digits: ['447700900987', '7700900987'] },
  lettersForDigitsPhone: { text: '4I5 555 OI44', forms: ['4i5 555 oi44'], digits: ['4155550144'] },
  splitPhone: { text: 'my number starts with 07911. The rest is 654321', forms: ['07911. the rest is 654321'], digits: ['7911654321'] },
  fullWidthPhone: { text: '＋４４ ７７００ ９００４５６', digits: ['447700900456', '7700900456'] },
  telegramHandle: { text: 'Telegram: @Deals_Kitchen77', forms: ['deals_kitchen77'] },
  instagramHandle: { text: 'insta @brightlamp.shop', forms: ['brightlamp.shop'] },
  whatsappLink: { text: 'wa.me/447700900321', forms: ['wa.me/447700900321'], digits: ['447700900321'] },
  telegramLink: { text: 't.me/lampdeals', forms: ['t.me/lampdeals'] },
  link: { text: 'https://www.Lamp-Outlet.com/Support?x=1', forms: ['lamp-outlet.com/support'] },
  shortLink: { text: 'bit.ly/4kQw9Z', forms: ['bit.ly/4kqw9z'] },
  formLink: { text: 'https://forms.gle/Rf8sQw2Lp', forms: ['forms.gle/rf8sqw2lp'] },
  googleForm: { text: 'docs.google.com/forms/d/e/1FAIpQLSfGift/viewform', forms: ['docs.google.com/forms/d/e/1faipqlsfgift'] },
  attachmentPhone: { text: 'whatsapp +447700900555.jpg', digits: ['447700900555', '7700900555'] },
  // Short enough for the JSON parser to quote it whole in its error (issue 14, row 4).
  notJsonEmail: { text: 'zqs@gmail.com', forms: ['zqs@gmail.com'] },
} satisfies Record<string, Plant>;
const plant = (name: keyof typeof PLANTS) => PLANTS[name].text;

const ASK = 'Please remove your review and I will refund you in full.';
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`;

function plantedEvents(): OffsideEvent[] {
  const posted = reviewPosted({ sellerId: 'S-PRIV-3', buyerId: 'B-PRIV-9', title: `Write me at ${plant('plainEmail')}`, body: `Seller asked me to call ${plant('americanPhone')} or ${plant('telegramHandle')}.` }, at(1));
  return [
    messageSent({ sellerId: 'S-PRIV-1', buyerId: 'B-PRIV-1', body: `${ASK} Write to ${plant('plainEmail')} or ${plant('bracketedEmail')}, ${plant('whatsappPhone')}.` }, at(2)),
    messageSent({ sellerId: 'S-PRIV-1', buyerId: 'B-PRIV-2', body: `${ASK} ${plant('spacedEmail')} / ${plant('fullWidthEmail')} / ${plant('zeroWidthEmail')} / ${plant('lettersForDigitsPhone')}.` }, at(2)),
    messageSent({ sellerId: 'S-PRIV-1', buyerId: 'B-PRIV-3', body: `${ASK} ${plant('splitPhone')}. Or ${plant('fullWidthPhone')}, ${plant('spelledPhone')}.` }, at(3)),
    messageSent({ sellerId: 'S-PRIV-2', buyerId: 'B-PRIV-4', language: 'fr', body: `Merci de retirer votre avis, je vous rembourse. Appelez-moi au ${plant('frenchPhone')}.` }, at(2)),
    messageSent({ sellerId: 'S-PRIV-2', buyerId: 'B-PRIV-5', language: 'de', body: `Bitte löschen Sie Ihre Bewertung, ich erstatte alles. Rufen Sie mich an: ${plant('germanPhone')}.` }, at(3)),
    messageSent({ sellerId: 'S-PRIV-2', buyerId: 'B-PRIV-6', language: 'it', body: `La prego di rimuovere la recensione, la rimborso. Scrivimi: ${plant('spelledEmail')}.` }, at(4)),
    messageSent({ sellerId: 'S-PRIV-3', buyerId: 'B-PRIV-7', body: `${ASK} ${plant('arabicIndicPhone')} ${plant('whatsappLink')} ${plant('telegramLink')} ${plant('instagramHandle')}` }, at(2)),
    messageSent(
      {
        sellerId: 'S-PRIV-3',
        buyerId: 'B-PRIV-8',
        body: `${ASK} Claim your gift at ${plant('formLink')} or ${plant('googleForm')}; details at ${plant('link')} and ${plant('shortLink')}. ${plant('queryEmail')} ${plant('encodedQueryEmail')}`,
        attachments: [
          { name: plant('attachmentEmail'), contentType: 'application/pdf' },
          { name: plant('attachmentPhone'), contentType: 'image/jpeg' },
        ],
      },
      at(3),
    ),
    posted,
    reviewEdited(posted, { rating: 5, body: `Changed after the seller reached me on ${plant('whatsappPhone')} and ${plant('bracketedEmail')}.` }, at(5)),
  ];
}

/** Refused events: their reasons and logs must not quote them either. */
const REFUSED: { readonly queue: string; readonly body: string }[] = [
  { queue: 'offside-messages', body: plant('notJsonEmail') },
  { queue: 'offside-messages', body: `${plant('plainEmail')} ${plant('whatsappPhone')}` },
  { queue: 'offside-reviews', body: JSON.stringify({ ...reviewPosted({ sellerId: 'S-PRIV-4', body: `mail ${plant('plainEmail')}` }), specversion: '2.0' }) },
];

const COMPLAINTS = [
  { buyerId: 'B-PRIV-10', sellerId: 'S-PRIV-4', channel: 'email', summary: `The seller wrote from ${plant('plainEmail')} and called ${plant('americanPhone')}.`, receivedAt: at(6) },
  { buyerId: 'B-PRIV-11', sellerId: 'S-PRIV-4', channel: 'phone', summary: `They asked me to use ${plant('whatsappLink')} and ${plant('telegramHandle')}; form ${plant('formLink')}.`, receivedAt: at(6) },
];

/** Every console answer, keyed by what was asked. */
const answers = new Map<string, string>();

async function consoleGet(path: string): Promise<unknown> {
  const response = await fetch(`${address.consoleUrl}${path}`, { headers: { authorization: `Bearer ${analyst}` } });
  const text = await response.text();
  answers.set(`GET ${path}`, text);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

beforeAll(async () => {
  const port = await freePort();
  child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'local', '--in-memory', '--no-demo'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), OFFSIDE_LOG_LEVEL: 'DEBUG', OFFSIDE_LOCAL_PLATFORM_FILE: addressFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(async () => (output.includes('offside local: running') ? true : undefined), `npm start to be running; so far:\n${output}`, 90_000);
  address = LocalPlatformAddress.parse(JSON.parse(readFileSync(addressFile, 'utf8')));
  dynamodb = new DynamoDBClient({ endpoint: address.dynamodb, region: address.region, credentials: address.credentials });
  sqs = new SQSClient({ endpoint: address.sqs, region: address.region, credentials: address.credentials });
  analyst = await cliToken('analyst', 'privacy');

  const urls = new Map<string, string>();
  const urlOf = async (queue: string) => {
    if (!urls.has(queue)) urls.set(queue, (await sqs.send(new GetQueueUrlCommand({ QueueName: queue }))).QueueUrl ?? '');
    return urls.get(queue) ?? '';
  };
  for (const event of plantedEvents()) {
    // Escaped: the SQS emulator refuses characters outside the BMP, which no plant has anyway.
    await sqs.send(new SendMessageCommand({ QueueUrl: await urlOf(queueForEventType(event.type)?.name ?? ''), MessageBody: JSON.stringify(event) }));
  }
  for (const refused of REFUSED) await sqs.send(new SendMessageCommand({ QueueUrl: await urlOf(refused.queue), MessageBody: refused.body }));
  for (const complaint of COMPLAINTS) {
    const filed = await fetch(`${address.consoleUrl}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify(complaint),
    });
    answers.set(`POST /v1/complaints ${complaint.buyerId}`, await filed.text());
    if (filed.status !== 201) throw new Error(`complaint: ${filed.status}`);
  }
  await eventually(async () => {
    const depths = await Promise.all(
      ['offside-reviews', 'offside-messages'].map(async (queue) => {
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: await urlOf(queue), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
        return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      }),
    );
    return depths.every((depth) => depth === 0) ? true : undefined;
  }, 'the queues to drain', 60_000);
  // The ladder warns each seller whose messages asked to remove a review: notices to read.
  await eventually(async () => {
    const store = SesStore.parse(await (await fetch(`${address.ses}/store`)).json());
    const to = new Set(store.emails.flatMap((mail) => mail.destination.to));
    return ['s-priv-1', 's-priv-2', 's-priv-3'].every((seller) => [...to].some((recipient) => recipient.startsWith(`${seller}@`))) ? true : undefined;
  }, 'a notice to each seller', 60_000);
}, 240_000);

afterAll(async () => {
  dynamodb?.destroy();
  sqs?.destroy();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
});

const SesStore = z.object({ emails: z.array(z.looseObject({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }) })) });

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/gu;
const lettersView = (text: string) => text.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase();
const digitsView = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/gu, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/gu, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/(?<=\d)[\s\-.()/\u00a0+]+(?=[\d+])/gu, '')
    .replace(/\+/gu, '');

/** Each planted handle found in `haystack`, with where. */
function findPlants(where: string, haystack: string): string[] {
  const letters = lettersView(haystack);
  const digits = digitsView(haystack);
  const found: string[] = [];
  for (const [name, planted] of Object.entries(PLANTS) as [string, Plant][]) {
    if (haystack.includes(planted.text)) found.push(`${name} in clear in ${where}`);
    for (const form of planted.forms ?? []) if (letters.includes(form)) found.push(`${name} as "${form}" in ${where}`);
    for (const run of planted.digits ?? []) if (digits.includes(run)) found.push(`${name} as ${run} in ${where}`);
  }
  return found;
}

describe('no contact data in clear anywhere on the local platform', () => {
  it('stores the planted events and complaints (the search below is over real data)', async () => {
    const evidence = await scanTable(dynamodb, 'offside-evidence');
    expect(evidence.filter((item) => String(item.sellerId).startsWith('S-PRIV-')).length).toBeGreaterThanOrEqual(plantedEvents().length + COMPLAINTS.length);
    expect(JSON.stringify(evidence)).toMatch(/\[email:[0-9a-f]{8,}\]/u);
    expect(JSON.stringify(evidence)).toMatch(/\[phone:[0-9a-f]{8,}\]/u);
  });

  it('finds none in any item of any DynamoDB table', async () => {
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    expect(TableNames.length).toBeGreaterThanOrEqual(5);
    const found: string[] = [];
    for (const table of TableNames) {
      for (const item of await scanTable(dynamodb, table)) found.push(...findPlants(`${table} ${JSON.stringify(item).slice(0, 80)}`, JSON.stringify(item)));
    }
    expect(found).toEqual([]);
  });

  it('finds none in the notices in the SES store', async () => {
    const store = await (await fetch(`${address.ses}/store`)).text();
    expect(SesStore.parse(JSON.parse(store)).emails.length).toBeGreaterThanOrEqual(3);
    expect(findPlants('the SES store', store)).toEqual([]);
  });

  it('finds none in what the console API answers, the web console’s routes included', async () => {
    const cases = z.object({ cases: z.array(z.object({ caseId: z.string(), sellerId: z.string() })) }).parse(await consoleGet('/v1/cases?limit=100'));
    const planted = cases.cases.filter((item) => item.sellerId.startsWith('S-PRIV-'));
    expect(planted.length).toBeGreaterThanOrEqual(3);
    await consoleGet('/v1/queue?limit=100');
    for (const { caseId, sellerId } of planted) {
      for (const path of [`/v1/cases/${caseId}`, `/v1/cases/${caseId}/summary`, `/v1/cases/${caseId}/timeline`, `/v1/cases/${caseId}/timeline?view=full&limit=500`, `/v1/audit?caseId=${caseId}`, `/v1/audit?sellerId=${sellerId}`, `/v1/sellers/${sellerId}`]) {
        await consoleGet(path);
      }
    }
    const found = [...answers].flatMap(([asked, text]) => findPlants(asked, text));
    expect(found).toEqual([]);
  });

  it('finds none in any line the platform wrote, at DEBUG', async () => {
    expect(output).toMatch(/offside local: ready/u);
    expect(output.split('\n').length).toBeGreaterThan(20);
    expect(findPlants('the platform output', output)).toEqual([]);
  });
});
