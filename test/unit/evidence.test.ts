import { describe, expect, it } from 'vitest';
import { hmacHandleHasher } from '../../shared/adapters/crypto/handle-hasher';
import { messageEvidence, reportDownloadEvidence, reviewEvidence, toUtcTime } from '../../shared/domain/evidence';
import { messageSent, reportDownloaded, reviewPosted } from '../support/events';

const hasher = hmacHandleHasher('k'.repeat(32));

describe('evidence records', () => {
  it('normalises event times to UTC with milliseconds, so text order is time order', () => {
    expect(toUtcTime('2026-03-01T09:00:00+02:00')).toBe('2026-03-01T07:00:00.000Z');
    expect(toUtcTime('2026-03-01T07:00:00.5Z')).toBe('2026-03-01T07:00:00.500Z');
  });

  it('keeps no contact handle of a message in clear, only its keyed hash', () => {
    const event = messageSent({ body: 'Email me: jane.doe@gmail.com, or WhatsApp +33 6 12 34 56 78.' });
    const record = messageEvidence(event, hasher);
    expect(record.body).not.toContain('jane.doe');
    expect(record.body).not.toContain('12 34');
    expect(record.handles.map((handle) => handle.kind)).toEqual(['email', 'phone']);
    expect(record.body).toContain(`[email:${record.handles[0]?.hash ?? ''}]`);
  });

  it('gives the same handle the same hash across sellers and spellings', () => {
    const a = messageEvidence(messageSent({ sellerId: 'S-1', body: 'jane.doe@gmail.com' }), hasher);
    const b = messageEvidence(messageSent({ sellerId: 'S-2', body: 'Jane.Doe [at] gmail [dot] com' }), hasher);
    expect(a.handles[0]?.hash).toBeDefined();
    expect(b.handles[0]?.hash).toBe(a.handles[0]?.hash);
  });

  it('gives a different hash under a different key', () => {
    const other = hmacHandleHasher('x'.repeat(32));
    const event = messageSent({ body: 'jane.doe@gmail.com' });
    expect(messageEvidence(event, other).handles[0]?.hash).not.toBe(messageEvidence(event, hasher).handles[0]?.hash);
  });

  it('redacts handles in review text too', () => {
    const record = reviewEvidence(reviewPosted({ body: 'Seller keeps emailing me from refunds@cookwell-gifts.com' }), hasher);
    expect(record.body).not.toContain('cookwell-gifts');
    expect(record.handles).toHaveLength(1);
  });

  it.each([
    ['a number after "whatsapp:"', 'Add me, whatsapp: +44 7700 900123', ['7700', '900123']],
    ['spelled-out digits', 'my number: zero seven nine one one, one two three four five six', ['zero seven nine']],
    ['full-width digits', 'ｗｈａｔｓａｐｐ：＋４４ ７９１１ １２３４５６', ['７９１１', '１２３４５６']],
  ])('keeps no handle in clear in the classifier matches: %s', (_, body, clear) => {
    const record = messageEvidence(messageSent({ body }), hasher);
    expect(record.labels).toContain('off_platform_contact');
    const stored = JSON.stringify({ body: record.body, matches: record.matches });
    for (const piece of clear) expect(stored).not.toContain(piece);
    expect(record.matches.some((m) => /\[phone:[0-9a-f]+\]/.test(m.match))).toBe(true);
  });

  it('redacts handles in attachment names and keeps their hashes', () => {
    const event = messageSent({ body: 'See the attached form.', attachments: [{ name: 'gift-form_jane.doe@gmail.com.pdf', contentType: 'application/pdf' }] });
    const record = messageEvidence(event, hasher);
    expect(JSON.stringify(record.attachments)).not.toContain('jane.doe');
    expect(record.attachments?.[0]?.name).toMatch(/^\[email:[0-9a-f]+\]\.pdf$/);
    expect(record.handles.map((h) => h.kind)).toEqual(['email']);
  });

  it('records a report’s orders once each, in a stable order', () => {
    const record = reportDownloadEvidence(reportDownloaded({ orderIds: ['O-2', 'O-1', 'O-2'] }));
    expect(record.orderIds).toEqual(['O-1', 'O-2']);
  });
});
