/**
 * DynamoDB stores numbers of magnitude 1E-130 to 1E+126 only: a binomial tail of a seller with
 * hundreds of improbable complaints or flips goes below that, and the write fails ("Number
 * underflow"). A chance that small means the same to every reader as the smallest storable one, so a
 * positive magnitude below it is stored as 1E-130 (sign kept); zero stays zero.
 */
export const SMALLEST_STORABLE = 1e-130;

export function storableNumbers<T>(value: T): T {
  if (typeof value === 'number') {
    return (value !== 0 && Math.abs(value) < SMALLEST_STORABLE ? Math.sign(value) * SMALLEST_STORABLE : value) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => storableNumbers(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, storableNumbers(item)])) as T;
  }
  return value;
}
