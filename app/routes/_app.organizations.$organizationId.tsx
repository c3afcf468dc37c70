import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { OrganizationFields } from "~/components/organization-fields";
import { Button } from "~/components/ui/button";
import { Badge, Card, PageHeader } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { FileField } from "~/components/ui/file-field";
import { AppForm, asFailure, FormError, Notice, typed } from "~/components/ui/form";
import { canManageOrganization, invitableRoles } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import { INVITATION_VALID_DAYS } from "~/domain/invitation/invitation";
import { InviteSchema, RevokeInvitationSchema } from "~/domain/invitation/invitation.schema";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/domain/invitation/invitation.server";
import { displayName } from "~/domain/organization/organization";
import { OrganizationUpdateSchema } from "~/domain/organization/organization.schema";
import {
  getOrganization,
  listMembers,
  setOrganizationStamp,
  updateOrganization,
} from "~/domain/organization/organization.server";
import { checkUpload, fileField, readFormData, storeFile, uploadError } from "~/lib/uploads.server";
import { requireUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { appOrigin } from "~/lib/env.server";
import { failure, parseForm } from "~/lib/forms";
import { clientInfo, invariantResponse, notFound } from "~/lib/http.server";
import { recordId } from "~/lib/ids";
import { useI18n } from "~/lib/i18n/react";

const Params = z.object({ organizationId: recordId });
const MAX_STAMP_BYTES = 2 * 1024 * 1024;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organization.nameFr ?? data.organization.nameAr} · Charaka` : "Charaka" },
];

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
  return {
    organization,
    members: await listMembers(db(), organization.id),
    canManage,
    roles: invitableRoles(actor, organization.id),
    invitations: canManage ? await listPendingInvitations(db(), actor, organization.id) : [],
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
    const origin = appOrigin();
    return { ok: true as const, intent, email: form.data.email, link: `${origin}/invitations/${result.token}` };
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
  const invited = result && "link" in result ? result : null;

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
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("organization.members")}>
          {members.length === 0 ? (
            <p className="text-sm text-slate-600">{t("organization.noMembers")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="members">
              {members.map((m) => (
                <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <p className="font-medium" dir="auto">
                      {m.name}
                    </p>
                    <p className="text-sm text-slate-500" dir="auto">
                      {m.title ? `${m.title} · ` : ""}
                      <span dir="ltr">{m.email}</span>
                    </p>
                  </div>
                  <Badge tone={m.role === "member" ? "slate" : "green"}>{t(`organization.role.${m.role}`)}</Badge>
                </li>
              ))}
            </ul>
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
                      <AppForm>
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={inv.id} />
                        <Button variant="danger" className="px-2 py-1 text-xs">
                          {t("invitation.revoke")}
                        </Button>
                      </AppForm>
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
