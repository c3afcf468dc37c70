/** A small deterministic PRNG (mulberry32) and helpers: the same seed gives the same dataset. */
export type Rng = ReturnType<typeof createRng>;

export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  /** A record id in the app's format: 16 characters from [a-z0-9]. */
  const id = () => {
    let s = "";
    for (let i = 0; i < 16; i++) s += ALPHABET[Math.floor(next() * 36)];
    return s;
  };
  /** Picks by weight: [[value, weight], …]. */
  const weighted = <T>(entries: ReadonlyArray<readonly [T, number]>): T => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  return { next, int, pick, chance, id, weighted };
}
