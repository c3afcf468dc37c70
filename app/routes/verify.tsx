/** Public verification page: no account needed. Answers only whether a document matches and who signed when. */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PublicHeader } from "~/components/public-header";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { AppForm, failureFor, FormError, typed } from "~/components/ui/form";
import { Verdict } from "~/components/verdict";
import { VerifySchema } from "~/domain/signing/signing.schema";
import { verifyPdfBytes, verifyReferenceAndHash } from "~/domain/signing/verification.server";
import { db } from "~/lib/db.server";
import { dispatch, fieldRejected, invalid, readSubmission, uploadedFile } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verify.title");

const MAX_PDF_BYTES = 20 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = VerifySchema.safeParse({
    reference: url.searchParams.get("reference") ?? undefined,
    hash: url.searchParams.get("hash") ?? undefined,
  });
  return {
    verdict: parsed.success ? await verifyReferenceAndHash(db(), parsed.data.reference, parsed.data.hash) : null,
    query: Object.fromEntries(url.searchParams),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  return dispatch(await readSubmission(request, { maxFileBytes: MAX_PDF_BYTES }), {
    pdf: async (submission) => {
      const upload = await uploadedFile(submission, "document", {
        kinds: ["pdf"],
        maxBytes: MAX_PDF_BYTES,
        wrongType: "upload.error.wrongTypePdf",
        required: true,
      });
      if (!upload.ok) return fieldRejected({}, submission.intent, { document: upload.error });
      return { ok: true as const, intent: submission.intent, verdict: await verifyPdfBytes(db(), upload.file!.bytes) };
    },
    hash: async ({ formData, intent }) => {
      const form = parseForm(VerifySchema, formData);
      if (!form.ok) return invalid(form, intent);
      return {
        ok: true as const,
        intent,
        verdict: await verifyReferenceAndHash(db(), form.data.reference, form.data.hash),
      };
    },
  });
}

export default function Verify() {
  const { verdict: fromLink, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pdfFailure = failureFor(result, "pdf");
  const hashFailure = failureFor(result, "hash");
  const verdict = result && "verdict" in result ? result.verdict : fromLink;
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <PublicHeader />
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      <p className="mt-2 text-slate-600">{t("verify.intro")}</p>
      {verdict ? (
        <div className="mt-6">
          <Verdict verdict={verdict} />
        </div>
      ) : null}
      <section className="mt-8 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="mb-3 text-lg font-semibold">{t("verify.byFile")}</h2>
        <AppForm encType="multipart/form-data" failure={pdfFailure} className="space-y-3">
          <input type="hidden" name="intent" value="pdf" />
          <FileField
            id="document"
            label={t("verify.file")}
            name="document"
            accept="application/pdf"
            required
            error={pdfFailure?.fieldErrors.document}
          />
          <Button>{t("verify.check")}</Button>
        </AppForm>
      </section>
      <section className="mt-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="mb-3 text-lg font-semibold">{t("verify.byHash")}</h2>
        <AppForm failure={hashFailure} className="space-y-3">
          <input type="hidden" name="intent" value="hash" />
          <TextField
            label={t("verify.reference")}
            name="reference"
            required
            maxLength={20}
            dir="ltr"
            placeholder="CH-2026-0001"
            defaultValue={typed(hashFailure?.values ?? query, "reference")}
            error={hashFailure?.fieldErrors.reference}
          />
          <TextField
            label={t("verify.hash")}
            name="hash"
            required
            maxLength={64}
            dir="ltr"
            className="font-mono"
            defaultValue={typed(hashFailure?.values ?? query, "hash")}
            error={hashFailure?.fieldErrors.hash}
          />
          <FormError failure={hashFailure} />
          <Button>{t("verify.check")}</Button>
        </AppForm>
      </section>
    </main>
  );
}
