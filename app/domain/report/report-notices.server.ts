/**
 * The notices of a report's review, once each (the notification's unique key): a version submitted
 * (to the partners' reviewers, once per version), sent back and accepted (to the reporting party).
 * A report due is announced by the daily job with the other obligations (notify.server.ts).
 */
import type { DB } from "../../../db/client";
import type { NotificationKind } from "../../../db/schema";
import { orgMembers } from "../notify/recipients.server";
import type { Notice } from "../notify/reminders";
import { getReport, partnerOrganizations } from "./report-queries.server";

export type ReportEvent = "submitted" | "sent_back" | "accepted";

const KIND: Record<ReportEvent, NotificationKind> = {
  submitted: "report_submitted",
  sent_back: "report_sent_back",
  accepted: "report_accepted",
};

export async function reportNotices(db: DB, reportId: string, event: ReportEvent): Promise<Notice[]> {
  const report = await db.selectFrom("report").select(["agreement_id"]).where("id", "=", reportId).executeTakeFirst();
  if (!report) return [];
  const loaded = await getReport(db, report.agreement_id, reportId);
  if (!loaded) return [];
  const agreement = await db
    .selectFrom("agreement")
    .select(["reference", "title"])
    .where("id", "=", loaded.agreement_id)
    .executeTakeFirstOrThrow();
  const userIds =
    event === "submitted"
      ? await orgMembers(db, await partnerOrganizations(db, loaded.agreement_id, loaded.reportingOrganizationId), [
          "president",
          "admin",
        ])
      : await orgMembers(db, [loaded.reportingOrganizationId]);
  return [
    {
      userIds,
      kind: KIND[event],
      subjectId: reportId,
      occurrence: event === "accepted" ? "accepted" : `v${loaded.current_version}`,
      agreementId: loaded.agreement_id,
      params: {
        reference: agreement.reference,
        title: agreement.title,
        date: loaded.period_to,
        number: loaded.current_version,
      },
      link: `/agreements/${loaded.agreement_id}/reports/${reportId}`,
    },
  ];
}
