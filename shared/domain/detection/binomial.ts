/**
 * The upper tail of the binomial distribution, P(X >= k) for X ~ Binomial(n, p): the chance that a
 * seller with the platform's base rate `p` of unexplained flips shows at least `k` of them among
 * `n` negative reviews. Summed in log space, so it stays exact for the sizes sellers have.
 */

// Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0) throw new RangeError(`bad binomial arguments k=${k} n=${n}`);
  if (p < 0 || p > 1) throw new RangeError(`probability out of range: ${p}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  // log-sum-exp over i = k..n, anchored at the largest term.
  const terms: number[] = [];
  for (let i = k; i <= n; i++) terms.push(logChoose(n, i) + i * logP + (n - i) * logQ);
  const max = Math.max(...terms);
  const sum = terms.reduce((acc, term) => acc + Math.exp(term - max), 0);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * P(X >= k) for an honest seller whose own flip rate is unknown but lies, as the marketplace
 * measures honest shops, anywhere between `lo` and `hi` (uniformly): the binomial tail averaged over
 * that spread, (1 / (hi - lo)) ∫ P(X >= k | n, p) dp. Over the marketplace's honest shops, a test at
 * alpha flags about alpha of them, whichever rate each has; the tail at `hi` alone would treat every
 * shop as the most flip-prone one. Closed form: P(X >= k | n, p) is the regularised incomplete beta
 * I_p(k, n - k + 1), whose integral is p I_p(k, n - k + 1) - k / (n + 1) I_p(k + 1, n - k + 1).
 */
export function spreadBinomialUpperTail(k: number, n: number, lo: number, hi: number): number {
  if (!(lo >= 0 && hi <= 1 && lo <= hi)) throw new RangeError(`bad rate spread [${lo}, ${hi}]`);
  if (hi - lo < 1e-9) return binomialUpperTail(k, n, hi);
  if (k <= 0) return 1;
  if (k > n) return 0;
  const atLo = binomialUpperTail(k, n, lo);
  const integral = (p: number, tail: number) => p * tail - (k / (n + 1)) * binomialUpperTail(k + 1, n + 1, p);
  const mean = (integral(hi, binomialUpperTail(k, n, hi)) - integral(lo, atLo)) / (hi - lo);
  // The difference loses a few digits when both tails are tiny; it is never below the tail at lo.
  return Math.min(1, Math.max(atLo, mean));
}

/**
 * P(X >= k) for X ~ Hypergeometric(population, successes, draws): the chance that `draws` items
 * picked at random, without putting any back, from `population` items of which `successes` are
 * marked hold at least `k` marked ones. The exact test for "were these orders picked at random
 * from the seller's orders?", however few orders the seller has.
 */
export function hypergeometricUpperTail(k: number, population: number, successes: number, draws: number): number {
  for (const [name, value] of Object.entries({ k, population, successes, draws })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`bad hypergeometric argument ${name}=${value}`);
  }
  if (successes > population || draws > population) throw new RangeError(`bad hypergeometric arguments population=${population} successes=${successes} draws=${draws}`);
  const lowest = Math.max(0, draws - (population - successes));
  const highest = Math.min(draws, successes);
  if (k <= lowest) return 1;
  if (k > highest) return 0;
  const logTotal = logChoose(population, draws);
  const terms: number[] = [];
  for (let i = k; i <= highest; i++) terms.push(logChoose(successes, i) + logChoose(population - successes, draws - i) - logTotal);
  const max = Math.max(...terms);
  const sum = terms.reduce((acc, term) => acc + Math.exp(term - max), 0);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * Fisher's method: the chance that independent tests of an innocent seller would give p-values at
 * least as small, taken together (-2 Σ ln p is chi-squared with 2k degrees of freedom, whose upper
 * tail has a closed form for even degrees). Two weak pieces of evidence that agree are stronger
 * than either; one strong piece does not need a second.
 */
export function fisherCombined(ps: readonly number[]): number {
  if (ps.length === 0) return 1;
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`probability out of range: ${p}`);
  if (ps.some((p) => p === 0)) return 0;
  const half = -ps.reduce((sum, p) => sum + Math.log(p), 0);
  let term = 1;
  let sum = 1;
  for (let i = 1; i < ps.length; i++) {
    term *= half / i;
    sum += term;
  }
  return Math.min(1, Math.exp(-half) * sum);
}

/**
 * The chance that a report of `n` orders, each negatively reviewed with probability `p`, shows a
 * binomial tail at most `threshold` (the chance that it falls outside a routine judged at
 * `threshold`): the tail at the fewest negative orders that reach it, or 0 when none does. The
 * tails are discrete, so this is at most `threshold`, and often far below it (a one-order report
 * at a 1% share falls outside the routine 1% of the time, not 5%).
 */
export function chanceOfTailAtMost(n: number, p: number, threshold: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad report size n=${n}`);
  if (p < 0 || p > 1 || threshold < 0 || threshold > 1) throw new RangeError(`probability out of range: p=${p} threshold=${threshold}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return threshold >= 1 ? 1 : 0;
  // The tail from the top down, in one pass over the pmf (log space): the first k whose tail
  // exceeds the threshold is one past the answer.
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let tail = 0;
  for (let k = n; k >= 1; k--) {
    const next = tail + Math.exp(logChoose(n, k) + k * logP + (n - k) * logQ);
    if (next > threshold) return tail;
    tail = next;
  }
  // Even k = 1 reaches it: the report is outside the routine whenever it holds a negative order.
  return Math.min(tail, 1);
}

/**
 * P(M >= m) for M the number of successes among independent trials of chances `qs` (the
 * Poisson-binomial distribution): how often a seller's routine reports, each with its own chance of
 * falling outside the routine, would give `m` or more such reports. Exact (dynamic programming over
 * the counts below m; the tail is accumulated, not taken as 1 minus the rest, so tiny tails keep
 * their digits).
 */
export function poissonBinomialUpperTail(m: number, qs: readonly number[]): number {
  if (!Number.isInteger(m)) throw new RangeError(`bad count m=${m}`);
  for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`probability out of range: ${q}`);
  if (m <= 0) return 1;
  if (m > qs.length) return 0;
  // below[j] = P(exactly j successes so far), for j < m; tail = P(at least m so far).
  const below = new Array<number>(m).fill(0);
  below[0] = 1;
  let tail = 0;
  for (const q of qs) {
    tail += (below[m - 1] ?? 0) * q;
    for (let j = m - 1; j >= 1; j--) below[j] = (below[j] ?? 0) * (1 - q) + (below[j - 1] ?? 0) * q;
    below[0] = (below[0] ?? 0) * (1 - q);
  }
  return Math.min(1, tail);
}
