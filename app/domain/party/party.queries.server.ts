/**
 * Query fragments about an agreement's parties, written once: the party → organization join and the
 * organization's names as every page reads them (`nameFr`, `nameAr`, for `displayName`).
 *
 *   db.selectFrom("deliverable")
 *     .$call(joinPartyOrganization("deliverable.responsible_party_id"))
 *     .select([...ORGANIZATION_NAMES, "deliverable.title"])
 */
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema";

/** The organization's names, as `displayName` and the view models take them. */
export const ORGANIZATION_NAMES = ["organization.name_fr as nameFr", "organization.name_ar as nameAr"] as const;

/** A column that holds an agreement party's id: "obligation.responsible_party_id", "committee_member.party_id"… */
export type PartyIdColumn = {
  [T in keyof Database]: {
    [C in keyof Database[T]]: C extends `${string}party_id` ? `${T & string}.${C & string}` : never;
  }[keyof Database[T]];
}[keyof Database];

/**
 * Joins the party named by `partyIdColumn` and its organization (both inner joins: every party has an
 * organization). For `.$call(…)`: the query keeps its tables and selection.
 */
export function joinPartyOrganization(partyIdColumn: PartyIdColumn) {
  return <TB extends keyof Database, O>(qb: SelectQueryBuilder<Database, TB, O>) =>
    (qb as unknown as SelectQueryBuilder<Database, never, O>)
      .innerJoin("agreement_party", (join) => join.on("agreement_party.id", "=", sql.ref<string>(partyIdColumn)))
      .innerJoin("organization", "organization.id", "agreement_party.organization_id") as unknown as SelectQueryBuilder<
      Database,
      TB | "agreement_party" | "organization",
      O
    >;
}

/** The party `partyId` when it is one of `agreementId`'s parties (a form's party field), else undefined. */
export function partyOfAgreement(db: Kysely<Database>, agreementId: string, partyId: string) {
  return db
    .selectFrom("agreement_party")
    .select(["id", "organization_id"])
    .where("id", "=", partyId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
}
