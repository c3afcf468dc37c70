import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { OrganizationFields } from "~/components/organization-fields";
import { Button } from "~/components/ui/button";
import { Card, PageHeader } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { AppForm, asFailure, FormError, Notice, typed } from "~/components/ui/form";
import { OrganizationMembers, ResetLinkNotice } from "~/components/organization-members";
import {
  assignableRoles,
  canManageInvitation,
  canMakeResetLink,
  canManageOrganization,
  canRemoveMember,
  invitableRoles,
} from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { makeResetLink, resetLinkTargets, resetPath } from "~/domain/identity/password-reset.server";
import { INVITATION_VALID_DAYS } from "~/domain/invitation/invitation";
import { InviteSchema, RevokeInvitationSchema } from "~/domain/invitation/invitation.schema";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/domain/invitation/invitation.server";
import { displayName } from "~/domain/organization/organization";
import { OrganizationUpdateSchema } from "~/domain/organization/organization.schema";
import {
  changeMemberRole,
  listMembers,
  presidentCount,
  removeMember,
  resendInvitation,
} from "~/domain/organization/members.server";
import { MEMBERSHIP_ROLES } from "~/domain/organization/organization.schema";
import {
  getOrganization,
  setOrganizationStamp,
  setTwoFactorPolicy,
  updateOrganization,
} from "~/domain/organization/organization.server";
import { checkUpload, fileField, readFormData, storeFile, uploadError } from "~/lib/uploads.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { failure, parseForm } from "~/lib/forms";
import { absoluteUrl, clientInfo, invariantResponse, notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { useI18n } from "~/lib/i18n/react";

const Params = z.object({ organizationId: recordId });
const MemberSchema = z.object({ intent: z.enum(["remove", "reset-link"]), userId: recordId });
const RoleSchema = z.object({ intent: z.literal("role"), userId: recordId, role: z.enum(MEMBERSHIP_ROLES) });
const ResendSchema = z.object({ intent: z.literal("resend"), invitationId: recordId });
const MAX_STAMP_BYTES = 2 * 1024 * 1024;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organization.nameFr ?? data.organization.nameAr} · Charaka` : "Charaka" },
];

const invitationLink = (token: string) => absoluteUrl(`/invitations/${token}`);

async function context(request: Request, params: unknown) {
  const user = await requireUser(request);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const actor = await loadActor(db(), user);
  const organization = await getOrganization(db(), actor, parsed.data.organizationId);
  invariantResponse(organization);
  return { user, actor, organization };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, organization } = await context(request, params);
  const canManage = canManageOrganization(actor, organization.id);
  const presidents = await presidentCount(db(), organization.id);
  const listed = await listMembers(db(), organization.id);
  const resetTargets = canManage
    ? await resetLinkTargets(
        db(),
        listed.map((m) => m.userId),
      )
    : new Map();
  const members = listed.map((m) => ({
    ...m,
    // Only those who manage the organization see how recently its members signed in.
    lastLoginAt: canManage ? m.lastLoginAt : null,
    roles: assignableRoles(actor, organization.id, m, presidents),
    canRemove: canRemoveMember(actor, organization.id, m, presidents),
    canResetLink: resetTargets.has(m.userId) && canMakeResetLink(actor, resetTargets.get(m.userId)!),
  }));
  const invitations = canManage ? await listPendingInvitations(db(), actor, organization.id) : [];
  return {
    organization,
    members,
    canManage,
    roles: invitableRoles(actor, organization.id),
    invitations: invitations.map((i) => ({ ...i, canManage: canManageInvitation(actor, organization.id, i.role) })),
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

export async function action({ request, params, context: load }: ActionFunctionArgs) {
  const { user, actor, organization } = await context(request, params);
  const meta = { actorUserId: user.id, ...clientInfo(request, load) };
  const { formData, tooLarge } = await readFormData(request, MAX_STAMP_BYTES);
  const intent = formData.get("intent");

  if (intent === "stamp") {
    if (!canManageOrganization(actor, organization.id)) notFound();
    const file = await fileField(formData, "stamp");
    const check = tooLarge
      ? ({ ok: false, error: "tooLarge" } as const)
      : file
        ? checkUpload(file.bytes, ["png", "jpeg"], MAX_STAMP_BYTES)
        : ({ ok: false, error: "empty" } as const);
    if (!check.ok || !file)
      return data(
        { ...failure({}, { stamp: uploadError(check, "upload.error.wrongTypeImage") }), intent },
        { status: 400 },
      );
    const stored = storeFile(file.bytes, check.kind, file.name);
    await setOrganizationStamp(db(), actor, meta, organization.id, stored);
    return redirect(`/organizations/${organization.id}?saved=stamp`);
  }

  if (intent === "update") {
    const form = parseForm(OrganizationUpdateSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const { version, ...fields } = form.data;
    const result = await updateOrganization(db(), actor, meta, organization.id, version, fields);
    if (!result.ok && result.error === "forbidden") notFound();
    if (!result.ok)
      return data({ ...failure(form.values, {}, { key: "form.error.conflict" }), intent }, { status: 409 });
    return redirect(`/organizations/${organization.id}?saved=1`);
  }

  if (intent === "invite") {
    const form = parseForm(InviteSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const result = await createInvitation(db(), actor, meta, organization.id, form.data);
    if (!result.ok) {
      if (result.error === "forbidden") notFound();
      const key = result.error === "alreadyMember" ? "invitation.error.alreadyMember" : "invitation.error.pending";
      return data({ ...failure(form.values, { email: { key } }), intent }, { status: 400 });
    }
    return {
      ok: true as const,
      intent: "invite" as const,
      email: form.data.email,
      link: invitationLink(result.token),
    };
  }

  if (intent === "role") {
    const form = parseForm(RoleSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const result = await changeMemberRole(db(), actor, meta, organization.id, form.data);
    if (!result.ok && result.error === "notFound") notFound();
    if (!result.ok)
      return data({ ...failure(form.values, {}, { key: "members.error.notAllowed" }), intent }, { status: 403 });
    return { ok: true as const, intent: "role" as const, name: result.name, role: form.data.role };
  }

  if (intent === "remove") {
    const form = parseForm(MemberSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const result = await removeMember(db(), actor, meta, organization.id, form.data.userId);
    if (!result.ok && result.error === "notFound") notFound();
    if (!result.ok)
      return data({ ...failure(form.values, {}, { key: "members.error.notAllowed" }), intent }, { status: 403 });
    return { ok: true as const, intent: "remove" as const, name: result.name };
  }

  if (intent === "two-factor-policy") {
    if (!canManageOrganization(actor, organization.id)) notFound();
    await setTwoFactorPolicy(db(), actor, meta, organization.id, formData.get("required") === "on");
    return redirect(`/organizations/${organization.id}?saved=policy`);
  }

  if (intent === "reset-link") {
    const form = parseForm(MemberSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const member = (await listMembers(db(), organization.id)).find((m) => m.userId === form.data.userId);
    if (!member) notFound();
    const result = await makeResetLink(db(), actor, meta, member.userId);
    if (!result.ok) notFound();
    return {
      ok: true as const,
      intent: "reset-link" as const,
      name: result.name,
      link: absoluteUrl(resetPath(result.token)),
    };
  }

  if (intent === "resend") {
    const form = parseForm(ResendSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    const result = await resendInvitation(db(), actor, meta, organization.id, form.data.invitationId);
    if (!result.ok) notFound();
    return {
      ok: true as const,
      intent: "resend" as const,
      email: result.email,
      link: invitationLink(result.token),
    };
  }

  if (intent === "revoke") {
    const form = parseForm(RevokeInvitationSchema, formData);
    if (!form.ok) return data({ ...form, intent }, { status: 400 });
    await revokeInvitation(db(), actor, meta, organization.id, form.data.invitationId);
    return redirect(`/organizations/${organization.id}`);
  }

  throw new Response("Bad request", { status: 400 });
}

export default function OrganizationPage() {
  const { organization, members, canManage, roles, invitations, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale, formatDate } = useI18n();
  const failed = asFailure(result);
  const failedIntent = failed ? (result as { intent?: string }).intent : null;
  const succeeded = result && result.ok ? result : null;
  const invited = succeeded?.intent === "invite" ? succeeded : null;
  const resent = succeeded?.intent === "resend" ? succeeded : null;
  const resetLink = succeeded?.intent === "reset-link" ? succeeded : null;
  const done =
    succeeded?.intent === "role"
      ? t("members.roleChanged", {
          name: `\u2068${succeeded.name}\u2069`,
          role: t(`organization.role.${succeeded.role}`),
        })
      : succeeded?.intent === "remove"
        ? t("members.removed", { name: `\u2068${succeeded.name}\u2069` })
        : null;

  const initial = {
    kind: organization.kind,
    nameFr: organization.nameFr ?? "",
    nameAr: organization.nameAr ?? "",
    city: organization.city ?? "",
    region: organization.region ?? "",
    registrationNumber: organization.registrationNumber ?? "",
    contactEmail: organization.contactEmail ?? "",
    contactPhone: organization.contactPhone ?? "",
  };

  return (
    <>
      <PageHeader
        title={<span dir="auto">{displayName(organization, locale)}</span>}
        subtitle={
          <>
            {t(`organization.kind.${organization.kind}`)}
            {organization.nameAr && organization.nameFr ? (
              <>
                {" · "}
                <bdi>{locale === "ar" ? organization.nameFr : organization.nameAr}</bdi>
              </>
            ) : null}
            {organization.city ? (
              <>
                {" · "}
                <bdi>{organization.city}</bdi>
              </>
            ) : null}
          </>
        }
        actions={
          canManage ? (
            <Link to={`/organizations/${organization.id}/integrations`} className="text-sm text-brand-700 underline">
              {t("integrations.link")}
            </Link>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("organization.members")}>
          {done ? <Notice>{done}</Notice> : null}
          {resetLink ? <ResetLinkNotice name={resetLink.name} link={resetLink.link} /> : null}
          {failedIntent === "role" || failedIntent === "remove" ? <FormError failure={failed} /> : null}
          {members.length === 0 ? (
            <p className="text-sm text-slate-600">{t("organization.noMembers")}</p>
          ) : (
            <OrganizationMembers members={members} />
          )}
        </Card>

        {canManage && roles.length > 0 ? (
          <Card title={t("invitation.title")}>
            <p className="mb-4 text-sm text-slate-600">{t("invitation.intro", { days: INVITATION_VALID_DAYS })}</p>
            {invited ? (
              <Notice>
                <p>{t("invitation.created", { email: invited.email })}</p>
                <input
                  readOnly
                  value={invited.link}
                  data-testid="invitation-link"
                  aria-label={t("invitation.copy")}
                  className="mt-2 w-full rounded border border-brand-100 bg-white px-2 py-1 font-mono text-xs"
                  dir="ltr"
                />
              </Notice>
            ) : null}
            <AppForm failure={failedIntent === "invite" ? failed : null} className="mt-4 space-y-4">
              <input type="hidden" name="intent" value="invite" />
              <TextField
                label={t("invitation.email")}
                name="email"
                type="email"
                required
                maxLength={254}
                dir="ltr"
                key={invited ? invited.link : "invite-email"}
                defaultValue={failedIntent === "invite" ? typed(failed?.values, "email") : ""}
                error={failedIntent === "invite" ? failed?.fieldErrors.email : undefined}
              />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label={t("organization.role")}
                  name="role"
                  defaultValue={failedIntent === "invite" ? typed(failed?.values, "role", "member") : "member"}
                  error={failedIntent === "invite" ? failed?.fieldErrors.role : undefined}
                  options={roles.map((r) => ({ value: r, label: t(`organization.role.${r}`) }))}
                />
                <TextField
                  label={t("organization.jobTitle")}
                  name="title"
                  maxLength={120}
                  optional
                  hint={t("organization.jobTitleHint")}
                  defaultValue={failedIntent === "invite" ? typed(failed?.values, "title") : ""}
                  error={failedIntent === "invite" ? failed?.fieldErrors.title : undefined}
                />
              </div>
              <FormError failure={failedIntent === "invite" ? failed : null} />
              <Button disabled={navigation.state === "submitting"}>{t("invitation.submit")}</Button>
            </AppForm>
            {resent ? (
              <div className="mt-4">
                <Notice>
                  <p>{t("invitation.resent", { email: resent.email, days: INVITATION_VALID_DAYS })}</p>
                  <input
                    readOnly
                    value={resent.link}
                    data-testid="invitation-link"
                    aria-label={t("invitation.copy")}
                    className="mt-2 w-full rounded border border-brand-100 bg-white px-2 py-1 font-mono text-xs"
                    dir="ltr"
                  />
                </Notice>
              </div>
            ) : null}
            {invitations.length > 0 ? (
              <div className="mt-6">
                <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("invitation.pending")}</h3>
                <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
                  {invitations.map((inv) => (
                    <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                      <span>
                        <span dir="ltr">{inv.email}</span> · {t(`organization.role.${inv.role}`)} ·{" "}
                        <span suppressHydrationWarning>
                          {t("invitation.expires", { date: formatDate(inv.expiresAt) })}
                        </span>
                      </span>
                      {inv.canManage ? (
                        <span className="flex gap-1">
                          <AppForm>
                            <input type="hidden" name="intent" value="resend" />
                            <input type="hidden" name="invitationId" value={inv.id} />
                            <Button variant="secondary" className="px-2 py-1 text-xs">
                              {t("invitation.resend")}
                            </Button>
                          </AppForm>
                          <AppForm>
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="invitationId" value={inv.id} />
                            <Button variant="danger" className="px-2 py-1 text-xs">
                              {t("invitation.revoke")}
                            </Button>
                          </AppForm>
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Card>
        ) : null}

        <Card title={t("organization.details")}>
          {canManage ? (
            <AppForm failure={failedIntent === "update" ? failed : null} className="space-y-4">
              {saved === "1" && !failed ? <Notice>{t("form.saved")}</Notice> : null}
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="version" value={organization.version} />
              <OrganizationFields failure={failedIntent === "update" ? failed : null} initial={initial} />
              <FormError failure={failedIntent === "update" ? failed : null} />
              <Button>{t("organization.save")}</Button>
            </AppForm>
          ) : (
            <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
              {(
                [
                  ["organization.region", organization.region],
                  ["organization.registrationNumber", organization.registrationNumber],
                  ["organization.contactEmail", organization.contactEmail],
                  ["organization.contactPhone", organization.contactPhone],
                ] as const
              )
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <div key={k}>
                    <dt className="text-slate-500">{t(k)}</dt>
                    <dd dir="auto">{v}</dd>
                  </div>
                ))}
            </dl>
          )}
        </Card>
        {canManage ? (
          <Card title={t("twoFactor.title")}>
            {saved === "policy" ? (
              <div className="mb-3">
                <Notice>{t("form.saved")}</Notice>
              </div>
            ) : null}
            <AppForm className="space-y-3">
              <input type="hidden" name="intent" value="two-factor-policy" />
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="required"
                  className="mt-1"
                  defaultChecked={organization.requireTwoFactor === 1}
                  aria-describedby="two-factor-policy-hint"
                />
                <span>{t("twoFactor.policy.label")}</span>
              </label>
              <p id="two-factor-policy-hint" className="text-sm text-slate-500">
                {t("twoFactor.policy.hint")}
              </p>
              <Button variant="secondary">{t("twoFactor.policy.save")}</Button>
            </AppForm>
          </Card>
        ) : null}
        <Card title={t("stamp.title")}>
          <p className="mb-3 text-sm text-slate-600">{t("stamp.intro")}</p>
          {organization.stampAttachmentId ? (
            <img
              src={`/organizations/${organization.id}/stamp`}
              alt={t("stamp.title")}
              className="mb-3 h-28 w-28 rounded border border-slate-200 object-contain"
              data-testid="stamp"
            />
          ) : (
            <p className="mb-3 text-sm text-slate-500">{t("stamp.none")}</p>
          )}
          {saved === "stamp" ? <Notice>{t("stamp.saved")}</Notice> : null}
          {canManage ? (
            <AppForm
              encType="multipart/form-data"
              failure={failedIntent === "stamp" ? failed : null}
              className="mt-3 space-y-2"
            >
              <input type="hidden" name="intent" value="stamp" />
              <FileField
                id="stamp"
                label={t("stamp.file")}
                name="stamp"
                accept="image/png,image/jpeg"
                required
                hint={t("stamp.hint")}
                error={failedIntent === "stamp" ? failed?.fieldErrors.stamp : undefined}
              />
              <Button variant="secondary">{t("stamp.upload")}</Button>
            </AppForm>
          ) : null}
        </Card>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
