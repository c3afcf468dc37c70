/** /account/security: two-factor sign-in (TOTP and recovery codes) and the person's active sessions. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import * as z from "zod";
import { Button } from "~/components/ui/button";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { AppForm, failureFor, FormError, Notice } from "~/components/ui/form";
import { DateTimeText } from "~/components/ui/formatted";
import {
  confirmTotp,
  disableTwoFactor,
  endOneSession,
  endOtherSessionsOf,
  listSessions,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
  totpSetup,
} from "~/domain/identity/two-factor.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { dispatch, fieldRejected, invalid, readSubmission, rejected } from "~/lib/actions.server";
import { parseForm, password, text } from "~/lib/forms";
import { clientInfo } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";
import { deviceName } from "~/lib/user-agent";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "security.title");

const ConfirmSchema = z.object({ intent: z.literal("confirm"), code: text(20) });
const PasswordSchema = z.object({ intent: z.enum(["regenerate", "disable"]), password: password() });
const SessionSchema = z.object({ intent: z.literal("end-session"), sessionId: z.string().regex(/^[a-f0-9]{64}$/) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const setup = await totpSetup(db(), user.id);
  const sessions = await listSessions(db(), user.id, user.sessionId);
  return {
    required: user.twoFactorRequired,
    twoFactor: setup.enabled
      ? { enabled: true as const, remaining: await remainingRecoveryCodes(db(), user.id) }
      : {
          enabled: false as const,
          secret: setup.secret.replace(/(.{4})/g, "$1 ").trim(),
          qr: await QRCode.toDataURL(setup.uri, { margin: 1, width: 220 }),
        },
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.current,
      device: deviceName(s.userAgent),
      ip: s.ip,
      lastSeenAt: s.lastSeenAt ?? s.createdAt,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const meta = { actorUserId: user.id, ...clientInfo(request, context) };
  const wrongPassword = (intent: string) => fieldRejected({}, intent, { password: { key: "password.currentWrong" } });
  return dispatch(await readSubmission(request), {
    confirm: async ({ formData, intent }) => {
      const form = parseForm(ConfirmSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await confirmTotp(db(), meta, form.data.code);
      if (!result.ok)
        return result.error === "throttled"
          ? rejected(
              {},
              intent,
              { key: "login.error.throttled", vars: { count: result.retryAfterMinutes } },
              { status: 429 },
            )
          : fieldRejected({}, intent, { code: { key: "twoFactor.error.wrong" } });
      return { ok: true as const, intent, codes: result.value };
    },
    regenerate: async ({ formData, intent }) => {
      const form = parseForm(PasswordSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await regenerateRecoveryCodes(db(), meta, form.data.password);
      return result.ok ? { ok: true as const, intent, codes: result.codes } : wrongPassword(intent);
    },
    disable: async ({ formData, intent }) => {
      const form = parseForm(PasswordSchema, formData);
      if (!form.ok) return invalid(form, intent);
      if (user.twoFactorRequired) return rejected({}, intent, { key: "twoFactor.error.required" }, { status: 403 });
      return (await disableTwoFactor(db(), meta, form.data.password)).ok
        ? redirect("/account/security")
        : wrongPassword(intent);
    },
    "end-session": async ({ formData, intent }) => {
      const form = parseForm(SessionSchema, formData);
      if (!form.ok) return invalid(form, intent);
      await endOneSession(db(), meta, form.data.sessionId);
      return redirect("/account/security");
    },
    "end-others": async () => {
      await endOtherSessionsOf(db(), meta, user.sessionId);
      return redirect("/account/security");
    },
  });
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  return (
    <Notice>
      <p className="font-medium">{t("twoFactor.codes.title")}</p>
      <p className="mt-1">{t("twoFactor.codes.intro")}</p>
      <ul className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm" dir="ltr" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </Notice>
  );
}

export default function Security() {
  const { required, twoFactor, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const codes = result && "codes" in result ? result.codes : null;
  const { t } = useI18n();
  const passwordForm = (intent: "regenerate" | "disable", label: string, variant: "secondary" | "danger") => (
    <AppForm failure={failureFor(result, intent)} className="space-y-2">
      <input type="hidden" name="intent" value={intent} />
      <TextField
        label={t("twoFactor.password")}
        name="password"
        type="password"
        required
        autoComplete="current-password"
        maxLength={1024}
        error={failureFor(result, intent)?.fieldErrors.password}
        dir="ltr"
      />
      <FormError failure={failureFor(result, intent)} />
      <Button variant={variant}>{label}</Button>
    </AppForm>
  );
  return (
    <>
      <PageHeader title={t("security.title")} subtitle={t("security.intro")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("twoFactor.title")}>
          {required && !twoFactor.enabled ? (
            <div
              className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
              role="alert"
            >
              {t("twoFactor.requiredNotice")}
            </div>
          ) : null}
          {codes ? (
            <div className="mb-4">
              <RecoveryCodes codes={codes} />
            </div>
          ) : null}
          {twoFactor.enabled ? (
            <div className="space-y-4">
              <p className="text-sm text-slate-700" data-testid="two-factor-on">
                <Badge tone="green">{t("twoFactor.on")}</Badge>{" "}
                {t("twoFactor.remaining", { count: twoFactor.remaining })}
              </p>
              <details>
                <summary className="cursor-pointer text-sm text-brand-700">{t("twoFactor.regenerate")}</summary>
                <div className="mt-2">{passwordForm("regenerate", t("twoFactor.regenerateSubmit"), "secondary")}</div>
              </details>
              {required ? (
                <p className="text-sm text-slate-600">{t("twoFactor.requiredKeep")}</p>
              ) : (
                <details>
                  <summary className="cursor-pointer text-sm text-red-700">{t("twoFactor.disable")}</summary>
                  <div className="mt-2">{passwordForm("disable", t("twoFactor.disableSubmit"), "danger")}</div>
                </details>
              )}
            </div>
          ) : (
            <div className="space-y-4">
              <p className="text-sm text-slate-700">{t("twoFactor.setupIntro")}</p>
              <div className="flex flex-wrap items-start gap-4">
                <img
                  src={twoFactor.qr}
                  alt={t("twoFactor.qrAlt")}
                  width={180}
                  height={180}
                  className="rounded border border-slate-200"
                />
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-slate-600">{t("twoFactor.secretLabel")}</p>
                  <p className="mt-1 break-all font-mono text-sm" dir="ltr" data-testid="totp-secret">
                    {twoFactor.secret}
                  </p>
                </div>
              </div>
              <AppForm failure={failureFor(result, "confirm")} className="space-y-2">
                <input type="hidden" name="intent" value="confirm" />
                <TextField
                  label={t("twoFactor.code")}
                  name="code"
                  required
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={20}
                  error={failureFor(result, "confirm")?.fieldErrors.code}
                  dir="ltr"
                />
                <FormError failure={failureFor(result, "confirm")} />
                <Button>{t("twoFactor.enable")}</Button>
              </AppForm>
            </div>
          )}
        </Card>
        <Card title={t("security.sessions")}>
          <ul className="divide-y divide-slate-100" data-testid="sessions">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium" dir="ltr">
                    {s.device ?? t("security.unknownDevice")}
                  </p>
                  <p className="text-xs text-slate-500">
                    {t("security.lastSeen")} <DateTimeText value={s.lastSeenAt} />
                    {s.ip ? (
                      <>
                        {" · "}
                        <span dir="ltr">{s.ip}</span>
                      </>
                    ) : null}
                  </p>
                </div>
                {s.current ? (
                  <Badge tone="green">{t("security.current")}</Badge>
                ) : (
                  <AppForm>
                    <input type="hidden" name="intent" value="end-session" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <Button variant="secondary" className="px-2 py-1 text-xs">
                      {t("security.endOne")}
                    </Button>
                  </AppForm>
                )}
              </li>
            ))}
          </ul>
          {sessions.length > 1 ? (
            <AppForm className="mt-4">
              <input type="hidden" name="intent" value="end-others" />
              <Button variant="danger">{t("security.endOthers")}</Button>
            </AppForm>
          ) : null}
        </Card>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
