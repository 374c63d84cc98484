import { describe, expect, it } from 'vitest';
import { findContactHandles, redactContactHandles, redactFound } from '../../shared/domain/contact-handles';
import type { ContactHandle } from '../../shared/domain/contact-handles';

const found = (text: string) => findContactHandles(text).map((h) => ({ kind: h.kind, value: h.value, match: text.slice(h.start, h.end) }));
const only = (text: string): ContactHandle => {
  const handles = findContactHandles(text);
  expect(handles).toHaveLength(1);
  const [handle] = handles;
  if (handle === undefined) throw new Error('no handle');
  return handle;
};

describe('findContactHandles: e-mail addresses', () => {
  it('finds a plain address, lower-cased, without the sentence full stop', () => {
    expect(found('Write to John.Smith@Gmail.com. Thanks')).toEqual([
      { kind: 'email', value: 'john.smith@gmail.com', match: 'John.Smith@Gmail.com' },
    ]);
  });

  it('reads bracketed "[at]" and "[dot]"', () => {
    expect(found('mail: john [at] gmail [dot] com')).toEqual([
      { kind: 'email', value: 'john@gmail.com', match: 'john [at] gmail [dot] com' },
    ]);
  });

  it('reads spelled-out separators in other languages', () => {
    expect(only('scrivimi: mario punto rossi chiocciola libero punto it').value).toBe('mario.rossi@libero.it');
    expect(only('correo: ana arroba hotmail punto es').value).toBe('ana@hotmail.es');
  });

  it('reads an address with every letter spaced out', () => {
    expect(found('j o h n @ g m a i l . c o m')).toEqual([
      { kind: 'email', value: 'john@gmail.com', match: 'j o h n @ g m a i l . c o m' },
    ]);
  });

  it('reads full-width, look-alike and zero-width-split addresses', () => {
    expect(only('ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ').value).toBe('john@gmail.com');
    expect(only('jоhn@gmаil.com').value).toBe('john@gmail.com'); // Cyrillic о and а
    expect(only('jo\u200bhn@gm\u200bail.com').value).toBe('john@gmail.com');
  });

  it('does not take "meet me at home dot com" style prose for an address', () => {
    expect(findContactHandles('I will be at home tomorrow. The dot on the box is red.')).toEqual([]);
  });

  it("ignores the platform's own addresses", () => {
    expect(findContactHandles('write to support@marketplace.example')).toEqual([]);
  });
});

describe('findContactHandles: phone numbers', () => {
  it('gives national numbers in E.164, reading the country from the language', () => {
    expect(only('Appelez-moi au 06 12 34 56 78').value).toBe('+33612345678');
    expect(only('Rufen Sie mich an: 0151 23456789').value).toBe('+4915123456789');
    expect(only('Llámeme al 612 345 678, gracias').value).toBe('+34612345678');
  });

  it('reads international numbers', () => {
    expect(only('WhatsApp +44 7911 123456').value).toBe('+447911123456');
  });

  it('reads North American numbers, fictional 555 ones included', () => {
    expect(only('call me at (555) 123-4567').value).toBe('+15551234567');
  });

  it('reads spelled-out digits and maps the span to the words', () => {
    const text = 'call me at five five five, one two three, four five six seven ok';
    expect(found(text)).toEqual([
      { kind: 'phone', value: '+15551234567', match: 'five five five, one two three, four five six seven' },
    ]);
  });

  it('leaves order ids, tracking numbers, product codes, dates and prices alone', () => {
    for (const text of [
      'Order 112-1234567-1234567 has shipped.',
      'Tracking 1Z999AA10123456784, SSCC 00340434161094042557.',
      'EAN 4006381333931, model AB-2231-X',
      'Delivered on 12/03/2024, price 1.299,00 EUR, size 42',
      'Your case number is 2024-118-55.',
    ]) {
      expect(findContactHandles(text), text).toEqual([]);
    }
  });
});

describe('findContactHandles: links and messaging handles', () => {
  it('gives links as host and path', () => {
    expect(found('see https://www.My-Shop.com/Support?x=1 now')).toEqual([
      { kind: 'url', value: 'my-shop.com/support?x=1', match: 'https://www.My-Shop.com/Support?x=1' },
    ]);
  });

  it('finds link shorteners and messaging-app links without a scheme', () => {
    expect(found('bit.ly/3xYz12 or wa.me/447911123456 or t.me/shopdeals').map((h) => h.value)).toEqual([
      'bit.ly/3xyz12',
      'wa.me/447911123456',
      't.me/shopdeals',
    ]);
  });

  it("does not count the platform's own links, nor carrier tracking links", () => {
    expect(findContactHandles('see https://marketplace.example/help and help.marketplace.example/returns')).toEqual([]);
    expect(findContactHandles('track it at dhl.de/track?id=123')).toEqual([]);
  });

  it('gives messaging handles as app:handle', () => {
    expect(found('Telegram: @Best_Deals99 and insta @shop.it').map((h) => h.value)).toEqual([
      'telegram:best_deals99',
      'instagram:shop.it',
    ]);
  });

  it('does not take a missing space after a full stop for a link', () => {
    expect(findContactHandles('It arrived.It was broken.')).toEqual([]);
  });
});

describe('redactContactHandles', () => {
  it('replaces each handle by its kind and the hash of its canonical value', () => {
    const text = 'Mail JOHN [at] gmail [dot] com or call +44 7911 123456.';
    const { text: redacted, handles } = redactContactHandles(text, (v) => `h(${v})`);
    expect(redacted).toBe('Mail [email:h(email:john@gmail.com)] or call [phone:h(phone:+447911123456)].');
    expect(handles).toEqual([
      { kind: 'email', hash: 'h(email:john@gmail.com)' },
      { kind: 'phone', hash: 'h(phone:+447911123456)' },
    ]);
  });

  it('leaves a text without handles unchanged', () => {
    const text = 'Your order 112-1234567-1234567 ships today.';
    expect(redactContactHandles(text, () => 'x')).toEqual({ text, handles: [] });
  });
});

describe('findContactHandles: handles written to slip past a finder', () => {
  it('reads Arabic-Indic digits as digits', () => {
    expect(only('واتساب: +٤٤ ٧٧٠٠ ٩٠٠١٢٣').value).toBe('+447700900123');
  });

  it('reads letters written for digits inside digit groups', () => {
    expect(only('call 4I5 555 OI44').value).toBe('+14155550144');
  });

  it('leaves words made of the same letters alone', () => {
    expect(findContactHandles('I oil the lid, then Ill ship it')).toEqual([]);
  });

  it('joins a number cut in two by a sentence', () => {
    expect(found('My number starts with 07911. The rest is 123456.')).toEqual([
      { kind: 'phone', value: '+447911123456', match: '07911. The rest is 123456' },
    ]);
  });

  it('does not join an order number and a reference that follow each other', () => {
    expect(findContactHandles('Bestellung 304-1102723-9919338 und Sendung 00340434161094042557 sind unterwegs.')).toEqual([]);
  });

  it('finds an e-mail inside an attachment name, without the file extension', () => {
    expect(only('jane.doe@gmail.com.pdf').value).toBe('jane.doe@gmail.com');
    expect(only('invoice_jane.doe@gmail.com_receipt.pdf').value).toBe('invoice_jane.doe@gmail.com');
  });

  it('finds a percent-encoded e-mail in the query of a platform link', () => {
    expect(only('https://marketplace.example/r?to=jane.doe%40gmail.com').value).toBe('jane.doe@gmail.com');
  });

  it('keeps both the link and the e-mail in its query', () => {
    expect(found('https://forms.example.com/x?email=jane@gmail.com').map((h) => `${h.kind}:${h.value}`)).toEqual([
      'url:forms.example.com/x?email=jane@gmail.com',
      'email:jane@gmail.com',
    ]);
  });
});

describe('redactFound', () => {
  const hash = (v: string) => `h(${v})`;

  it('redacts a handle in an excerpt even when the excerpt alone would not show it is one', () => {
    const text = 'WhatsApp: +44 7700 900123 thanks';
    const handles = findContactHandles(text);
    const start = text.indexOf('+44');
    expect(redactFound(text, handles, hash, start, start + '+44 7700 900123'.length).text).toBe('[phone:h(phone:+447700900123)]');
  });

  it('replaces a handle cut by the excerpt edge whole', () => {
    const text = 'mail jane.doe@gmail.com now';
    expect(redactFound(text, findContactHandles(text), hash, 0, 12).text).toBe('mail [email:h(email:jane.doe@gmail.com)]');
  });

  it('gives a link and the e-mail inside it each their tag', () => {
    const text = 'see https://forms.example.com/x?email=jane@gmail.com';
    expect(redactContactHandles(text, hash).text).toBe(
      'see [url:h(url:forms.example.com/x?email=jane@gmail.com)][email:h(email:jane@gmail.com)]',
    );
  });
});
