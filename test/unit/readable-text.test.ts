import { describe, expect, it } from 'vitest';
import { handleKeys, readableText, textTemplate } from '../../shared/domain/readable-text';

const EMAIL = '[email:5080161dcb0b57f69c6822e8bbb5d0b1]';
const URL = '[url:65318c8f00112233]';

describe('readable evidence text', () => {
  it('turns each hashed handle into a handle piece keyed by kind and hash, keeping the words around it', () => {
    expect(readableText(`write to ${EMAIL} today`)).toEqual([
      { type: 'text', text: 'write to ' },
      { type: 'handle', kind: 'email', key: 'email:5080161dcb0b57f69c6822e8bbb5d0b1' },
      { type: 'text', text: ' today' },
    ]);
  });

  it('labels the phrase the classifier matched, handles inside it included', () => {
    const pieces = readableText(`Hi. Just register your ${EMAIL} with your order number, thanks`, [{ label: 'off_platform_contact', match: `register your ${EMAIL} with your order number` }]);
    expect(pieces).toEqual([
      { type: 'text', text: 'Hi. Just ' },
      { type: 'text', text: 'register your ', label: 'off_platform_contact' },
      { type: 'handle', kind: 'email', key: 'email:5080161dcb0b57f69c6822e8bbb5d0b1', label: 'off_platform_contact' },
      { type: 'text', text: ' with your order number', label: 'off_platform_contact' },
      { type: 'text', text: ', thanks' },
    ]);
  });

  it('leaves out a phrase it cannot find, and one that overlaps an earlier phrase', () => {
    const pieces = readableText('remove the review now', [
      { label: 'review_manipulation', match: 'remove the review' },
      { label: 'intimidation', match: 'review now' },
      { label: 'intimidation', match: 'not in the text' },
    ]);
    expect(pieces).toEqual([
      { type: 'text', text: 'remove the review', label: 'review_manipulation' },
      { type: 'text', text: ' now' },
    ]);
  });

  it('lists the distinct handle keys in order of appearance', () => {
    expect(handleKeys(`${URL} or ${EMAIL} or ${URL}`)).toEqual(['url:65318c8f00112233', 'email:5080161dcb0b57f69c6822e8bbb5d0b1']);
  });

  it('reads the same form letter with other numbers and links as one template', () => {
    expect(textTemplate(`Order 111-22 gift at ${URL}`)).toBe(textTemplate('Order 555-99 gift at [url:0a0a0a0a0a0a0a0a]'));
    expect(textTemplate('Order 1 gift')).not.toBe(textTemplate('Order 1 refund'));
  });
});
