import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { DateTimeText } from "~/components/ui/formatted";
import { agreementHistory } from "~/domain/agreement/agreement.queries.server";
import { integrityReport, mayRunIntegrityCheck } from "~/domain/signing/verification.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { eventDetails, eventLabel } from "~/domain/audit/event-view";
import { useI18n } from "~/lib/i18n/react";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await requireAgreement(request, params, context);
  const events = await agreementHistory(db(), loaded.agreement.id);
  const asked = new URL(request.url).searchParams.get("check");
  // The full check (every entry since the first) is the platform administrator's; the daily job runs it too.
  const full = asked === "full" && user.isPlatformAdmin;
  const check = asked === "1" || full;
  const allowed = check && mayRunIntegrityCheck(user.id);
  return {
    integrity: allowed ? await integrityReport(db(), loaded.agreement.id, { full }) : null,
    throttled: check && !allowed,
    canRunFull: user.isPlatformAdmin,
    events: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      createdAt: e.createdAt,
      actorName: e.actorName,
      details: eventDetails(e.data),
    })),
  };
}

export default function History() {
  const { events, integrity, throttled, canRunFull } = useLoaderData<typeof loader>();
  const { t, formatDate } = useI18n();
  const label = (type: string, details: Record<string, string>) => eventLabel(t, type, details, formatDate);
  return (
    <div className="space-y-6">
      <Card title={t("integrity.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("integrity.intro")}</p>
        {integrity ? (
          <div
            data-testid="integrity"
            data-ok={integrity.ok ? "true" : "false"}
            className={`rounded-md p-3 text-sm ${integrity.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}
          >
            <p className="font-semibold">{integrity.ok ? `✓ ${t("integrity.ok")}` : `✗ ${t("integrity.problem")}`}</p>
            <ul className="mt-2 space-y-1">
              {integrity.versions.map((v) => (
                <li key={`v${v.number}`}>
                  {v.ok ? "✓" : "✗"} {t("versions.number", { number: v.number })}
                </li>
              ))}
              {integrity.signatures.map((s, i) => (
                <li key={`s${i}`}>
                  {s.ok ? "✓" : "✗"} {t("integrity.signature")} <bdi>{s.name}</bdi>
                </li>
              ))}
              {integrity.files.map((f, i) => (
                <li key={`f${i}`}>
                  {f.ok ? "✓" : "✗"} {t("integrity.file")} <bdi>{f.name}</bdi>
                </li>
              ))}
              <li>
                {integrity.auditChain.ok ? "✓" : "✗"} {t("integrity.auditChain")}
                {integrity.auditChain.firstBadSeq ? (
                  <> — {t("integrity.firstBad", { seq: integrity.auditChain.firstBadSeq })}</>
                ) : null}
              </li>
            </ul>
            {integrity.auditChain.fromSeq > 0 ? (
              <p className="mt-2 text-xs">{t("integrity.since", { seq: integrity.auditChain.fromSeq })}</p>
            ) : null}
          </div>
        ) : (
          <div className="space-y-2">
            {throttled ? (
              <p className="text-sm text-amber-800" role="status" data-testid="integrity-throttled">
                {t("integrity.throttled")}
              </p>
            ) : null}
            <a href="?check=1" className="text-sm font-medium text-brand-700 underline" data-testid="run-integrity">
              {t("integrity.run")}
            </a>
          </div>
        )}
        {canRunFull ? (
          <a
            href="?check=full"
            className="mt-2 block text-sm text-brand-700 underline"
            data-testid="run-integrity-full"
          >
            {t("integrity.full")}
          </a>
        ) : null}
      </Card>
      <Card title={t("history.title")}>
        {events.length === 0 ? <p className="text-sm text-slate-600">{t("history.empty")}</p> : null}
        <ol className="relative space-y-4 border-s border-slate-200 ps-6" data-testid="history">
          {events.map((e) => (
            <li key={e.seq} className="relative">
              <span
                className="absolute -start-[1.9rem] top-1.5 h-3 w-3 rounded-full bg-brand-500 ring-4 ring-white"
                aria-hidden
              />
              <p className="text-sm font-medium text-slate-900">{label(e.type, e.details)}</p>
              {e.details.reason ? (
                <p className="text-sm text-slate-700" dir="auto">
                  « {e.details.reason} »
                </p>
              ) : null}
              <p className="text-xs text-slate-500">
                <DateTimeText value={e.createdAt} /> · <bdi>{e.actorName ?? t("history.system")}</bdi>
                {e.details.hash ? (
                  <span className="ms-2 font-mono" dir="ltr">
                    {e.details.hash.slice(0, 16)}…
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
