/** One friendly error page for every route: status → message in the user's language, never a stack. */
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n/translate";
import { useI18n } from "~/lib/i18n/react";
import { buttonClass } from "./ui/button";

const KNOWN = new Set([400, 403, 404, 413, 503]);

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<{ requestId?: string | null }>("root");
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = KNOWN.has(status) ? status : status === 405 ? 404 : 500;
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-status={status}>
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t(`error.${key}.title` as MessageKey)}</h1>
      <p className="mt-3 text-slate-600">{t(`error.${key}.body` as MessageKey)}</p>
      {key === 500 && root?.requestId ? (
        <p className="mt-3 text-sm text-slate-500" data-testid="error-reference">
          {t("error.reference", { id: "" })}
          <bdi className="font-mono" dir="ltr">
            {root.requestId}
          </bdi>
        </p>
      ) : null}
      <Link to="/" className={buttonClass("secondary", "mt-8")}>
        {t("error.backHome")}
      </Link>
    </div>
  );
}
