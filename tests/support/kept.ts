/**
 * The kept money totals (agreement_money, organization_money; issue #22) beside the sums computed from
 * scratch: what money-totals.test.ts compares after each command, and every integration file when it
 * closes its database (tests/support/db.ts).
 */
import type { DB } from "../../db/client";
import { keptFigures, moneyContributions, organizationSums } from "~/domain/finance/money-totals.server";

const FIGURES = [
  "pledged_minor",
  "pledged_tranches",
  "received_minor",
  "spent_minor",
  "delivered_minor",
  "due_tranches",
] as const;

type Row = Record<(typeof FIGURES)[number], number> & { key: string };

const normal = (rows: Row[]) =>
  rows.filter((r) => FIGURES.some((c) => r[c] !== 0)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

const figures = (r: Record<(typeof FIGURES)[number], number | string>) =>
  Object.fromEntries(FIGURES.map((c) => [c, Number(r[c])])) as Record<(typeof FIGURES)[number], number>;

/** The kept rows and the rows computed from scratch, side by side (all-zero rows left out). */
export async function keptAndFromScratch(on: DB) {
  const scratch = await moneyContributions(on);
  const asRow = keptFigures;
  const agreements = await on.selectFrom("agreement_money").selectAll().execute();
  const organizations = await on.selectFrom("organization_money").selectAll().execute();
  return {
    kept: {
      agreements: normal(
        agreements.map((r) => ({
          key: `${r.agreement_id} ${r.organization_id} ${r.currency} ${r.reference}`,
          ...figures(r),
        })),
      ),
      organizations: normal(organizations.map((r) => ({ key: `${r.organization_id} ${r.currency}`, ...figures(r) }))),
    },
    scratch: {
      agreements: normal(
        scratch.map((c) => ({
          key: `${c.agreementId} ${c.organizationId} ${c.currency} ${c.reference}`,
          ...asRow(c),
        })),
      ),
      organizations: normal(
        organizationSums(scratch).map((c) => ({ key: `${c.organizationId} ${c.currency}`, ...asRow(c) })),
      ),
    },
  };
}
