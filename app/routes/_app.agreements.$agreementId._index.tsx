import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgreementFields } from "~/components/agreement-fields";
import { StatusBadge } from "~/components/agreement-status";
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { DateText, MoneyText } from "~/components/ui/formatted";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { AppForm, asFailure, FormError, Notice, typed } from "~/components/ui/form";
import { canEditAgreement, canManageAgreement } from "~/domain/access/access";
import {
  addParty,
  createAmendment,
  removeParty,
  transitionAgreement,
  updateAgreementDetails,
  updateParty,
  type Refusal,
} from "~/domain/agreement/agreement.commands.server";
import {
  AddPartySchema,
  AmendmentSchema,
  PARTY_ROLES,
  RemovePartySchema,
  TransitionSchema,
  UpdateDetailsSchema,
  UpdatePartySchema,
} from "~/domain/agreement/agreement.schema";
import { lifecycleFacts, listAmendments, listParties } from "~/domain/agreement/agreement.queries.server";
import { departed } from "~/domain/organization/members.server";
import { computedEndDate, nextSteps } from "~/domain/agreement/lifecycle";
import { displayName } from "~/domain/organization/organization";
import { knownPartners, listSignatoryCandidates, searchOrganizations } from "~/domain/organization/organization.server";
import { paperSigningOf } from "~/domain/signing/signing.server";
import { agreementProgress } from "~/domain/dashboard/agreement-progress.server";
import { ProgressBar } from "~/components/progress-bar";
import { MeetingTime } from "~/components/meeting-time";
import { requireAgreement } from "~/lib/context.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { createTranslator } from "~/lib/i18n/translate";
import { db } from "~/lib/db.server";
import { failure, parseForm, type FormFailure } from "~/lib/forms";
import { badRequest, notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { renderMarkdown } from "~/lib/markdown.server";
import { toDecimalString } from "~/lib/money";
import { todayInMorocco } from "~/lib/time";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, loaded, user } = await requireAgreement(request, params, context);
  const a = loaded.agreement;
  const { formatMeetingTime } = createTranslator(resolveLocale(request, user));
  const followUp = await agreementProgress(db(), a.id, todayInMorocco());
  // The next meeting's time as the server formats it (see MeetingTime).
  const nextMeeting = followUp.nextMeeting && {
    ...followUp.nextMeeting,
    when: formatMeetingTime(followUp.nextMeeting.startsAt, followUp.nextMeeting.timeZone, "medium"),
  };
  const canManage = canManageAgreement(actor, loaded.access);
  const canEdit = canEditAgreement(actor, loaded.access);
  const parties = await listParties(db(), a.id);
  // A designated signatory who has left their organization before signing: another must be chosen.
  const signing = a.status === "draft" || a.status === "negotiation" || a.status === "awaiting_signatures";
  const leftSignatories = signing
    ? await departed(
        db(),
        parties.flatMap((p) =>
          p.signatoryUserId ? [{ userId: p.signatoryUserId, organizationId: p.organizationId }] : [],
        ),
      )
    : new Set<string>();
  const facts = await lifecycleFacts(db(), a, todayInMorocco());
  // "Add a party" offers the organizations this one already works with, and finds the rest of the
  // directory by name (`?partySearch=…`, known partners first) instead of listing it whole.
  const partySearch = canEdit ? (new URL(request.url).searchParams.get("partySearch") ?? "").trim().slice(0, 120) : "";
  const exclude = parties.map((p) => p.organizationId);
  const known = canEdit ? await knownPartners(db(), actor, { limit: 20, exclude }) : [];
  const found = partySearch
    ? await searchOrganizations(db(), partySearch, { limit: 20, exclude, first: known.map((o) => o.id) })
    : known;
  const candidates = canEdit
    ? await listSignatoryCandidates(
        db(),
        actor,
        loaded.access,
        parties.map((p) => p.organizationId),
      )
    : [];
  return {
    agreement: {
      id: a.id,
      status: a.status,
      kind: a.kind,
      version: a.version,
      purposeHtml: renderMarkdown(a.purpose),
      territory: a.territory,
      signingPlace: a.signing_place,
      effectiveDate: a.effective_date,
      endDate: computedEndDate({
        effectiveDate: a.effective_date,
        endDate: a.end_date,
        durationMonths: a.duration_months,
      }),
      durationMonths: a.duration_months,
      tacitRenewal: a.tacit_renewal === 1,
      renewalNoticeDays: a.renewal_notice_days,
      currency: a.currency,
      totalBudgetCents: a.total_budget_cents === null ? null : Number(a.total_budget_cents),
      statusReason: a.status_reason,
      terminatedOn: a.terminated_on,
      amendsEndDate: a.amends_end_date,
      textVersion: a.text_version,
    },
    form: canEdit
      ? {
          title: a.title,
          titleSecondary: a.title_secondary ?? "",
          kind: a.kind,
          purpose: a.purpose,
          territory: a.territory ?? "",
          signingPlace: a.signing_place ?? "",
          effectiveDate: a.effective_date ?? "",
          endDate: a.end_date ?? "",
          durationMonths: a.duration_months?.toString() ?? "",
          tacitRenewal: a.tacit_renewal ? "on" : "",
          renewalNoticeDays: a.renewal_notice_days?.toString() ?? "",
          totalBudget: a.total_budget_cents === null ? "" : toDecimalString(Number(a.total_budget_cents)),
          currency: a.currency,
        }
      : null,
    parties: parties.map((p) => ({
      ...p,
      contributionCents: p.contributionCents === null ? null : Number(p.contributionCents),
      isOwner: p.organizationId === a.owner_organization_id,
      signatoryLeft:
        p.signatoryUserId !== null && leftSignatories.has(`${p.signatoryUserId}:${p.organizationId}`)
          ? a.status === "awaiting_signatures"
            ? ("frozen" as const)
            : ("editable" as const)
          : null,
    })),
    candidates,
    partySearch,
    addableOrganizations: found.map((o) => ({ id: o.id, nameFr: o.nameFr, nameAr: o.nameAr })),
    steps: canManage ? nextSteps(facts) : [],
    canManage,
    canEdit,
    amendments: await listAmendments(db(), actor, a.id),
    paper: await paperSigningOf(db(), a.id).then((p) =>
      p
        ? { signedOn: p.signedOn, place: p.place, size: p.size, recordedAt: p.recordedAt, recordedBy: p.recordedBy }
        : null,
    ),
    signedOn: a.signed_on,
    effectiveLater: a.status === "active" && !!a.effective_date && a.effective_date > todayInMorocco(),
    followUp: { ...followUp, nextMeeting },
  };
}

type ActionResult = (FormFailure & { intent: string; target?: string }) | { ok: true };

function refusalToFailure(result: Refusal, values: FormFailure["values"], intent: string, target?: string) {
  if (result.error === "not_found") notFound();
  if (result.error === "conflict")
    return data({ ...failure(values, {}, { key: "form.error.conflict" }), intent, target }, { status: 409 });
  const [first, ...rest] = result.errors;
  return data({ ...failure(values, {}, first), intent, target, more: rest }, { status: 400 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, meta, loaded } = await requireAgreement(request, params, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/agreements/${loaded.agreement.id}`;

  switch (intent) {
    case "details": {
      const form = parseForm(UpdateDetailsSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const { version, intent: _, ...input } = form.data;
      const result = await updateAgreementDetails(db(), actor, meta, loaded, version, input);
      if (!result.ok) return refusalToFailure(result, form.values, intent);
      return redirect(`${here}?saved=details`);
    }
    case "addParty": {
      const form = parseForm(AddPartySchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await addParty(db(), actor, meta, loaded, form.data);
      if (!result.ok) {
        if (result.error === "duplicate")
          return data(
            { ...failure(form.values, { organizationId: { key: "agreement.error.duplicateParty" } }), intent },
            { status: 400 },
          );
        return refusalToFailure(result, form.values, intent);
      }
      return redirect(here);
    }
    case "updateParty": {
      const form = parseForm(UpdatePartySchema, formData);
      if (!form.ok) {
        // The party is named by a hidden field: a malformed one names no party, as an unknown one.
        if (form.fieldErrors.partyId) notFound();
        return data({ ...form, intent, target: String(formData.get("partyId")) }, { status: 400 });
      }
      const { partyId, version, intent: _, ...input } = form.data;
      const result = await updateParty(db(), actor, meta, loaded, partyId, version, input);
      if (!result.ok) return refusalToFailure(result, form.values, intent, partyId);
      return redirect(here);
    }
    case "removeParty": {
      const form = parseForm(RemovePartySchema, formData);
      if (!form.ok) notFound(); // its only field is the hidden party id
      const result = await removeParty(db(), actor, meta, loaded, form.data.partyId);
      if (!result.ok) return refusalToFailure(result, form.values, intent, form.data.partyId);
      return redirect(here);
    }
    case "transition": {
      const form = parseForm(TransitionSchema, formData);
      if (!form.ok) {
        // The step comes from the button pressed, never typed: an unknown one is a malformed request.
        if (form.fieldErrors.action) badRequest();
        return data({ ...form, intent, target: String(formData.get("action")) }, { status: 400 });
      }
      const result = await transitionAgreement(db(), actor, meta, loaded.agreement.id, form.data.action, {
        reason: form.data.reason,
        date: form.data.date,
      });
      if (!result.ok) return refusalToFailure(result, form.values, intent, form.data.action);
      return redirect(here);
    }
    case "amend": {
      const form = parseForm(AmendmentSchema, formData);
      if (!form.ok) return data({ ...form, intent }, { status: 400 });
      const result = await createAmendment(db(), actor, meta, loaded, form.data);
      if (!result.ok) return refusalToFailure(result, form.values, intent);
      return redirect(`/agreements/${result.id}/clauses`);
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

export default function AgreementOverview() {
  const {
    agreement,
    form,
    parties,
    candidates,
    partySearch,
    addableOrganizations,
    steps,
    canEdit,
    canManage,
    amendments,
    paper,
    signedOn,
    effectiveLater,
    followUp,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const failed = asFailure(result);
  const failedIntent = failed ? (result as { intent?: string }).intent : null;
  const failedTarget = failed ? (result as { target?: string }).target : null;
  const more = failed ? ((result as { more?: FormFailure["formError"][] }).more ?? []) : [];
  const { t, locale, formatNumber } = useI18n();
  const forIntent = (intent: string, target?: string) =>
    failedIntent === intent && (target === undefined || failedTarget === target) ? failed : null;
  // A refusal whose form is not on this page (a step no longer offered, a form sent from an old
  // page or forged) is shown at the top, so that every refusal says why.
  const amendable =
    canManage && agreement.kind !== "amendment" && (agreement.status === "active" || agreement.status === "suspended");
  const shownWithItsForm =
    (failedIntent === "details" && !!form) ||
    (failedIntent === "addParty" && canEdit) ||
    (failedIntent === "updateParty" && canEdit && parties.some((p) => p.id === failedTarget)) ||
    (failedIntent === "transition" && steps.some((s) => s.action === failedTarget)) ||
    (failedIntent === "amend" && amendable);
  const elsewhere = failed && !shownWithItsForm ? failed : null;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <FormError failure={elsewhere} />
        <Card title={t("agreement.summary")}>
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("agreement.field.effectiveDate")}</dt>
              <dd>{agreement.effectiveDate ? <DateText value={agreement.effectiveDate} /> : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("agreement.field.endDate")}</dt>
              <dd>
                {agreement.endDate ? <DateText value={agreement.endDate} /> : "—"}
                {agreement.durationMonths ? (
                  <span className="text-slate-500">
                    {" "}
                    ({t("agreement.months", { count: agreement.durationMonths })})
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("agreement.field.territory")}</dt>
              <dd dir="auto">{agreement.territory ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("agreement.field.signingPlace")}</dt>
              <dd dir="auto">{agreement.signingPlace ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("agreement.field.tacitRenewal")}</dt>
              <dd>
                {agreement.tacitRenewal
                  ? agreement.renewalNoticeDays
                    ? t("agreement.renewal.withNotice", { count: agreement.renewalNoticeDays })
                    : t("agreement.renewal.yes")
                  : t("agreement.renewal.no")}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("agreement.field.totalBudget")}</dt>
              <dd dir="ltr" className="text-start">
                {agreement.totalBudgetCents !== null ? (
                  <MoneyText cents={agreement.totalBudgetCents} currency={agreement.currency} />
                ) : (
                  "—"
                )}
              </dd>
            </div>
            {agreement.amendsEndDate ? (
              <div>
                <dt className="text-slate-500">{t("agreement.amend.newEndDate")}</dt>
                <dd>
                  <DateText value={agreement.amendsEndDate} />
                </dd>
              </div>
            ) : null}
            {agreement.statusReason ? (
              <div className="sm:col-span-2">
                <dt className="text-slate-500">{t("agreement.statusReason")}</dt>
                <dd dir="auto">
                  {agreement.statusReason}
                  {agreement.terminatedOn ? (
                    <>
                      {" "}
                      · <DateText value={agreement.terminatedOn} />
                    </>
                  ) : null}
                </dd>
              </div>
            ) : null}
          </dl>
          {agreement.purposeHtml ? (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-700">{t("agreement.field.purpose")}</h3>
              <Markdown html={agreement.purposeHtml} />
            </div>
          ) : null}
        </Card>

        {followUp.deliverables > 0 ||
        followUp.obligations > 0 ||
        followUp.actionItems.total > 0 ||
        followUp.indicators.length > 0 ||
        followUp.nextMeeting ? (
          <Card title={t("followUp.title")}>
            <div className="space-y-4" data-testid="follow-up">
              {followUp.deliverables > 0 ? (
                <div>
                  <p className="mb-1 text-sm text-slate-600">{t("followUp.progress")}</p>
                  <ProgressBar percent={followUp.progressPercent} label={t("followUp.progress")} />
                </div>
              ) : null}
              <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-slate-500">
                    <Link to="deliverables" className="hover:underline">
                      {t("agreement.tabs.deliverables")}
                    </Link>
                  </dt>
                  <dd>
                    {t("followUp.confirmed", { count: followUp.deliverablesConfirmed, total: followUp.deliverables })}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">
                    <Link to="obligations" className="hover:underline">
                      {t("agreement.tabs.obligations")}
                    </Link>
                  </dt>
                  <dd>
                    {t("followUp.done", { count: followUp.obligationsDone, total: followUp.obligations })}
                    {followUp.overdue ? (
                      <>
                        {" · "}
                        <span className="font-semibold text-red-700">
                          {t("obligations.overdue")} {followUp.overdue}
                        </span>
                      </>
                    ) : null}
                    <span className="sr-only" data-testid="overdue-count">
                      {followUp.overdue}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("deliveries.beneficiaries")}</dt>
                  <dd data-testid="beneficiaries-total">{followUp.beneficiaries}</dd>
                </div>
                {followUp.actionItems.total > 0 ? (
                  <div
                    data-testid="follow-up-action-items"
                    data-open={followUp.actionItems.open}
                    data-overdue={followUp.actionItems.overdue}
                  >
                    <dt className="text-slate-500">
                      <Link to="committee" className="hover:underline">
                        {t("followUp.actionItems")}
                      </Link>
                    </dt>
                    <dd className={followUp.actionItems.overdue ? "text-red-700" : ""}>
                      {t("followUp.actionItemsState", followUp.actionItems)}
                    </dd>
                  </div>
                ) : null}
                {followUp.nextMeeting ? (
                  <div data-testid="follow-up-next-meeting">
                    <dt className="text-slate-500">{t("followUp.nextMeeting")}</dt>
                    <dd>
                      <Link to={`meetings/${followUp.nextMeeting.id}`} className="text-brand-700 hover:underline">
                        {t("meeting.title", { number: followUp.nextMeeting.number })}
                      </Link>
                      {" · "}
                      <MeetingTime
                        startsAt={followUp.nextMeeting.startsAt}
                        timeZone={followUp.nextMeeting.timeZone}
                        text={followUp.nextMeeting.when}
                      />
                    </dd>
                  </div>
                ) : null}
              </dl>
              {followUp.indicators.length ? (
                <div>
                  <p className="mb-2 text-sm text-slate-600">
                    <Link to="plan" className="hover:underline">
                      {t("followUp.indicators", { year: String(followUp.planYear ?? "") })}
                    </Link>
                  </p>
                  <ul className="space-y-2 text-sm" data-testid="follow-up-indicators">
                    {followUp.indicators.map((i) => (
                      <li key={i.id} data-percent={i.percent}>
                        <p className="flex flex-wrap justify-between gap-2">
                          <span dir="auto">{i.name}</span>
                          <span className="tabular-nums text-slate-600">
                            {formatNumber(i.achieved)} / {formatNumber(i.target)} <bdi>{i.unit}</bdi>
                          </span>
                        </p>
                        <ProgressBar percent={i.percent} label={i.name} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          </Card>
        ) : null}

        <Card title={t("agreement.parties")}>
          <ul className="space-y-4" data-testid="parties">
            {parties.map((p) => (
              <li key={p.id} className="rounded-md border border-slate-200 p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-medium" dir="auto">
                    {displayName(p, locale)}
                  </p>
                  <span className="text-sm text-slate-500">{t(`role.${p.role}`)}</span>
                </div>
                <p className="mt-1 text-sm text-slate-600" dir="auto" data-testid="party-signatory">
                  {p.signatoryName ? (
                    `${p.signatoryName}${p.signatoryTitle ? `, ${p.signatoryTitle}` : ""}`
                  ) : (
                    <span className="text-amber-700">{t("party.noSignatory")}</span>
                  )}
                  {p.signatoryLeft ? (
                    <span className="ms-1 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                      {t("members.left")}
                    </span>
                  ) : null}
                </p>
                {p.signatoryLeft ? (
                  <p className="mt-1 text-sm text-red-800" data-testid="signatory-left">
                    {t(p.signatoryLeft === "frozen" ? "members.signatoryLeftFrozen" : "members.signatoryLeft")}
                  </p>
                ) : null}
                {p.contributionCents !== null || p.contributionInKind ? (
                  <p className="mt-1 text-sm text-slate-600">
                    {t("party.contribution")}:{" "}
                    {p.contributionCents !== null ? (
                      <MoneyText cents={p.contributionCents} currency={agreement.currency} />
                    ) : null}
                    {p.contributionInKind ? (
                      <>
                        {p.contributionCents !== null ? " · " : null}
                        <bdi>{p.contributionInKind}</bdi>
                      </>
                    ) : null}
                  </p>
                ) : null}
                {canEdit ? (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-brand-700">{t("party.edit")}</summary>
                    <PartyForm
                      intent="updateParty"
                      party={p}
                      failure={forIntent("updateParty", p.id)}
                      candidates={candidates.filter((c) => c.organizationId === p.organizationId)}
                    />
                    {!p.isOwner ? (
                      <AppForm className="mt-2">
                        <input type="hidden" name="intent" value="removeParty" />
                        <input type="hidden" name="partyId" value={p.id} />
                        <Button variant="danger" className="px-2 py-1 text-xs">
                          {t("party.remove")}
                        </Button>
                      </AppForm>
                    ) : null}
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          {canEdit ? (
            <details className="mt-4" open={failedIntent === "addParty" || partySearch !== ""} data-testid="add-party">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("party.add")}</summary>
              <Form method="get" className="mt-3 flex flex-wrap items-end gap-2" role="search">
                <div className="min-w-0 flex-1">
                  <TextField
                    label={t("party.search")}
                    hint={t("party.searchHint")}
                    type="search"
                    name="partySearch"
                    defaultValue={partySearch}
                    maxLength={120}
                    dir="auto"
                  />
                </div>
                <Button variant="secondary">{t("party.searchButton")}</Button>
              </Form>
              {partySearch && addableOrganizations.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">{t("party.noMatch")}</p>
              ) : null}
              {addableOrganizations.length > 0 ? (
                <AppForm failure={forIntent("addParty")} className="mt-3 space-y-3">
                  <input type="hidden" name="intent" value="addParty" />
                  <SelectField
                    label={t("party.organization")}
                    name="organizationId"
                    defaultValue={typed(forIntent("addParty")?.values, "organizationId")}
                    error={forIntent("addParty")?.fieldErrors.organizationId}
                    options={addableOrganizations.map((o) => ({ value: o.id, label: displayName(o, locale) }))}
                  />
                  <PartyFields failure={forIntent("addParty")} candidates={[]} />
                  <FormError failure={forIntent("addParty")} />
                  <Button>{t("party.add")}</Button>
                </AppForm>
              ) : null}
            </details>
          ) : null}
        </Card>

        {form ? (
          <Card title={t("agreement.editDetails")}>
            <AppForm failure={forIntent("details")} className="space-y-4">
              <input type="hidden" name="intent" value="details" />
              <input type="hidden" name="version" value={agreement.version} />
              <AgreementFields
                failure={forIntent("details")}
                initial={form}
                isAmendment={agreement.kind === "amendment"}
              />
              <FormError failure={forIntent("details")} />
              <Button>{t("agreement.save")}</Button>
            </AppForm>
          </Card>
        ) : null}
      </div>

      <div className="space-y-6">
        <Card title={t("agreement.documents")}>
          {agreement.status === "awaiting_signatures" ? (
            <p className="mb-3 text-sm">
              <Link
                to={`/agreements/${agreement.id}/sign`}
                className="font-medium text-brand-700 underline"
                data-testid="go-sign"
              >
                {t("agreement.awaitingSignatures")}
              </Link>
            </p>
          ) : null}
          {signedOn && agreement.status !== "awaiting_signatures" ? (
            <p className="mb-3 text-sm text-green-800" data-testid="signed-notice">
              {effectiveLater && agreement.effectiveDate ? (
                <>
                  {t("agreement.signedEffectiveOn")} <DateText value={agreement.effectiveDate} />
                </>
              ) : (
                <>
                  {t(paper?.signedOn === signedOn ? "agreement.signedOnPaperOn" : "agreement.signedOn")}{" "}
                  <DateText value={signedOn} />
                </>
              )}
            </p>
          ) : null}
          <ul className="space-y-2 text-sm">
            <li>
              <a href={`/agreements/${agreement.id}/pdf`} className="text-brand-700 underline" data-testid="pdf-link">
                {t("agreement.downloadPdf")}
              </a>
            </li>
            <li>
              <a href={`/agreements/${agreement.id}/export.json`} className="text-brand-700 underline" download>
                {t("export.json")}
              </a>
            </li>
            {paper ? (
              <li>
                <a
                  href={`/agreements/${agreement.id}/scan`}
                  className="text-brand-700 underline"
                  data-testid="scan-link"
                >
                  {t("agreement.downloadScan")}
                </a>{" "}
                <span className="text-slate-500">
                  · <bdi>{paper.place}</bdi> · <DateText value={paper.signedOn} />
                </span>
                <p className="text-xs text-slate-500" data-testid="paper-recorded">
                  {t("agreement.paperRecorded", { name: `\u2068${paper.recordedBy ?? t("history.system")}\u2069` })}{" "}
                  <DateText value={paper.recordedAt} />
                </p>
              </li>
            ) : null}
          </ul>
        </Card>
        {canManage ? (
          <Card title={t("agreement.nextSteps")}>
            {steps.length === 0 ? <p className="text-sm text-slate-600">{t("agreement.nextSteps.none")}</p> : null}
            <ul className="space-y-4" data-testid="next-steps">
              {steps.map((step) => {
                const stepFailure = forIntent("transition", step.action);
                const needsReason = step.action === "terminate" || step.action === "suspend";
                return (
                  <li key={step.action} className="rounded-md border border-slate-200 p-3">
                    <AppForm failure={stepFailure} className="space-y-2">
                      <input type="hidden" name="intent" value="transition" />
                      <input type="hidden" name="action" value={step.action} />
                      {needsReason ? (
                        <TextAreaField
                          label={t("agreement.reason")}
                          name="reason"
                          rows={2}
                          maxLength={2000}
                          defaultValue={typed(stepFailure?.values, "reason")}
                          error={stepFailure?.fieldErrors.reason}
                        />
                      ) : null}
                      {step.action === "terminate" ? (
                        <TextField
                          label={t("agreement.terminationDate")}
                          name="date"
                          type="date"
                          defaultValue={typed(stepFailure?.values, "date")}
                          error={stepFailure?.fieldErrors.date}
                        />
                      ) : null}
                      <Button
                        variant={step.action === "terminate" || step.action === "suspend" ? "danger" : "primary"}
                        className="w-full"
                      >
                        {t(`action.${step.action}`)}
                      </Button>
                      {step.blockers.length > 0 ? (
                        <ul className="list-disc ps-5 text-sm text-amber-800" data-testid={`blockers-${step.action}`}>
                          {step.blockers.map((b) => (
                            <li key={b.key}>{t(b.key, b.vars)}</li>
                          ))}
                        </ul>
                      ) : null}
                      {stepFailure ? (
                        <div
                          role="alert"
                          className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800"
                          data-testid="transition-error"
                        >
                          {[stepFailure.formError, ...more].filter(Boolean).map((e) => (
                            <p key={e!.key}>{t(e!.key, e!.vars)}</p>
                          ))}
                        </div>
                      ) : null}
                    </AppForm>
                  </li>
                );
              })}
            </ul>
          </Card>
        ) : null}

        {agreement.kind !== "amendment" &&
        (amendments.length > 0 ||
          (canManage && (agreement.status === "active" || agreement.status === "suspended"))) ? (
          <Card title={t("agreement.amendments")}>
            <ul className="space-y-2">
              {amendments.map((am) => (
                <li key={am.id} className="flex items-center justify-between gap-2 text-sm">
                  <Link to={`/agreements/${am.id}`} className="text-brand-700 hover:underline">
                    <span dir="ltr">{am.reference}</span> · <bdi>{am.title}</bdi>
                  </Link>
                  <StatusBadge status={am.status} />
                </li>
              ))}
            </ul>
            {canManage && (agreement.status === "active" || agreement.status === "suspended") ? (
              <AppForm failure={forIntent("amend")} className="mt-4 space-y-3">
                <p className="text-sm text-slate-600">{t("agreement.amend.intro")}</p>
                <input type="hidden" name="intent" value="amend" />
                <TextField
                  label={t("agreement.amend.title")}
                  name="title"
                  required
                  maxLength={300}
                  defaultValue={typed(forIntent("amend")?.values, "title")}
                  error={forIntent("amend")?.fieldErrors.title}
                />
                <TextField
                  label={t("agreement.amend.newEndDate")}
                  name="amendsEndDate"
                  type="date"
                  optional
                  defaultValue={typed(forIntent("amend")?.values, "amendsEndDate")}
                  error={forIntent("amend")?.fieldErrors.amendsEndDate}
                />
                <FormError failure={forIntent("amend")} />
                <Button variant="secondary">{t("agreement.amend.submit")}</Button>
              </AppForm>
            ) : null}
          </Card>
        ) : null}
        {agreement.textVersion > 0 ? (
          <Notice>
            <Link to={`/agreements/${agreement.id}/versions`} className="underline">
              {t("agreement.versionsFrozen", { count: agreement.textVersion })}
            </Link>
          </Notice>
        ) : null}
      </div>
    </div>
  );
}

type Candidate = { userId: string; name: string; title: string | null };

function PartyFields({
  failure,
  initial,
  candidates,
}: {
  failure: FormFailure | null;
  initial?: Record<string, string>;
  candidates: Candidate[];
}) {
  const { t } = useI18n();
  const values = failure?.values ?? initial;
  const errors = failure?.fieldErrors ?? {};
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField
        label={t("party.role")}
        name="role"
        defaultValue={typed(values, "role", "partner")}
        error={errors.role}
        options={PARTY_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      {candidates.length > 0 ? (
        <SelectField
          label={t("party.signatoryUser")}
          name="signatoryUserId"
          optional
          defaultValue={typed(values, "signatoryUserId")}
          error={errors.signatoryUserId}
          options={[
            { value: "", label: t("party.signatoryUserNone") },
            ...candidates.map((c) => ({ value: c.userId, label: c.title ? `${c.name}, ${c.title}` : c.name })),
          ]}
        />
      ) : (
        <div />
      )}
      <TextField
        label={t("party.signatoryName")}
        name="signatoryName"
        optional
        maxLength={160}
        defaultValue={typed(values, "signatoryName")}
        error={errors.signatoryName}
      />
      <TextField
        label={t("party.signatoryTitle")}
        name="signatoryTitle"
        optional
        maxLength={160}
        defaultValue={typed(values, "signatoryTitle")}
        error={errors.signatoryTitle}
      />
    </div>
  );
}

function PartyForm({
  party,
  failure,
  candidates,
}: {
  intent: "updateParty";
  party: {
    id: string;
    version: number;
    role: string;
    signatoryName: string | null;
    signatoryTitle: string | null;
    signatoryUserId: string | null;
  };
  failure: FormFailure | null;
  candidates: Candidate[];
}) {
  const { t } = useI18n();
  return (
    <AppForm failure={failure} className="mt-3 space-y-3">
      <input type="hidden" name="intent" value="updateParty" />
      <input type="hidden" name="partyId" value={party.id} />
      <input type="hidden" name="version" value={party.version} />
      <PartyFields
        failure={failure}
        candidates={candidates}
        initial={{
          role: party.role,
          signatoryName: party.signatoryName ?? "",
          signatoryTitle: party.signatoryTitle ?? "",
          signatoryUserId: party.signatoryUserId ?? "",
        }}
      />
      <FormError failure={failure} />
      <Button variant="secondary">{t("party.save")}</Button>
    </AppForm>
  );
}
