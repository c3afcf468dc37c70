/**
 * Signing an agreement: the frozen text and its SHA-256, each party's signature, the forms to sign
 * or decline for one's parties, and for the drafting organization's managers the signing order and
 * a paper signing. The view model comes from signingView; the action uses the action kit.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import { Card } from "~/components/ui/card";
import { DateText, DateTimeText } from "~/components/ui/formatted";
import { failureFor, Notice } from "~/components/ui/form";
import { passwordRefusalError } from "~/domain/identity/login.server";
import { displayName } from "~/domain/organization/organization";
import { DeclineSchema, paperSigningSchema, SignSchema, SigningOrderSchema } from "~/domain/signing/signing.schema";
import {
  declineSigning,
  recordPaperSigning,
  recordSigningViewed,
  setSigningOrder,
  signAgreement,
} from "~/domain/signing/signing.server";
import { signingView } from "~/domain/signing/signing-view.server";
import {
  dispatch,
  fieldRejected,
  invalid,
  readSubmission,
  refused,
  rejected,
  uploadedFile,
} from "~/lib/actions.server";
import { requireAgreement } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { failure, parseForm, type ActionFailure } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { discardFile, storeFile } from "~/lib/uploads.server";
import { OwnerSigningTools } from "./owner-tools";
import { SignCard } from "./sign-card";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const view = await signingView(db(), actor, loaded);
  await recordSigningViewed(db(), meta, view);
  return { view, signed: new URL(request.url).searchParams.get("done") };
}

export const MAX_SCAN_BYTES = 15 * 1024 * 1024;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, actor, meta, loaded } = await requireAgreement(request, params, context);
  const here = `/agreements/${loaded.agreement.id}/sign`;
  return dispatch(await readSubmission(request, { maxFileBytes: MAX_SCAN_BYTES }), {
    sign: async ({ formData, intent }) => {
      const partyId = String(formData.get("partyId") ?? "");
      const form = parseForm(SignSchema, formData);
      if (!form.ok) return invalid(form, intent, partyId);
      const result = await signAgreement(db(), actor, meta, loaded, { ...form.data, sessionId: user.sessionId });
      if (result.ok) return redirect(`${here}?done=${result.activated ? "activated" : "signed"}`);
      if (result.error === "password")
        // The password field says what is wrong; too many attempts answer 429, like the login.
        return data(
          {
            ...failure(form.values, { password: passwordRefusalError(result, "signing.error.password") }),
            intent,
            target: partyId,
          } satisfies ActionFailure,
          { status: result.retryAfterMinutes !== undefined ? 429 : 400 },
        );
      if (result.error === "cannotSign")
        return rejected(form.values, intent, { key: `signing.error.${result.reason}` }, { target: partyId });
      return refused(result, form.values, intent, partyId);
    },
    decline: async ({ formData, intent }) => {
      const partyId = String(formData.get("partyId") ?? "");
      const form = parseForm(DeclineSchema, formData);
      if (!form.ok) return invalid(form, intent, partyId);
      const result = await declineSigning(db(), actor, meta, loaded, form.data);
      if (result.ok) return redirect(`/agreements/${loaded.agreement.id}`);
      if (result.error === "password" || result.error === "cannotSign") notFound(); // declining asks neither
      return refused(result, form.values, intent, partyId);
    },
    signingOrder: async ({ formData, intent }) => {
      const form = parseForm(SigningOrderSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await setSigningOrder(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(here);
    },
    paper: async (submission) => {
      const { formData, intent } = submission;
      const view = await signingView(db(), actor, loaded);
      if (!view.canManage) notFound();
      const schema = paperSigningSchema(
        view.unsigned.map((p) => p.id),
        todayInMorocco(),
      );
      const form = parseForm(schema, formData);
      const upload = await uploadedFile(submission, "scan", {
        kinds: ["pdf"],
        maxBytes: MAX_SCAN_BYTES,
        wrongType: "upload.error.wrongTypePdf",
        required: true,
      });
      // Every field in error at once: the form's and the scan's.
      if (!upload.ok)
        return fieldRejected(form.values, intent, { ...(form.ok ? {} : form.fieldErrors), scan: upload.error });
      if (!form.ok) return invalid(form, intent);
      const values = form.data as Record<string, string | undefined>;
      const signers = Object.fromEntries(
        view.unsigned.map((p) => [
          p.id,
          { name: values[`signer.${p.id}.name`]!, title: values[`signer.${p.id}.title`] },
        ]),
      );
      const scan = upload.file!;
      const stored = storeFile(scan.bytes, "pdf", scan.name);
      const result = await recordPaperSigning(db(), actor, meta, loaded, {
        signedOn: values.signedOn!,
        place: values.place!,
        signers,
        scan: stored,
      });
      if (result.ok) return redirect(`${here}?done=activated`);
      discardFile(stored.storedName);
      if (result.error === "password" || result.error === "cannotSign") notFound(); // a paper signing asks neither
      return refused(result, form.values, intent);
    },
  });
}

export default function Sign() {
  const { view, signed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
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
          {view.text ? (
            <div className="space-y-4">
              {view.text.purposeHtml ? <Markdown html={view.text.purposeHtml} /> : null}
              {view.text.clauses.map((c) => (
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
        {view.ownerTools ? (
          <OwnerSigningTools
            view={view}
            orderFailure={failureFor(result, "signingOrder")}
            paperFailure={failureFor(result, "paper")}
          />
        ) : null}
        {view.mine.map(({ partyId, check }) => (
          <SignCard
            key={partyId}
            party={view.parties.find((p) => p.id === partyId)!}
            check={check}
            hash={view.hash}
            userName={view.userName}
            signFailure={failureFor(result, "sign", partyId)}
            declineFailure={failureFor(result, "decline", partyId)}
          />
        ))}
      </div>
    </div>
  );
}
