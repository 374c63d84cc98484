import { describe, expect, it } from 'vitest';
import type { CaseSignal } from '../../shared/domain/cases/case-schema';
import { decisionFacts } from '../../shared/domain/dsa/facts';
import { statementPuid, suspensionStatement } from '../../shared/domain/dsa/statement';
import { errorSummary, validateStatement } from '../../shared/domain/dsa/transparency-database';

const signal = (over: Partial<CaseSignal>): CaseSignal => ({
  signalId: 'seller-message:e1',
  rule: 'seller-message',
  time: '2026-03-04T10:00:00.000Z',
  points: 40,
  explanation: 'On-platform message m1 to buyer b-77 moves the conversation off the platform ("[email:0a1b2c3d4e5f]").',
  evidenceIds: ['e1'],
  tags: ['off_platform_contact'],
  ...over,
});

const complaint = signal({
  signalId: 'buyer-complaint:c1',
  rule: 'buyer-complaint',
  time: '2026-03-02T09:00:00.000Z',
  explanation: 'Buyer b-77 complained of contact by email outside the platform about order o-1.',
  tags: ['buyer-complaint'],
});

const suspended = (signals: CaseSignal[]) =>
  suspensionStatement({ item: { caseId: 'case_0123456789abcdef0123', signals }, appliedAt: '2026-03-09T12:00:00.000Z', approvedByPerson: true });

describe('the statement of a suspension', () => {
  it('is accepted by the Transparency Database rules', () => {
    expect(validateStatement(suspended([complaint, signal({})]))).toMatchObject({ ok: true });
  });

  it('is a notice under Article 16 when a complaint led to it, own initiative otherwise', () => {
    expect(suspended([complaint, signal({})]).source_type).toBe('SOURCE_ARTICLE_16');
    expect(suspended([signal({})]).source_type).toBe('SOURCE_VOLUNTARY');
  });

  it('says automated means detected it unless only complaints did, and that a person approved it', () => {
    expect(suspended([signal({})])).toMatchObject({ automated_detection: 'Yes', automated_decision: 'AUTOMATED_DECISION_PARTIALLY' });
    expect(suspended([complaint]).automated_detection).toBe('No');
  });

  it('dates the content by the first evidence and the decision by its application, as YYYY-MM-DD', () => {
    expect(suspended([signal({}), complaint])).toMatchObject({ content_date: '2026-03-02', application_date: '2026-03-09' });
  });

  it('has a puid the rules accept, the same for the same case', () => {
    const statement = suspended([signal({})]);
    expect(statement.puid).toBe(statementPuid('case_0123456789abcdef0123'));
    expect(statement.puid).toMatch(/^[a-zA-Z0-9-_]+$/);
  });

  it('states facts without buyer ids, message quotes or hash tokens', () => {
    const facts = suspended([complaint, signal({})]).decision_facts;
    expect(facts).toContain('On 2026-03-02 a buyer reported being contacted by the seller by e-mail outside the platform.');
    expect(facts).not.toMatch(/b-77|m1|0a1b2c3d|\[email:/);
  });

  it('is revised when the restriction ends: the end date, under its own puid', () => {
    const ended = suspensionStatement({
      item: { caseId: 'case_x', signals: [signal({})] },
      appliedAt: '2026-03-09T12:00:00.000Z',
      approvedByPerson: true,
      ended: { at: '2026-03-20T08:00:00.000Z', reason: 'appeal-accepted' },
    });
    expect(ended).toMatchObject({ end_date_account_restriction: '2026-03-20', puid: 'offside-case_x-suspend-ended' });
    expect(validateStatement(ended).ok).toBe(true);
  });
});

describe('the facts in the seller’s language', () => {
  it('are written in French for a French notice', () => {
    expect(decisionFacts([complaint], 'fr')).toEqual(['Le 2026-03-02, un acheteur a signalé avoir été contacté par le vendeur par e-mail hors de la plateforme.']);
  });
});

describe('the Transparency Database rules', () => {
  const valid = () => ({ ...suspended([signal({})]) }) as Record<string, unknown>;

  it('require the decision facts, with the API’s message', () => {
    const { decision_facts: _facts, ...body } = valid();
    expect(validateStatement(body)).toEqual({ ok: false, errors: { decision_facts: ['The decision facts field is required.'] } });
  });

  it('refuse a value outside a field’s list', () => {
    expect(validateStatement({ ...valid(), automated_decision: 'maybe' })).toEqual({
      ok: false,
      errors: { automated_decision: ['The selected automated decision is invalid.'] },
    });
  });

  it('need the contractual ground and its explanation for incompatible content', () => {
    const { incompatible_content_explanation: _explanation, ...body } = valid();
    expect(validateStatement(body)).toMatchObject({ ok: false, errors: { incompatible_content_explanation: [expect.stringContaining('required when decision ground is incompatible content')] } });
  });

  it('need one restriction of some kind', () => {
    const { decision_account: _account, ...body } = valid();
    const result = validateStatement(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['decision_account', 'decision_monetary', 'decision_provision', 'decision_visibility']);
  });

  it('take dates as real calendar days written YYYY-MM-DD', () => {
    expect(validateStatement({ ...valid(), application_date: '2026-02-30' })).toMatchObject({ ok: false, errors: { application_date: ['The application date does not match the format YYYY-MM-DD.'] } });
    expect(validateStatement({ ...valid(), content_date: '09/03/2026' }).ok).toBe(false);
    expect(validateStatement({ ...valid(), application_date: '2019-12-31' }).ok).toBe(false);
  });

  it('take a puid of letters, digits, hyphens and underscores only', () => {
    expect(validateStatement({ ...valid(), puid: 'case 1' })).toEqual({ ok: false, errors: { puid: ['The puid format is invalid.'] } });
  });

  it('refuse a country outside the EEA in the territorial scope', () => {
    expect(validateStatement({ ...valid(), territorial_scope: ['FR', 'US'] })).toMatchObject({ ok: false, errors: { territorial_scope: ['The selected territorial scope is invalid.'] } });
  });

  it('summarise the errors as the API does', () => {
    expect(errorSummary({ a: ['The a field is required.'], b: ['x', 'y'] })).toBe('The a field is required. (and 2 more errors)');
  });
});
