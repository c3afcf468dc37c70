/** Privacy rules for named beneficiaries (Moroccan law 09-08), pure. */

/** Keeps only the last `visible` characters of a national ID: "AB123456" → "••••3456". */
export function maskNationalId(raw: string, visible = 4): string | null {
  const cleaned = raw.replace(/[\s-]/g, "").toUpperCase();
  if (!cleaned) return null;
  return `••••${cleaned.slice(-visible)}`;
}

/** Names are kept until the retention date (inclusive), erased after it. */
export function isPastRetention(retentionUntil: string, today: string): boolean {
  return retentionUntil < today;
}
