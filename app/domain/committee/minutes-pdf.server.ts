/**
 * The minutes of a committee meeting as a PDF (procès-verbal): the agreement and committee, date
 * and place, the attendance list by party (an association's legal proof of the meeting), the
 * agenda with its outcomes, the minutes, decisions, action items, and the approval status with
 * each party's approval and the hash of the text approved.
 */
import type { DB } from "../../../db/client";
import { listParties } from "../agreement/agreement.queries.server";
import { displayName } from "../organization/organization";
import type { Locale } from "~/lib/i18n/locales";
import { createTranslator } from "~/lib/i18n/translate";
import { markdownBlocks } from "~/lib/markdown-text.server";
import { createDocument, type PdfBuilder } from "~/lib/pdf/document.server";
import { agendaItemText, isDecision } from "./committee";
import type { LoadedCommittee } from "./committee.server";
import { currentApprovals, type LoadedMeeting } from "./meetings.server";
import { workerTask } from "~/lib/worker-tasks.server";

export async function minutesModel(db: DB, agreementId: string, found: LoadedCommittee, m: LoadedMeeting) {
  const agreement = await db
    .selectFrom("agreement")
    .select(["reference", "title", "title_secondary as titleSecondary"])
    .where("id", "=", agreementId)
    .executeTakeFirstOrThrow();
  const parties = await listParties(db, agreementId);
  return { agreement, parties, found, m };
}

function markdown(doc: PdfBuilder, source: string, size?: number) {
  for (const block of markdownBlocks(source))
    doc.paragraph(
      block.text,
      block.kind === "heading" ? { bold: true, ...(size ? { size } : {}) } : size ? { size } : {},
    );
}

async function drawMinutesPdf(model: Awaited<ReturnType<typeof minutesModel>>, locale: Locale): Promise<Uint8Array> {
  const { t, formatDate, formatMeetingTime, list } = createTranslator(locale);
  const { agreement, parties, found, m } = model;
  const meeting = m.meeting;
  const when = formatMeetingTime(meeting.starts_at, meeting.time_zone);
  const doc = await createDocument({
    title: `${t("minutes.pdfTitle", { number: meeting.number })} · ${agreement.reference}`,
    subject: agreement.title,
    creationDate: new Date(meeting.updated_at),
    language: locale,
  });

  doc.paragraph(`${agreement.reference} · ${agreement.title}`, { size: 10, color: [0.38, 0.38, 0.42] });
  if (agreement.titleSecondary) doc.paragraph(agreement.titleSecondary, { size: 10, color: [0.38, 0.38, 0.42] });
  doc.spacer(12);
  doc.heading(t("committee.title"), 2);
  doc.heading(t("minutes.pdfTitle", { number: meeting.number }), 1);
  doc.keyValues([
    [t("meeting.date"), `${when}${meeting.time_zone !== "Africa/Casablanca" ? ` (${meeting.time_zone})` : ""}`],
    [t("meeting.location"), [meeting.location, meeting.video_url].filter(Boolean).join(" · ") || "—"],
    [t("minutes.statusLabel"), t(`minutes.status.${meeting.minutes_status}`)],
  ]);

  doc.heading(t("attendance.title"), 2);
  for (const party of parties) {
    doc.paragraph(displayName(party, locale), { bold: true });
    const rows = found.members
      .filter((x) => x.partyId === party.id)
      .map((x): [string, string] => {
        const status = m.attendance.find((a) => a.memberId === x.id)?.status;
        const who = `${x.name} (${t(`committee.role.${x.role}`)}${x.organizationName ? ` · ${x.organizationName}` : ""})`;
        return [who, status ? t(`attendance.${status}`) : "—"];
      });
    if (rows.length) doc.keyValues(rows);
  }
  const guests = meeting.guests
    .split("\n")
    .map((g) => g.trim())
    .filter(Boolean);
  if (guests.length) doc.keyValues([[t("attendance.guests"), list(guests)]]);

  doc.heading(t("agenda.title"), 2);
  m.agenda.forEach((item, index) => {
    const text = agendaItemText(item, locale);
    doc.heading(`${index + 1}. ${text.title}`, 3);
    if (text.body.trim()) markdown(doc, text.body, 10);
    for (const o of m.outcomes.filter((x) => x.agenda_item_id === item.id)) {
      doc.paragraph(
        isDecision(o.kind) ? t("outcome.decisionNumber", { number: o.number ?? 0 }) : t("outcome.information"),
        { bold: true, size: 10 },
      );
      markdown(doc, o.body, 10);
    }
  });

  if (meeting.minutes.trim()) {
    doc.heading(t("minutes.title"), 2);
    markdown(doc, meeting.minutes);
  }

  const decisions = m.outcomes.filter((o) => isDecision(o.kind));
  if (decisions.length) {
    doc.heading(t("minutes.decisions"), 2);
    for (const d of decisions) {
      doc.paragraph(t("outcome.decisionNumber", { number: d.number ?? 0 }), { bold: true });
      markdown(doc, d.body);
    }
  }

  if (m.actionItems.length) {
    doc.heading(t("actionItems.title"), 2);
    doc.keyValues(
      m.actionItems.map((a): [string, string] => {
        const owner = a.ownerMemberName ?? displayName({ nameFr: a.ownerNameFr, nameAr: a.ownerNameAr }, locale);
        return [
          a.title,
          [
            owner,
            a.dueDate ? `${t("actionItems.due")} ${formatDate(a.dueDate)}` : null,
            t(`actionItems.status.${a.status}`),
          ]
            .filter(Boolean)
            .join(" · "),
        ];
      }),
    );
  }

  doc.heading(t("minutes.approval"), 2);
  doc.paragraph(t(`committee.approval.${found.committee.approval_rule}`), { size: 10 });
  const approvals = currentApprovals(m);
  if (approvals.length) {
    doc.keyValues(
      approvals.map((a): [string, string] => [
        displayName(parties.find((p) => p.id === a.partyId) ?? { nameFr: null, nameAr: null }, locale),
        `${a.name} · ${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(a.approvedAt))} UTC`,
      ]),
    );
  } else {
    doc.paragraph(t("minutes.noApproval"), { size: 10 });
  }
  if (meeting.minutes_hash) doc.paragraph(`SHA-256 ${meeting.minutes_hash}`, { size: 8, color: [0.38, 0.38, 0.42] });

  if (m.addenda.length) {
    doc.heading(t("minutes.addenda"), 2);
    for (const a of m.addenda) {
      doc.paragraph(`${formatDate(a.createdAt)} · ${a.authorName ?? "—"}`, { size: 9, color: [0.38, 0.38, 0.42] });
      markdown(doc, a.body);
    }
  }
  doc.setFooter((page, pages) => ({
    start: `${agreement.reference} · ${t("minutes.pdfTitle", { number: meeting.number })}`,
    end: `${page} / ${pages}`,
  }));
  return doc.finish();
}

/** Drawn in the server's worker thread, so that requests are answered meanwhile. */
export const renderMinutesPdf = workerTask("minutes-pdf", drawMinutesPdf);
