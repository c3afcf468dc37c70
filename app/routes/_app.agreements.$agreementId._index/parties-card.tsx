/**
 * The parties: each with its role, signatory (and whether they have left their organization) and
 * contribution; while the text is editable, the forms to change or remove a party and to add one.
 */
import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { MoneyText } from "~/components/ui/formatted";
import { PARTY_ROLES } from "~/domain/agreement/agreement.schema";
import type { AgreementOverview } from "~/domain/agreement/overview-view.server";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure, FormFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

type Party = AgreementOverview["parties"][number];
type AddParty = NonNullable<AgreementOverview["addParty"]>;
type Candidate = AddParty["candidates"][number];

export function PartiesCard({
  parties,
  currency,
  canEdit,
  addParty,
  failureFor,
}: {
  parties: Party[];
  currency: string;
  canEdit: boolean;
  addParty: AddParty | null;
  failureFor: (intent: string, target?: string) => ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  return (
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
                {p.contributionCents !== null ? <MoneyText cents={p.contributionCents} currency={currency} /> : null}
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
                  party={p}
                  failure={failureFor("updateParty", p.id)}
                  candidates={(addParty?.candidates ?? []).filter((c) => c.organizationId === p.organizationId)}
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
      {addParty ? <AddPartyForm addParty={addParty} failure={failureFor("addParty")} /> : null}
    </Card>
  );
}

function AddPartyForm({ addParty, failure }: { addParty: AddParty; failure: ActionFailure | null }) {
  const { t, locale } = useI18n();
  const { search, organizations } = addParty;
  return (
    <details className="mt-4" open={!!failure || search !== ""} data-testid="add-party">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("party.add")}</summary>
      <Form method="get" className="mt-3 flex flex-wrap items-end gap-2" role="search">
        <div className="min-w-0 flex-1">
          <TextField
            label={t("party.search")}
            hint={t("party.searchHint")}
            type="search"
            name="partySearch"
            defaultValue={search}
            maxLength={120}
            dir="auto"
          />
        </div>
        <Button variant="secondary">{t("party.searchButton")}</Button>
      </Form>
      {search && organizations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("party.noMatch")}</p>
      ) : null}
      {organizations.length > 0 ? (
        <AppForm failure={failure} className="mt-3 space-y-3">
          <input type="hidden" name="intent" value="addParty" />
          <SelectField
            label={t("party.organization")}
            name="organizationId"
            defaultValue={typed(failure?.values, "organizationId")}
            error={failure?.fieldErrors.organizationId}
            options={organizations.map((o) => ({ value: o.id, label: displayName(o, locale) }))}
          />
          <PartyFields failure={failure} candidates={[]} />
          <FormError failure={failure} />
          <Button>{t("party.add")}</Button>
        </AppForm>
      ) : null}
    </details>
  );
}

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
      <TextField
        label={t("party.contribution")}
        name="contribution"
        inputMode="decimal"
        optional
        maxLength={20}
        dir="ltr"
        defaultValue={typed(values, "contribution")}
        error={errors.contribution}
      />
      <TextField
        label={t("party.contributionInKind")}
        name="contributionInKind"
        optional
        maxLength={1000}
        defaultValue={typed(values, "contributionInKind")}
        error={errors.contributionInKind}
      />
    </div>
  );
}

function PartyForm({
  party,
  failure,
  candidates,
}: {
  party: Party;
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
          contribution: party.contributionCents === null ? "" : String(party.contributionCents / 100),
          contributionInKind: party.contributionInKind ?? "",
        }}
      />
      <FormError failure={failure} />
      <Button variant="secondary">{t("party.save")}</Button>
    </AppForm>
  );
}
