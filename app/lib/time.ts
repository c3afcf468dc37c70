/** Timestamps are UTC ISO-8601 strings written by code; dates are YYYY-MM-DD. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Today's calendar date in Morocco, YYYY-MM-DD: the date rules about due and expired use. */
export function todayInMorocco(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Casablanca", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
