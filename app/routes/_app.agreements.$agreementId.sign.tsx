import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import { SignaturePad } from "~/components/signature-pad";
import { Button } from "~/components/ui/button";
import { SelectField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { Card } from "~/components/ui/card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import { AppForm, asFailure, FormError, Notice, typed } from "~/components/ui/form";
import { getVersionSnapshot } from "~/domain/agreement/agreement.queries.server";
import { getAccount } from "~/domain/identity/account.server";
import { canManageAgreement } from "~/domain/access/access";
import { DeclineSchema, paperSigningSchema, SignSchema, SigningOrderSchema } from "~/domain/signing/signing.schema";
import {
  declineSigning,
  recordPaperSigning,
  recordSigningViewed,
  setSigningOrder,
  signAgreement,
  signingView,
} from "~/domain/signing/signing.server";
import { checkUpload, fileField, readFormData, storeFile, discardFile } from "~/lib/uploads.server";
import { displayName } from "~/domain/organization/organization";
import { listOrganizationDirectory } from "~/domain/organization/organization.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { todayInMorocco } from "~/lib/time";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { renderMarkdown } from "~/lib/markdown.server";
import { passwordRefusalError } from "~/domain/identity/login.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const view = await signingView(db(), actor, loaded);
  const snapshot = view.versionNumber ? await getVersionSnapshot(db(), loaded.agreement.id, view.versionNumber) : null;
  if (view.mine.length > 0 && view.versionNumber)
    await recordSigningViewed(db(), meta, loaded.agreement.id, view.versionNumber);
  const directory = await listOrganizationDirectory(db());
  const user = await getAccount(db(), actor.userId);
  return {
    view: {
      ...view,
      parties: view.parties.map((p) => {
        const org = directory.find((o) => o.id === p.organizationId);
        return { ...p, nameFr: org?.nameFr ?? null, nameAr: org?.nameAr ?? null };
      }),
    },
    userName: user?.name ?? "",
    text: snapshot
      ? {
          purposeHtml: renderMarkdown(snapshot.purpose),
          clauses: snapshot.clauses.map((c) => ({
            number: c.number,
            heading: c.heading,
            html: renderMarkdown(c.body),
          })),
        }
      : null,
    signed: new URL(request.url).searchParams.get("done"),
    canManage: canManageAgreement(actor, loaded.access),
  };
}

export const MAX_SCAN_BYTES = 15 * 1024 * 1024;

type Failure = FormFailure & { intent: string; partyId?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, actor, meta, loaded } = await requireAgreement(request, params, context);
  const { formData, tooLarge } = await readFormData(request, MAX_SCAN_BYTES);
  const intent = String(formData.get("intent") ?? "");
  const partyId = String(formData.get("partyId") ?? "");
  const here = `/agreements/${loaded.agreement.id}/sign`;
  if (intent === "sign") {
    const form = parseForm(SignSchema, formData);
    if (!form.ok) return data({ ...form, intent, partyId }, { status: 400 });
    const result = await signAgreement(db(), actor, meta, loaded, { ...form.data, sessionId: user.sessionId });
    if (result.ok) return redirect(`${here}?done=${result.activated ? "activated" : "signed"}`);
    if (result.error === "not_found") notFound();
    if (result.error === "password")
      return data(
        {
          ...failure(form.values, { password: passwordRefusalError(result, "signing.error.password") }),
          intent,
          partyId,
        },
        { status: result.retryAfterMinutes !== undefined ? 429 : 400 },
      );
    if (result.error === "cannotSign")
      return data(
        { ...failure(form.values, {}, { key: `signing.error.${result.reason}` as const }), intent, partyId },
        { status: 400 },
      );
    if (result.error === "rule")
      return data({ ...failure(form.values, {}, result.errors[0]), intent, partyId }, { status: 400 });
    return data({ ...failure(form.values, {}, { key: "form.error.conflict" }), intent, partyId }, { status: 409 });
  }
  if (intent === "decline") {
    const form = parseForm(DeclineSchema, formData);
    if (!form.ok) return data({ ...form, intent, partyId }, { status: 400 });
    const result = await declineSigning(db(), actor, meta, loaded, form.data);
    if (result.ok) return redirect(`/agreements/${loaded.agreement.id}`);
    if (result.error === "not_found") notFound();
    if (result.error === "rule")
      return data({ ...failure(form.values, {}, result.errors[0]), intent, partyId }, { status: 400 });
    return data({ ...failure(form.values, {}, { key: "form.error.conflict" }), intent, partyId }, { status: 409 });
  }
  if (intent === "signingOrder") {
    const form = parseForm(SigningOrderSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const result = await setSigningOrder(db(), actor, meta, loaded, form.data.signingOrder);
    if (!result.ok && result.error === "not_found") notFound();
    return redirect(here);
  }
  if (intent === "paper") {
    if (!canManageAgreement(actor, loaded.access)) notFound();
    const parties = (await signingView(db(), actor, loaded)).parties.filter((p) => !p.signature);
    const form = parseForm(
      paperSigningSchema(
        parties.map((p) => p.id),
        todayInMorocco(),
      ),
      formData,
    );
    const fieldErrors = form.ok ? {} : { ...form.fieldErrors };
    const file = await fileField(formData, "scan");
    let scanError: "form.error.required" | "upload.error.tooLarge" | "upload.error.wrongTypePdf" | null = null;
    if (tooLarge) scanError = "upload.error.tooLarge";
    else if (!file) scanError = "form.error.required";
    else {
      const check = checkUpload(file.bytes, ["pdf"], MAX_SCAN_BYTES);
      if (!check.ok)
        scanError =
          check.error === "tooLarge"
            ? "upload.error.tooLarge"
            : check.error === "empty"
              ? "form.error.required"
              : "upload.error.wrongTypePdf";
    }
    if (scanError) (fieldErrors as Record<string, { key: typeof scanError }>).scan = { key: scanError };
    if (!form.ok || scanError || !file) {
      return data(
        { ...failure(form.values, fieldErrors, form.ok ? undefined : form.formError), intent },
        { status: 400 },
      );
    }
    const values = form.data as Record<string, string | undefined>;
    const signers = Object.fromEntries(
      parties.map((p) => [p.id, { name: values[`signer.${p.id}.name`]!, title: values[`signer.${p.id}.title`] }]),
    );
    const stored = storeFile(file.bytes, "pdf", file.name);
    const result = await recordPaperSigning(db(), actor, meta, loaded, {
      signedOn: values.signedOn!,
      place: values.place!,
      signers,
      scan: stored,
    });
    if (result.ok) return redirect(`${here}?done=activated`);
    discardFile(stored.storedName);
    if (result.error === "not_found") notFound();
    if (result.error === "rule")
      return data({ ...failure(form.values, {}, result.errors[0]), intent }, { status: 400 });
    return data({ ...failure(form.values, {}, { key: "form.error.conflict" }), intent }, { status: 409 });
  }
  throw new Response("Bad request", { status: 400 });
}

export default function Sign() {
  const { view, text, userName, signed, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Failure | undefined;
  const failed = asFailure(result) as Failure | null;
  const { t, locale } = useI18n();
  const forParty = (intent: string, partyId: string) =>
    failed && failed.intent === intent && failed.partyId === partyId ? failed : null;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        {signed ? (
          <Notice>{t(signed === "activated" ? "signing.done.activated" : "signing.done.signed")}</Notice>
        ) : null}
        <Card title={t("signing.text", { number: view.versionNumber ?? 0 })}>
          {view.hash ? (
            <p
              className="mb-4 break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-600"
              dir="ltr"
              data-testid="content-hash"
            >
              SHA-256 {view.hash}
            </p>
          ) : (
            <p className="text-sm text-slate-600">{t("signing.notYet")}</p>
          )}
          {text ? (
            <div className="space-y-4">
              {text.purposeHtml ? <Markdown html={text.purposeHtml} /> : null}
              {text.clauses.map((c) => (
                <section key={c.number}>
                  <h3 className="font-semibold">
                    {t("clauses.article", { number: c.number })} — <bdi>{c.heading}</bdi>
                  </h3>
                  <Markdown html={c.html} />
                </section>
              ))}
            </div>
          ) : null}
        </Card>
      </div>
      <div className="space-y-4">
        <Card title={t("signing.parties")}>
          <ul className="space-y-3" data-testid="signatures">
            {view.parties.map((p) => (
              <li key={p.id} className="text-sm">
                <p className="font-medium" dir="auto">
                  {displayName(p, locale)}
                </p>
                <p className="text-slate-600" dir="auto">
                  {p.signatoryName ?? "—"}
                  {p.signatoryTitle ? `, ${p.signatoryTitle}` : ""}
                </p>
                {p.signature ? (
                  <p className="text-green-700">
                    ✓{" "}
                    {t(p.signature.method === "paper" ? "signing.signedOnPaper" : "signing.signedBy", {
                      name: p.signature.name,
                    })}{" "}
                    ·{" "}
                    {p.signature.signedAt ? (
                      <DateTimeText value={p.signature.signedAt} />
                    ) : (
                      <DateText value={p.signature.signedOn} />
                    )}
                  </p>
                ) : (
                  <p className="text-amber-700">{t("signing.awaiting")}</p>
                )}
              </li>
            ))}
          </ul>
          {view.order === "association_first" ? (
            <p className="mt-3 text-xs text-slate-500">{t("signing.order.associationFirst")}</p>
          ) : null}
        </Card>
        {canManage && view.status === "awaiting_signatures" ? (
          <OwnerSigningTools
            view={view}
            failure={failed?.intent === "paper" || failed?.intent === "signingOrder" ? failed : null}
          />
        ) : null}
        {view.mine.map(({ partyId, check }) => {
          const party = view.parties.find((p) => p.id === partyId)!;
          const signFailure = forParty("sign", partyId);
          const declineFailure = forParty("decline", partyId);
          if (!check.ok) {
            return (
              <Card key={partyId} title={displayName(party, locale)}>
                <p className="text-sm text-slate-700">{t(`signing.error.${check.reason}`)}</p>
              </Card>
            );
          }
          return (
            <Card key={partyId} title={t("signing.signFor", { organization: displayName(party, locale) })}>
              <AppForm failure={signFailure} className="space-y-3" data-testid="sign-form">
                <input type="hidden" name="intent" value="sign" />
                <input type="hidden" name="partyId" value={partyId} />
                <p className="rounded-md bg-sky-50 p-2 text-xs text-sky-900">{t("signing.legal")}</p>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="consent"
                    required
                    className="mt-1 h-4 w-4"
                    aria-invalid={signFailure?.fieldErrors.consent ? true : undefined}
                  />
                  <span>{t("signing.consent", { hash: (view.hash ?? "").slice(0, 16) })}</span>
                </label>
                {signFailure?.fieldErrors.consent ? (
                  <p className="text-sm font-medium text-red-700" role="alert">
                    {t(signFailure.fieldErrors.consent.key)}
                  </p>
                ) : null}
                <TextField
                  label={t("signing.typedName")}
                  name="typedName"
                  required
                  maxLength={160}
                  autoComplete="name"
                  defaultValue={typed(signFailure?.values, "typedName", party.signatoryName ?? userName)}
                  error={signFailure?.fieldErrors.typedName}
                />
                <TextField
                  label={t("signing.password")}
                  name="password"
                  type="password"
                  required
                  autoComplete="current-password"
                  maxLength={1024}
                  hint={t("signing.passwordHint")}
                  error={signFailure?.fieldErrors.password}
                  dir="ltr"
                />
                <SignaturePad name="drawing" />
                <FormError failure={signFailure} />
                <Button className="w-full">{t("signing.sign")}</Button>
              </AppForm>
              <details className="mt-4" open={!!declineFailure}>
                <summary className="cursor-pointer text-sm text-red-700">{t("signing.decline")}</summary>
                <AppForm failure={declineFailure} className="mt-2 space-y-2">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="partyId" value={partyId} />
                  <TextAreaField
                    label={t("signing.declineReason")}
                    name="reason"
                    required
                    rows={3}
                    maxLength={2000}
                    defaultValue={typed(declineFailure?.values, "reason")}
                    error={declineFailure?.fieldErrors.reason}
                  />
                  <FormError failure={declineFailure} />
                  <Button variant="danger" className="w-full">
                    {t("signing.declineSubmit")}
                  </Button>
                </AppForm>
              </details>
            </Card>
          );
        })}
      </div>
    </div>
  );
}

type View = ReturnType<typeof useLoaderData<typeof loader>>["view"];

/** For the drafting organization's managers: the signing order, and recording a paper signing. */
function OwnerSigningTools({ view, failure }: { view: View; failure: Failure | null }) {
  const { t, locale } = useI18n();
  const unsigned = view.parties.filter((p) => !p.signature);
  const paperFailure = failure?.intent === "paper" ? failure : null;
  return (
    <>
      <Card title={t("signing.order")}>
        <AppForm className="flex items-end gap-2">
          <input type="hidden" name="intent" value="signingOrder" />
          <SelectField
            label={t("signing.order")}
            name="signingOrder"
            defaultValue={view.order}
            options={[
              { value: "any", label: t("signing.order.any") },
              { value: "association_first", label: t("signing.order.associationFirst") },
            ]}
          />
          <Button variant="secondary">{t("form.save")}</Button>
        </AppForm>
      </Card>
      <Card title={t("signing.paper.title")}>
        <details open={!!paperFailure}>
          <summary className="cursor-pointer text-sm text-brand-700">{t("signing.paper.intro")}</summary>
          <AppForm
            failure={paperFailure}
            encType="multipart/form-data"
            className="mt-3 space-y-3"
            data-testid="paper-form"
          >
            <input type="hidden" name="intent" value="paper" />
            <TextField
              label={t("signing.paper.date")}
              name="signedOn"
              type="date"
              required
              defaultValue={typed(paperFailure?.values, "signedOn")}
              error={paperFailure?.fieldErrors.signedOn}
            />
            <TextField
              label={t("signing.paper.place")}
              name="place"
              required
              maxLength={120}
              defaultValue={typed(paperFailure?.values, "place")}
              error={paperFailure?.fieldErrors.place}
            />
            {unsigned.map((p) => (
              <fieldset key={p.id} className="rounded-md border border-slate-200 p-2">
                <legend className="px-1 text-sm font-medium">
                  <bdi>{displayName(p, locale)}</bdi>
                </legend>
                <TextField
                  label={t("signing.paper.signer")}
                  name={`signer.${p.id}.name`}
                  required
                  maxLength={160}
                  defaultValue={typed(paperFailure?.values, `signer.${p.id}.name`, p.signatoryName ?? "")}
                  error={paperFailure?.fieldErrors[`signer.${p.id}.name`]}
                />
                <TextField
                  label={t("party.signatoryTitle")}
                  name={`signer.${p.id}.title`}
                  optional
                  maxLength={160}
                  defaultValue={typed(paperFailure?.values, `signer.${p.id}.title`, p.signatoryTitle ?? "")}
                  error={paperFailure?.fieldErrors[`signer.${p.id}.title`]}
                />
              </fieldset>
            ))}
            <FileField
              id="scan"
              label={t("signing.paper.scan")}
              name="scan"
              accept="application/pdf"
              required
              hint={t("signing.paper.scanHint")}
              error={paperFailure?.fieldErrors.scan}
            />
            <FormError failure={paperFailure} />
            <Button className="w-full">{t("signing.paper.submit")}</Button>
          </AppForm>
        </details>
      </Card>
    </>
  );
}
