/**
 * An agreement's expenses as CSV, in the reader's language (its separator, BOM; see export/csv.ts):
 * reversals included as negative lines, so the column sums to what the finances page shows spent.
 * Amounts are decimal strings written from the integers (a comma in French and Arabic).
 */
import type { DB } from "../../../db/client";
import type { Locale } from "../../../db/schema";
import { csvDelimiter, toCsv } from "../export/csv";
import { displayName } from "../organization/organization";
import { createTranslator } from "~/lib/i18n/translate";
import { toDecimalString } from "~/lib/money";
import { listExpenses } from "./expenses.server";

export async function expensesCsv(db: DB, agreementId: string, locale: Locale): Promise<string> {
  const { t } = createTranslator(locale);
  const decimal = (minor: number) =>
    locale === "en" ? toDecimalString(minor) : toDecimalString(minor).replace(".", ",");
  const rows = await listExpenses(db, agreementId);
  return toCsv(
    [
      t("finance.expense.spentOn"),
      t("finance.expense.line"),
      t("finance.expense.supplier"),
      t("finance.expense.description"),
      t("finance.expense.amount"),
      t("finance.method"),
      t("finance.expense.party"),
      t("finance.expense.reason"),
    ],
    rows.map((e) => [
      e.spentOn,
      e.linePosition,
      e.supplier,
      e.description,
      decimal(e.amountMinor),
      t(`finance.method.${e.method}`),
      displayName({ nameFr: e.nameFr, nameAr: e.nameAr }, locale),
      e.reason,
    ]),
    csvDelimiter(locale),
  );
}
