/**
 * How an audit event reads: every sentence of every event, in each language, is filled from the
 * fields an event may show — none keeps a {placeholder} — and a calendar date reads in the reader's
 * language.
 */
import { describe, expect, it } from "vitest";
import { eventDetails, eventLabel } from "~/domain/audit/event-view";
import { ar } from "~/lib/i18n/messages/ar";
import { en } from "~/lib/i18n/messages/en";
import { fr } from "~/lib/i18n/messages/fr";
import type { Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";

const catalogues = { fr, ar, en } as const;

describe("an event's sentence", () => {
  it("is filled from what the event records, in every language, with no placeholder left", () => {
    for (const [locale, messages] of Object.entries(catalogues)) {
      const { t, formatDate } = createTranslator(locale as Locale);
      for (const [key, text] of Object.entries(messages)) {
        if (!key.startsWith("event.")) continue;
        // The event as recorded: a value for each field its sentence names.
        const payload = Object.fromEntries([...String(text).matchAll(/\{(\w+)/g)].map(([, name]) => [name, "x"]));
        const sentence = eventLabel(t, key.slice("event.".length), eventDetails(JSON.stringify(payload)), formatDate);
        expect({ locale, key, sentence }).toEqual({ locale, key, sentence: expect.not.stringMatching(/\{\w+/) });
      }
    }
  });

  it("says an action item's due date in the reader's language", () => {
    const { t, formatDate } = createTranslator("fr");
    const details = eventDetails(JSON.stringify({ meeting: 2, title: "Remettre le bilan", dueDate: "2026-12-15" }));
    expect(eventLabel(t, "action_item.due", details, formatDate)).toContain(formatDate("2026-12-15"));
  });
});
