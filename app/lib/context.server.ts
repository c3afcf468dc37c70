/**
 * The first lines of every loader and action, in one place: who is asking (user and actor),
 * from where (audit metadata), and — for agreement pages — the agreement they may see,
 * or a 404. An agreement past its end date is expired on read.
 */
import type { AppLoadContext } from "@remix-run/node";
import * as z from "zod";
import { loadActor } from "~/domain/access/access.server";
import { expireIfPast } from "~/domain/agreement/agreement.commands.server";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { findReport } from "~/domain/report/report-queries.server";
import { requireUser } from "./auth.server";
import { db } from "./db.server";
import { clientInfo, notFound } from "./http.server";
import { recordId } from "./ids";

export async function requireActor(request: Request, context: AppLoadContext) {
  const user = await requireUser(request);
  const actor = await loadActor(db(), user);
  const meta = { actorUserId: user.id, ...clientInfo(request, context) };
  return { user, actor, meta };
}

const AgreementParams = z.object({ agreementId: recordId });

export async function requireAgreement(request: Request, params: unknown, context: AppLoadContext) {
  const who = await requireActor(request, context);
  const parsed = AgreementParams.safeParse(params);
  if (!parsed.success) notFound();
  let loaded = await findAgreement(db(), who.actor, parsed.data.agreementId);
  if (!loaded) notFound();
  if (await expireIfPast(db(), loaded.agreement)) {
    loaded = await findAgreement(db(), who.actor, parsed.data.agreementId);
    if (!loaded) notFound();
  }
  return { ...who, loaded };
}

const ReportParams = z.object({ reportId: recordId });

/** A report page's first line: the agreement as above, and the report if the actor may read it, or a 404. */
export async function requireReport(request: Request, params: unknown, context: AppLoadContext) {
  const who = await requireAgreement(request, params, context);
  const parsed = ReportParams.safeParse(params);
  if (!parsed.success) notFound();
  const report = await findReport(db(), who.actor, who.loaded.access, who.loaded.agreement.id, parsed.data.reportId);
  if (!report) notFound();
  return { ...who, report };
}
