/**
 * The partner filter's suggestions on the agreements list (`/organizations/partners`): the
 * organizations the user's organizations work with, by name (knownPartners). Asked for when the field
 * is first used, so that the list's page does not carry fifty names for every visit.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { knownPartners } from "~/domain/organization/organization.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const partners = await knownPartners(db(), actor);
  return { partners: partners.map((o) => ({ id: o.id, nameFr: o.nameFr, nameAr: o.nameAr })) };
}
