/** The committee's members by party (edit a role, hand over a seat, remove), its rules, and a new member. */
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { AppForm, FormError, typed } from "~/components/ui/form";
import { COMMITTEE_ROLES } from "~/domain/committee/committee";
import type { CommitteeData, CommitteeView } from "~/domain/committee/committee-view.server";
import { displayName } from "~/domain/organization/organization";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

const ROLE_TONE = { chair: "blue", secretary: "amber", member: "slate" } as const;

export function Members({
  committee,
  canManage,
  failure,
}: {
  committee: CommitteeData;
  canManage: boolean;
  /** A refused change to one of the members (role, hand-over, removal). */
  failure: ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  return (
    <Card title={t("committee.members")}>
      <ul className="space-y-3" data-testid="committee-members">
        {committee.seats.map((p) => (
          <li key={p.id}>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              <bdi>{displayName(p, locale)}</bdi>
            </p>
            <ul className="mt-1 space-y-1">
              {p.members.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span>
                    <bdi>{m.name}</bdi>
                    {m.external ? (
                      <span className="text-slate-500">
                        {" "}
                        · {m.organizationName ? <bdi>{m.organizationName}</bdi> : t("committee.external")}
                      </span>
                    ) : null}
                    {m.email && m.external ? (
                      <span className="block text-xs text-slate-500" dir="ltr">
                        {m.email}
                      </span>
                    ) : null}
                  </span>
                  <span className="flex items-center gap-1">
                    <Badge tone={ROLE_TONE[m.role]}>{t(`committee.role.${m.role}`)}</Badge>
                    {m.left ? <Badge tone="red">{t("members.left")}</Badge> : null}
                    {canManage ? (
                      <details className="relative">
                        <summary className="cursor-pointer text-xs text-brand-700">{t("committee.editMember")}</summary>
                        <div className="absolute end-0 z-10 mt-1 w-56 space-y-2 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
                          <AppForm className="space-y-2">
                            <input type="hidden" name="intent" value="memberRole" />
                            <input type="hidden" name="memberId" value={m.id} />
                            <SelectField
                              label={t("committee.roleLabel")}
                              name="role"
                              defaultValue={m.role}
                              options={COMMITTEE_ROLES.map((r) => ({
                                value: r,
                                label: t(`committee.role.${r}`),
                              }))}
                            />
                            <Button variant="secondary" className="w-full">
                              {t("form.save")}
                            </Button>
                          </AppForm>
                          {m.left ? (
                            <AppForm className="space-y-2 border-t border-slate-100 pt-2">
                              <input type="hidden" name="intent" value="handOver" />
                              <input type="hidden" name="memberId" value={m.id} />
                              <SelectField
                                label={t("members.handOver")}
                                name="userId"
                                hint={t("members.handOverHint")}
                                options={m.handOverTo.map((p) => ({ value: p.userId, label: p.name }))}
                              />
                              <Button variant="secondary" className="w-full">
                                {t("members.handOverSubmit")}
                              </Button>
                            </AppForm>
                          ) : null}
                          <AppForm>
                            <input type="hidden" name="intent" value="removeMember" />
                            <input type="hidden" name="memberId" value={m.id} />
                            <Button variant="danger" className="w-full">
                              {t("committee.remove")}
                            </Button>
                          </AppForm>
                        </div>
                      </details>
                    ) : null}
                  </span>
                </li>
              ))}
              {p.members.length === 0 ? (
                <li className="text-sm text-amber-800">{t("committee.partyMissing")}</li>
              ) : null}
            </ul>
          </li>
        ))}
      </ul>
      {failure ? (
        <div className="mt-3">
          <FormError failure={failure} />
        </div>
      ) : null}
      <dl className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm text-slate-700">
        <div>
          <dt className="text-xs font-semibold text-slate-500">{t("committee.rhythmLabel")}</dt>
          <dd>{t(`committee.rhythm.${committee.rhythm}`)}</dd>
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-500">{t("committee.quorumLabel")}</dt>
          <dd>
            {committee.headCount
              ? t("committee.quorum.countN", { count: committee.quorumCount ?? 1 })
              : t("committee.quorum.each_party")}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-500">{t("committee.approvalLabel")}</dt>
          <dd>{t(`committee.approval.${committee.approvalRule}`)}</dd>
        </div>
      </dl>
    </Card>
  );
}

export function AddMember({
  committee,
  parties,
  failure,
}: {
  committee: CommitteeData;
  parties: CommitteeView["parties"];
  failure: ActionFailure | null;
}) {
  const { t, locale } = useI18n();
  return (
    <Card title={t("committee.addMember")}>
      <AppForm key={`member-${committee.memberCount}`} failure={failure} className="space-y-3">
        <input type="hidden" name="intent" value="addMember" />
        <SelectField
          label={t("committee.party")}
          name="partyId"
          defaultValue={typed(failure?.values, "partyId")}
          error={failure?.fieldErrors.partyId}
          options={parties.map((p) => ({ value: p.id, label: displayName(p, locale) }))}
        />
        <SelectField
          label={t("committee.account")}
          name="userId"
          optional
          defaultValue={typed(failure?.values, "userId")}
          error={failure?.fieldErrors.userId}
          options={[
            { value: "", label: t("committee.externalPerson") },
            ...committee.people.map((p) => ({
              value: p.userId,
              label: `${p.name} — ${displayName(parties.find((x) => x.id === p.partyId) ?? { nameFr: null, nameAr: null }, locale)}`,
            })),
          ]}
        />
        <TextField
          label={t("committee.name")}
          name="name"
          optional
          maxLength={200}
          hint={t("committee.nameHint")}
          defaultValue={typed(failure?.values, "name")}
          error={failure?.fieldErrors.name}
        />
        <TextField
          label={t("account.email")}
          name="email"
          type="email"
          maxLength={254}
          optional
          dir="ltr"
          defaultValue={typed(failure?.values, "email")}
          error={failure?.fieldErrors.email}
        />
        <TextField
          label={t("committee.organizationName")}
          name="organizationName"
          optional
          maxLength={200}
          defaultValue={typed(failure?.values, "organizationName")}
          error={failure?.fieldErrors.organizationName}
        />
        <SelectField
          label={t("committee.roleLabel")}
          name="role"
          defaultValue={typed(failure?.values, "role", "member")}
          options={COMMITTEE_ROLES.map((r) => ({ value: r, label: t(`committee.role.${r}`) }))}
        />
        <FormError failure={failure} />
        <Button className="w-full">{t("committee.addMember")}</Button>
      </AppForm>
    </Card>
  );
}
