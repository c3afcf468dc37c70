/**
 * One report: the reporting party writes the draft (several members, optimistic saves), adds annexes
 * and submits it; the partners read the submitted version, comment on its sections, send it back or
 * accept it with their password; any two versions compare word by word; with the final report each
 * party evaluates the partnership; a committee member takes note of it in a meeting's decision.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ReportStatusBadge } from "~/components/report-status";
import { buttonClass } from "~/components/ui/button";
import { DateText } from "~/components/ui/formatted";
import { failureFor, Notice } from "~/components/ui/form";
import { passwordRefusalError } from "~/domain/identity/login.server";
import { displayName } from "~/domain/organization/organization";
import { submitEvaluation } from "~/domain/report/evaluation.server";
import {
  AcceptReportSchema,
  AnnexSchema,
  EvaluationSchema,
  RemoveAnnexSchema,
  ReportCommentSchema,
  ReportCompareQuery,
  SaveReportSchema,
  saveReportInput,
  SendBackSchema,
  SubmitReportSchema,
  TakeNoteSchema,
} from "~/domain/report/report.schema";
import {
  acceptReport,
  addAnnex,
  commentReport,
  removeAnnex,
  saveReport,
  sendBackReport,
  submitReport,
  takeNoteOfReport,
} from "~/domain/report/report.server";
import { reportView, type ReportData } from "~/domain/report/report-view.server";
import { dispatch, fieldRejected, invalid, readSubmission, refused, uploadedFile } from "~/lib/actions.server";
import { requireReport } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm } from "~/lib/forms";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { renderMarkdown } from "~/lib/markdown.server";
import { discardFile, storeFile } from "~/lib/uploads.server";
import { Annexes } from "./annexes";
import { DraftForm, SubmitCard, type SaveFailure } from "./draft-form";
import { EvaluationCard } from "./evaluation";
import { History, TakeNote } from "./history";
import { ReportContent } from "./report-content";
import { ReviewPanel } from "./review-panel";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, report } = await requireReport(request, params, context);
  const query = ReportCompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return reportView(db(), actor, loaded, report, query);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, actor, meta, loaded, report } = await requireReport(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/reports/${report.id}`;
  const reportId = report.id;
  return dispatch(await readSubmission(request), {
    saveReport: async ({ formData, intent }) => {
      const form = parseForm(SaveReportSchema, formData, saveReportInput(formData));
      if (!form.ok) return invalid(form, intent);
      const result = await saveReport(db(), actor, meta, loaded, { reportId, ...form.data });
      if (!result.ok && result.error === "report_conflict") {
        // Nothing lost: the typed text comes back in the form, theirs is shown beside it.
        const theirs = result.current.sections;
        return data(
          {
            ...failure(form.values, {}, { key: "reports.conflict", vars: { name: result.current.editedBy ?? "—" } }),
            intent,
            conflict: {
              version: result.current.version,
              editedBy: result.current.editedBy,
              html: {
                summary: renderMarkdown(theirs.summary),
                activities: renderMarkdown(theirs.activities),
                difficulties: renderMarkdown(theirs.difficulties),
                nextPeriod: renderMarkdown(theirs.nextPeriod),
              },
            },
          },
          { status: 409 },
        );
      }
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}?saved=1`);
    },
    addAnnex: async (submission) => {
      const form = parseForm(AnnexSchema, submission.formData);
      if (!form.ok) return invalid(form, submission.intent);
      const upload = await uploadedFile(submission, "file", {
        kinds: ["png", "jpeg", "pdf"],
        wrongType: "reports.error.wrongTypeAnnex",
        required: true,
      });
      if (!upload.ok) return fieldRejected(form.values, submission.intent, { file: upload.error });
      const file = upload.file!;
      const stored = storeFile(file.bytes, file.kind, file.name);
      const result = await addAnnex(db(), actor, meta, loaded, { reportId, kind: form.data.kind, stored });
      if (result.ok) return redirect(`${here}#annexes`);
      discardFile(stored.storedName);
      return refused(result, form.values, submission.intent);
    },
    removeAnnex: async ({ formData, intent }) => {
      const form = parseForm(RemoveAnnexSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await removeAnnex(db(), actor, meta, loaded, { reportId, attachmentId: form.data.attachmentId });
      if (!result.ok) return refused(result, form.values, intent, form.data.attachmentId);
      return redirect(`${here}#annexes`);
    },
    submitReport: async ({ formData, intent }) => {
      const form = parseForm(SubmitReportSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await submitReport(db(), actor, meta, loaded, { reportId, version: form.data.version });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}?submitted=${result.number}`);
    },
    commentReport: async ({ formData, intent }) => {
      const form = parseForm(ReportCommentSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await commentReport(db(), actor, meta, loaded, { reportId, ...form.data });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}#section-${form.data.section}`);
    },
    sendBack: async ({ formData, intent }) => {
      const form = parseForm(SendBackSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await sendBackReport(db(), actor, meta, loaded, { reportId, message: form.data.message });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}?sentBack=1`);
    },
    acceptReport: async ({ formData, intent }) => {
      const form = parseForm(AcceptReportSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await acceptReport(db(), actor, meta, loaded, { reportId, ...form.data });
      if (!result.ok && result.error === "password")
        return fieldRejected(form.values, intent, {
          password: passwordRefusalError(result, "signing.error.password"),
        });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}?accepted=1`);
    },
    evaluate: async ({ formData, intent }) => {
      const form = parseForm(EvaluationSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const { comments, ...scores } = form.data;
      const result = await submitEvaluation(db(), actor, meta, loaded, {
        scores: {
          objectives: scores.objectives,
          relationship: scores.relationship,
          communication: scores.communication,
          timeliness: scores.timeliness,
        },
        comments,
      });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`${here}#evaluation`);
    },
    takeNote: async ({ formData, intent }) => {
      const form = parseForm(TakeNoteSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await takeNoteOfReport(db(), actor, meta, loaded, {
        reportId,
        meetingId: form.data.meetingId,
        locale: resolveLocale(request, user),
      });
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`/agreements/${loaded.agreement.id}/meetings/${form.data.meetingId}`);
    },
  });
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const { report, rights } = d;
  const lastSentBack = [...d.reviews].reverse().find((r) => r.versionNumber === report.currentVersion);
  return (
    <div className="space-y-6" data-testid="report-page" data-status={report.status}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm">
            <Link to={`/agreements/${d.agreementId}/reports`} className="text-brand-700 hover:underline">
              {t("reports.title")}
            </Link>
          </p>
          <h2 className="text-xl font-semibold" data-testid="report-title">
            {t(`reports.kind.${report.kind}`)}
          </h2>
          <p className="text-sm text-slate-600">
            <DateText value={report.periodFrom} /> – <DateText value={report.periodTo} /> ·{" "}
            <bdi>{displayName(report, locale)}</bdi>
            {report.currentVersion > 0 ? <> · {t("reports.version", { number: report.currentVersion })}</> : null}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <ReportStatusBadge status={report.status} />
          {report.currentVersion > 0 ? (
            <a
              href={`/agreements/${d.agreementId}/reports/${report.id}/pdf`}
              className={buttonClass("secondary", "px-3 py-1 text-xs")}
              data-testid="report-pdf"
            >
              {t("reports.pdf")}
            </a>
          ) : null}
        </div>
      </div>
      <StatusNotice d={d} lastReview={lastSentBack ?? null} />
      {rights.canWrite && d.draft ? (
        <>
          <DraftForm d={d} failed={failureFor(result, "saveReport") as SaveFailure | null} />
          <Annexes d={d} result={result} />
          {rights.canSubmit ? <SubmitCard d={d} failed={failureFor(result, "submitReport")} /> : null}
        </>
      ) : d.shown ? (
        <>
          <ReportContent d={d} shown={d.shown} result={result} />
          <Annexes d={d} result={result} />
          {rights.canReview || rights.decided ? <ReviewPanel d={d} result={result} /> : null}
        </>
      ) : null}
      {d.evaluation ? <EvaluationCard d={d} failed={failureFor(result, "evaluate")} /> : null}
      {rights.canTakeNote ? <TakeNote d={d} failed={failureFor(result, "takeNote")} /> : null}
      <History d={d} />
    </div>
  );
}

/** Where the report stands, in a sentence: under review, sent back (by whom), accepted. */
function StatusNotice({ d, lastReview }: { d: ReportData; lastReview: ReportData["reviews"][number] | null }) {
  const { t, locale } = useI18n();
  const { report } = d;
  const statusText: Record<typeof report.status, string | null> = {
    draft: null,
    submitted: t("reports.underReview"),
    sent_back: lastReview
      ? t("reports.sentBackNotice", {
          name: lastReview.name,
          organization: displayName(lastReview, locale),
        })
      : null,
    accepted: report.acceptedAt ? t("reports.acceptedNotice") : null,
  };
  const text = statusText[report.status];
  if (!text) return null;
  return (
    <Notice>
      <span data-testid="report-notice">
        {text}
        {report.acceptedAt && statusText.accepted === text ? (
          <>
            {" "}
            <DateText value={report.acceptedAt} />
          </>
        ) : null}
      </span>
    </Notice>
  );
}
