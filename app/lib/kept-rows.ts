/**
 * A kept table's rows against the same rows computed from scratch (issue #22's rule for kept figures):
 * each row as one line, the lines missing from the kept table, then those it has in excess. Empty when
 * the triggers or commands that keep it did.
 */
export function keptRowsDiffer<K, S>(kept: K[], scratch: S[], line: (row: K | S) => string) {
  const keptLines = new Set(kept.map(line));
  const scratchLines = new Set(scratch.map(line));
  return [
    ...scratch
      .map(line)
      .filter((l) => !keptLines.has(l))
      .map((l) => ({ missing: l })),
    ...kept
      .map(line)
      .filter((l) => !scratchLines.has(l))
      .map((l) => ({ unexpected: l })),
  ];
}
