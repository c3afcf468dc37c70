/** Human references of agreements: CH-<year>-<4-digit sequence within the year>. */
export function formatReference(year: number, sequence: number): string {
  return `CH-${year}-${String(sequence).padStart(4, "0")}`;
}

export function referencePrefix(year: number): string {
  return `CH-${year}-`;
}

export function parseReferenceSequence(reference: string): number | null {
  const match = /^CH-\d{4}-(\d{4,})$/.exec(reference);
  return match ? Number(match[1]) : null;
}
