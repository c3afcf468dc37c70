import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { DateTimeText } from "~/components/ui/formatted";
import { CompareQuery } from "~/domain/agreement/agreement.schema";
import { versionsView } from "~/domain/agreement/versions-view.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { useI18n } from "~/lib/i18n/react";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { loaded } = await requireAgreement(request, params, context);
  const query = CompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return versionsView(db(), loaded, query);
}

export default function Versions() {
  const { versions, from, to, comparison } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (versions.length === 0) {
    return (
      <Card>
        <p className="text-sm text-slate-600">{t("versions.empty")}</p>
      </Card>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card title={t("versions.title")}>
        <ul className="space-y-3" data-testid="versions">
          {versions.map((v) => (
            <li key={v.number} className="text-sm">
              <p className="font-medium">
                {t("versions.number", { number: v.number })} · {t(`versions.reason.${v.reason}`)}
              </p>
              <p className="text-slate-500">
                <DateTimeText value={v.createdAt} />
                {v.createdBy ? (
                  <>
                    {" · "}
                    <bdi>{v.createdBy}</bdi>
                  </>
                ) : null}
              </p>
              <p className="break-all font-mono text-xs text-slate-500" dir="ltr" title={t("versions.hash")}>
                SHA-256 {v.hash}
              </p>
            </li>
          ))}
        </ul>
      </Card>
      <div className="space-y-4 lg:col-span-2">
        <Card title={t("versions.compare")}>
          <Form method="get" className="flex flex-wrap items-end gap-3">
            <VersionSelect
              name="from"
              label={t("versions.from")}
              value={from}
              numbers={versions.map((v) => v.number)}
            />
            <VersionSelect name="to" label={t("versions.to")} value={to} numbers={versions.map((v) => v.number)} />
            <Button variant="secondary">{t("versions.compare")}</Button>
          </Form>
          {comparison ? (
            <p className="mt-3 text-sm text-slate-600" data-testid="compare-summary">
              {t("versions.changedSections", {
                count: comparison.changed.length,
                from: comparison.from,
                to: comparison.to,
              })}
            </p>
          ) : null}
        </Card>
        {comparison
          ? comparison.changed.map((section, i) => (
              <section
                key={i}
                className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
                data-testid="diff-section"
              >
                <h3 className="mb-2 text-sm font-semibold text-slate-700">
                  {t(section.heading.key, section.heading.vars)}
                  {section.heading.name ? (
                    <>
                      {" — "}
                      <bdi>{section.heading.name}</bdi>
                    </>
                  ) : null}
                </h3>
                <div className="grid gap-3 md:grid-cols-2">
                  <div>
                    <p className="mb-1 text-xs font-medium text-slate-500">
                      {t("versions.number", { number: comparison.from })}
                    </p>
                    <p
                      className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm leading-relaxed"
                      dir="auto"
                      data-side="before"
                    >
                      {section.parts.map((part, j) =>
                        part.change === "added" ? null : part.change === "removed" ? (
                          <del key={j} className="bg-red-100 text-red-900" title={t("versions.removed")}>
                            {part.text}
                          </del>
                        ) : (
                          <span key={j}>{part.text}</span>
                        ),
                      )}
                    </p>
                  </div>
                  <div>
                    <p className="mb-1 text-xs font-medium text-slate-500">
                      {t("versions.number", { number: comparison.to })}
                    </p>
                    <p
                      className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm leading-relaxed"
                      dir="auto"
                      data-side="after"
                    >
                      {section.parts.map((part, j) =>
                        part.change === "removed" ? null : part.change === "added" ? (
                          <ins key={j} className="bg-green-100 text-green-900 no-underline" title={t("versions.added")}>
                            {part.text}
                          </ins>
                        ) : (
                          <span key={j}>{part.text}</span>
                        ),
                      )}
                    </p>
                  </div>
                </div>
              </section>
            ))
          : null}
      </div>
    </div>
  );
}

function VersionSelect({
  name,
  label,
  value,
  numbers,
}: {
  name: string;
  label: string;
  value: number | null;
  numbers: number[];
}) {
  const { t } = useI18n();
  return (
    <label className="text-sm">
      <span className="block text-slate-700">{label}</span>
      <select
        name={name}
        defaultValue={value ?? undefined}
        className="rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
      >
        {numbers.map((n) => (
          <option key={n} value={n}>
            {t("versions.number", { number: n })}
          </option>
        ))}
      </select>
    </label>
  );
}
