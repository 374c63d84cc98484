/**
 * Hostile message texts of a chosen length: the shapes that make text scanners backtrack or
 * rescan (repeated "a.b ", digit runs, "@" storms, long words, alternating scripts, nested
 * brackets, many handles...). Used by the adversarial benchmark and by the bounded-work tests.
 */
export interface HostileText {
  readonly name: string;
  /** A text of exactly `length` characters (UTF-16 code units). */
  readonly make: (length: number) => string;
}

const repeat = (unit: string) => (length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export const HOSTILE_TEXTS: readonly HostileText[] = [
  { name: '"a.b " repeated', make: repeat('a.b ') },
  { name: '"é a.b " repeated (non-ASCII path)', make: repeat('é a.b ') },
  { name: 'one digit run', make: repeat('1') },
  { name: 'digit pairs', make: repeat('12 ') },
  { name: 'digits and dashes', make: repeat('1-') },
  { name: '"@" storm', make: repeat('@') },
  { name: '"a@b " repeated', make: repeat('a@b ') },
  { name: '"a@b." repeated', make: repeat('a@b.') },
  { name: 'one long word', make: (n) => `é${'x'.repeat(Math.max(0, n - 1))}` },
  { name: 'dotted chain', make: repeat('a.') },
  { name: 'spelled-out digits', make: repeat('five ') },
  { name: '"x at y dot " repeated', make: repeat('x at y dot ') },
  { name: '"a dot " repeated', make: repeat('a dot ') },
  { name: 'nested brackets', make: (n) => '(['.repeat(Math.floor(n / 4)) + '])'.repeat(Math.floor(n / 4)) + ' '.repeat(n % 4) },
  { name: 'alternating scripts', make: repeat('aа1١ﾚ') },
  { name: 'single letters', make: repeat('a ') },
  { name: 'many handles', make: repeat('mail x@gmail.com or +44 7911 123456 wa.me/1234 ') },
  { name: '"whatsapp: " repeated', make: repeat('whatsapp: ') },
  { name: 'cue words repeated', make: repeat('remove review refund if stars whatsapp never lawyer ') },
  { name: '"www." repeated', make: repeat('www.') },
  { name: 'emoji between letters', make: repeat('😀a') },
  { name: 'Japanese', make: repeat('レビューを削除して返金します。') },
  { name: 'a long courteous ask', make: repeat('please could you kindly update the review you wrote once solved, ') },
];
