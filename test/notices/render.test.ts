import { describe, expect, it } from 'vitest';
import type { Language, NoticeInput, NoticeKind } from '../../shared/domain/notices/notices';
import { LANGUAGES, languageFor, NoticeInputError, renderNotice } from '../../shared/domain/notices/notices';
import { suspensionStatement } from '../../shared/domain/dsa/statement';

const EVIDENCE = [
  'On-platform message M-17 to buyer B-204 asks to remove a review ("please take the review down").',
  'Report R-9 (orders, with buyer data) downloaded by app APP-X covers 3 of its 4 orders that had just received a negative review (O-1, O-2, O-3).',
];

/** A notice input with every field a kind may need; `overrides` may change any of them. */
function input(kind: NoticeKind, overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    kind,
    sellerId: 'S-1042',
    sellerName: 'Atelier Lumière',
    caseId: 'case-7f3a9c',
    evidence: EVIDENCE,
    courseUrl: 'https://learn.marketplace.example/courses/buyer-communication',
    deadline: '2026-04-05',
    appealAddress: 'appeals@marketplace.example',
    bundleLocation: 's3://offside-evidence-bundles/case-7f3a9c.zip',
    bundleSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    ...overrides,
  };
}

const SELLER_KINDS = ['warn', 'coach', 'suspend', 'reinstated', 'appeal-rejected'] as const;

/** Words every seller notice of a language carries (in its references) and no other language does. */
const MARKERS: Record<Language, RegExp> = {
  en: /Case reference: /,
  fr: /Référence du dossier : /,
  de: /Fallnummer: /,
  es: /Referencia del caso: /,
  it: /Riferimento del caso: /,
};

describe('languageFor', () => {
  it.each([
    ['US', 'en'],
    ['GB', 'en'],
    ['FR', 'fr'],
    ['DE', 'de'],
    ['ES', 'es'],
    ['IT', 'it'],
    ['fr', 'fr'],
    ['NL', 'en'],
    ['JP', 'en'],
    [undefined, 'en'],
  ] as const)('reads marketplace %s in %s', (marketplace, language) => {
    expect(languageFor(marketplace)).toBe(language);
  });
});

describe('renderNotice: seller notices', () => {
  const combinations = SELLER_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

  it.each(combinations)('writes a %s notice in %s with the case, the evidence and a subject', (kind, language) => {
    const notice = renderNotice(input(kind, { language }));

    expect(notice.subject.trim()).not.toBe('');
    expect(notice.subject).toContain('case-7f3a9c');
    expect(notice.text).toContain('case-7f3a9c');
    expect(notice.text).toContain('S-1042');
    for (const line of EVIDENCE) expect(notice.text).toContain(line);
    expect(notice.text).toMatch(MARKERS[language]);
    for (const other of LANGUAGES.filter((candidate) => candidate !== language)) expect(notice.text).not.toMatch(MARKERS[other]);
    expect(notice.html).toContain(`<html lang="${language}">`);
  });

  it.each([
    ['US', /Case reference: /, 'April 5, 2026'],
    ['GB', /Case reference: /, '5 April 2026'],
    ['FR', /dossier/, '5 avril 2026'],
    ['DE', /Verkäuferkonto/, '5. April 2026'],
    ['ES', /vendedor/, '5 de abril de 2026'],
    ['IT', /acquirenti/, '5 aprile 2026'],
  ])('writes to a %s seller in its language, with the deadline as it reads dates', (marketplace, word, deadline) => {
    const notice = renderNotice(input('coach', { marketplace }));

    expect(notice.text).toMatch(word);
    expect(notice.subject).toContain(deadline);
    expect(notice.text).toContain(deadline);
  });

  it('lets an explicit language override the marketplace', () => {
    expect(renderNotice(input('warn', { marketplace: 'FR', language: 'it' })).text).toMatch(MARKERS.it);
  });

  it('writes to sellers of other marketplaces in English', () => {
    expect(renderNotice(input('warn', { marketplace: 'NL' })).text).toMatch(MARKERS.en);
  });

  it('tells a French seller, in French, that the evidence lines are quoted in English', () => {
    expect(renderNotice(input('warn', { marketplace: 'FR' })).text).toContain('tels qu’ils ont été enregistrés par nos systèmes, en anglais');
    expect(renderNotice(input('warn', { marketplace: 'GB' })).text).not.toContain('in English');
  });

  it('warns with the policy and what happens next', () => {
    const { text } = renderNotice(input('warn', { marketplace: 'GB' }));

    expect(text).toContain('Contact buyers only through the platform’s messaging service');
    expect(text).toContain('Never ask a buyer to remove or change a review');
    expect(text).toContain('never make a refund, a gift or a payment conditional on a review');
    expect(text).toMatch(/mandatory course.*suspend your selling privileges/s);
  });

  it('assigns the course with its link and deadline, completed through the seller console', () => {
    const notice = renderNotice(input('coach', { marketplace: 'GB' }));

    expect(notice.text).toContain('https://learn.marketplace.example/courses/buyer-communication');
    expect(notice.text).toContain('seller console');
    expect(notice.html).toContain('<a href="https://learn.marketplace.example/courses/buyer-communication">');
  });

  it('tells a suspended seller where to send a plan of action and what it must cover', () => {
    const { text } = renderNotice(input('suspend', { marketplace: 'DE' }));

    expect(text).toContain('appeals@marketplace.example');
    expect(text).toContain('Maßnahmenplan');
    expect(text).toMatch(/die Ursache:.*\n- die Abhilfe:.*\n- die Vorbeugung:/);
  });

  it('points a rejected appeal to the seller console when there is no appeal address', () => {
    const { text } = renderNotice(input('appeal-rejected', { marketplace: 'ES', appealAddress: undefined }));

    expect(text).toContain('desde su portal de vendedor');
  });

  it('greets a seller without a name politely', () => {
    expect(renderNotice(input('warn', { marketplace: 'IT', sellerName: undefined })).text).toMatch(/^Buongiorno,\n/);
    expect(renderNotice(input('warn', { marketplace: 'IT' })).text).toMatch(/^Gentile Atelier Lumière,\n/);
  });
});

describe('renderNotice: HTML', () => {
  it('escapes markup in the evidence, the seller name and the addresses', () => {
    const notice = renderNotice(
      input('suspend', {
        evidence: ['Message says <script>alert("x")</script> & more'],
        sellerName: '<b>Shop</b>',
        appealAddress: 'appeals+"x"@marketplace.example',
      }),
    );

    expect(notice.html).not.toContain('<script>');
    expect(notice.html).not.toContain('<b>Shop');
    expect(notice.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(notice.html).toContain('&lt;b&gt;Shop&lt;/b&gt;');
    expect(notice.html).toContain('appeals+&quot;x&quot;@marketplace.example');
    expect(notice.text).toContain('Message says <script>alert("x")</script> & more');
  });

  it('lists the evidence as list items', () => {
    const { html } = renderNotice(input('warn'));

    for (const line of EVIDENCE) expect(html).toContain(`<li>${line.replace(/"/g, '&quot;')}</li>`);
  });
});

describe('renderNotice: legal hold', () => {
  it('writes to the legal team in English whatever the marketplace, with the bundle and its digest', () => {
    const notice = renderNotice(input('legal-hold', { marketplace: 'FR', language: 'fr' }));

    expect(notice.subject).toBe('Legal hold: case case-7f3a9c, seller S-1042');
    expect(notice.text).toContain('Legal team,');
    expect(notice.text).toContain('Evidence bundle: s3://offside-evidence-bundles/case-7f3a9c.zip');
    expect(notice.text).toContain('SHA-256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    for (const line of EVIDENCE) expect(notice.text).toContain(line);
    expect(notice.html).toContain('<html lang="en">');
  });
});

describe('renderNotice: refuses an input that cannot make a correct notice', () => {
  it.each([
    ['a course assignment without a course', input('coach', { courseUrl: undefined })],
    ['a course assignment without a deadline', input('coach', { deadline: undefined })],
    ['a deadline that is not a date', input('coach', { deadline: '2026-02-30' })],
    ['a course link that is not a web address', input('coach', { courseUrl: 'javascript:alert(1)' })],
    ['a suspension without an appeal address', input('suspend', { appealAddress: '  ' })],
    ['a warning without evidence', input('warn', { evidence: [] })],
    ['a legal hold without a bundle', input('legal-hold', { bundleLocation: undefined })],
    ['a legal hold whose digest is not a SHA-256', input('legal-hold', { bundleSha256: 'abc123' })],
    ['a notice without a case', input('warn', { caseId: '' })],
  ])('%s', (_name, notice) => {
    expect(() => renderNotice(notice)).toThrow(NoticeInputError);
  });
});

describe('a suspension notice with its statement of reasons', () => {
  const statement = {
    body: suspensionStatement({
      item: {
        caseId: 'case_1',
        signals: [
          {
            signalId: 'buyer-complaint:c1',
            rule: 'buyer-complaint',
            time: '2026-03-02T09:00:00.000Z',
            points: 30,
            explanation: 'Buyer b-9 complained of contact by phone outside the platform.',
            evidenceIds: ['c1'],
            tags: ['buyer-complaint'],
          },
        ],
      },
      appliedAt: '2026-03-09T12:00:00.000Z',
      approvedByPerson: true,
    }),
    signals: [
      {
        signalId: 'buyer-complaint:c1',
        rule: 'buyer-complaint' as const,
        time: '2026-03-02T09:00:00.000Z',
        points: 30,
        explanation: 'Buyer b-9 complained of contact by phone outside the platform.',
        evidenceIds: ['c1'],
        tags: ['buyer-complaint'],
      },
    ],
  };
  const notice = (marketplace: string) =>
    renderNotice({ kind: 'suspend', marketplace, sellerId: 's1', caseId: 'case_1', evidence: ['something seen'], appealAddress: 'appeals@marketplace.example', statement });

  it('quotes the statement, its reference and facts, in the notice’s language', () => {
    const text = notice('DE').text;
    expect(text).toContain('BEGRÜNDUNG');
    expect(text).toContain(statement.body.puid);
    expect(text).toContain('Am 2026-03-02 meldete ein Käufer, vom Verkäufer per Telefon außerhalb der Plattform kontaktiert worden zu sein.');
  });

  it('tells the seller the redress and that a person approved it, before the closing lines', () => {
    const text = notice('GB').text;
    expect(text).toContain('a person other than the one who approved the suspension will decide');
    expect(text.indexOf('STATEMENT OF REASONS')).toBeGreaterThan(0);
    expect(text.indexOf('STATEMENT OF REASONS')).toBeLessThan(text.indexOf('Case reference: case_1'));
    expect(text).not.toContain('b-9');
  });
});

describe('evidence lines written from the case’s signals', () => {
  const signals = [
    {
      signalId: 'seller-message:e1',
      rule: 'seller-message' as const,
      time: '2026-03-04T10:00:00.000Z',
      points: 30,
      explanation: 'On-platform message M-17 to buyer B-204 moves the conversation off the platform ("write to me at [email:9f8e7d6c5b4a3921]").',
      evidenceIds: ['e1'],
      tags: ['off_platform_contact'],
    },
  ];
  const warn = (marketplace: string) => renderNotice({ kind: 'warn', marketplace, sellerId: 's1', caseId: 'case_1', evidence: [], signals });

  it('quote the seller’s own words, a handle shown as its kind, never its hash token', () => {
    const text = warn('FR').text;
    expect(text).toContain('Votre message du 2026-03-04 sur la messagerie de la plateforme : « write to me at [une adresse e-mail] »');
    expect(text).not.toMatch(/9f8e7d6c|\[email:|B-204|M-17/);
  });

  it('are in the notice’s language, without the note that they are in English', () => {
    expect(warn('DE').text).toContain('[eine E-Mail-Adresse]');
    expect(warn('DE').text).not.toContain('auf Englisch');
    expect(warn('GB').text).toContain('Your message of 2026-03-04 on the platform\'s messaging: “write to me at [an e-mail address]”');
  });
});
