/**
 * An organization's page: its members (roles, removal, reset links), the invitations of those who
 * manage it, its details, its two-step sign-in policy, its stamp and its dossier (standing documents,
 * bank details). The models come from organizationView and dossierView; each card is a file beside
 * this one.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import type { MembershipRole } from "../../../db/schema";
import { PageHeader } from "~/components/ui/card";
import { asFailure, failureFor } from "~/components/ui/form";
import { InviteSchema, ResendInvitationSchema, RevokeInvitationSchema } from "~/domain/invitation/invitation.schema";
import { createInvitation, revokeInvitation } from "~/domain/invitation/invitation.server";
import { emailInvitation } from "~/domain/invitation/invitation-mail.server";
import { makeResetLink, resetPath } from "~/domain/identity/password-reset.server";
import { canManageOrganization } from "~/domain/access/access";
import { BankDetailsSchema, DossierDocumentSchema } from "~/domain/finance/finance.schema";
import { addDossierDocument, dossierView, updateBankDetails } from "~/domain/finance/dossier.server";
import { displayName } from "~/domain/organization/organization";
import {
  MemberRoleSchema,
  MemberSchema,
  OrganizationUpdateSchema,
  TwoFactorPolicySchema,
} from "~/domain/organization/organization.schema";
import { changeMemberRole, listMembers, removeMember, resendInvitation } from "~/domain/organization/members.server";
import {
  getOrganization,
  setOrganizationStamp,
  setTwoFactorPolicy,
  updateOrganization,
} from "~/domain/organization/organization.server";
import { organizationView } from "~/domain/organization/organization-view.server";
import {
  dispatch,
  fieldRejected,
  invalid,
  readSubmission,
  refused,
  rejected,
  uploadedFile,
} from "~/lib/actions.server";
import { requireActor } from "~/lib/context.server";
import { db } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { env } from "~/lib/env.server";
import { absoluteUrl, notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { mailTransport } from "~/lib/mail.server";
import { recordId } from "~/lib/ids";
import { useI18n } from "~/lib/i18n/react";
import { todayInMorocco } from "~/lib/time";
import { discardFile, storeFile } from "~/lib/uploads.server";
import { DetailsCard } from "./details-card";
import { DossierCard } from "./dossier-card";
import { InvitationsCard } from "./invitations-card";
import { MembersCard } from "./members-card";
import { StampCard } from "./stamp-card";
import { TwoFactorCard } from "./two-factor-card";

const Params = z.object({ organizationId: recordId });
const MAX_STAMP_BYTES = 2 * 1024 * 1024;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organization.nameFr ?? data.organization.nameAr} · Charaka` : "Charaka" },
];

const invitationLink = (token: string) => absoluteUrl(`/invitations/${token}`);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, context);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const view = await organizationView(db(), actor, parsed.data.organizationId);
  if (!view) notFound();
  const dossier = await dossierView(db(), actor, view.organization.id, todayInMorocco());
  return { ...view, dossier, saved: new URL(request.url).searchParams.get("saved") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, actor, meta } = await requireActor(request, context);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const organization = await getOrganization(db(), actor, parsed.data.organizationId);
  if (!organization) notFound();
  const id = organization.id;
  // With SMTP, the invitation's link is also emailed (in the inviter's language); without, only shown.
  const sendInvitation = async (to: string, role: MembershipRole, link: string) => {
    const transport = mailTransport();
    if (!transport) return false;
    const locale = resolveLocale(request, user);
    return emailInvitation(
      { transport, from: env().MAIL_FROM },
      { to, link, role, locale, inviterName: user.name, organizationName: displayName(organization, locale) },
    );
  };
  const notAllowed = { key: "members.error.notAllowed" } as const;
  // The stamp's own limit is checked on its field; the dossier's scans may be larger.
  return dispatch(await readSubmission(request), {
    stamp: async (submission) => {
      if (!canManageOrganization(actor, id)) notFound();
      const upload = await uploadedFile(submission, "stamp", {
        kinds: ["png", "jpeg"],
        maxBytes: MAX_STAMP_BYTES,
        wrongType: "upload.error.wrongTypeImage",
        required: true,
      });
      if (!upload.ok) return fieldRejected({}, submission.intent, { stamp: upload.error });
      const file = upload.file!;
      await setOrganizationStamp(db(), actor, meta, id, { stored: storeFile(file.bytes, file.kind, file.name) });
      return redirect(`/organizations/${id}?saved=stamp`);
    },
    addDocument: async (submission) => {
      const { formData, intent } = submission;
      const form = parseForm(DossierDocumentSchema, formData);
      const upload = await uploadedFile(submission, "file", {
        kinds: ["pdf", "png", "jpeg"],
        wrongType: "upload.error.wrongTypeEvidence",
        required: true,
      });
      if (!form.ok)
        return invalid(
          upload.ok ? form : { ...form, fieldErrors: { ...form.fieldErrors, file: upload.error } },
          intent,
        );
      if (!upload.ok) return fieldRejected(form.values, intent, { file: upload.error });
      const file = storeFile(upload.file!.bytes, upload.file!.kind, upload.file!.name);
      const result = await addDossierDocument(db(), actor, meta, id, { ...form.data, file });
      if (result.ok) return redirect(`/organizations/${id}?saved=document#dossier`);
      discardFile(file.storedName);
      return refused(result, form.values, intent);
    },
    bankDetails: async ({ formData, intent }) => {
      const form = parseForm(BankDetailsSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await updateBankDetails(db(), actor, meta, id, form.data);
      if (!result.ok) return refused(result, form.values, intent);
      return redirect(`/organizations/${id}?saved=bank#dossier`);
    },
    update: async ({ formData, intent }) => {
      const form = parseForm(OrganizationUpdateSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await updateOrganization(db(), actor, meta, id, form.data);
      if (!result.ok && result.error === "forbidden") notFound();
      if (!result.ok) return rejected(form.values, intent, { key: "form.error.conflict" }, { status: 409 });
      return redirect(`/organizations/${id}?saved=1`);
    },
    invite: async ({ formData, intent }) => {
      const form = parseForm(InviteSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await createInvitation(db(), actor, meta, id, form.data);
      if (!result.ok && result.error === "forbidden") notFound();
      if (!result.ok)
        return fieldRejected(form.values, intent, {
          email: {
            key: result.error === "alreadyMember" ? "invitation.error.alreadyMember" : "invitation.error.pending",
          },
        });
      const link = invitationLink(result.token);
      const emailed = await sendInvitation(form.data.email, form.data.role, link);
      return { ok: true as const, intent: "invite" as const, email: form.data.email, link, emailed };
    },
    role: async ({ formData, intent }) => {
      const form = parseForm(MemberRoleSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await changeMemberRole(db(), actor, meta, id, form.data);
      if (!result.ok && result.error === "notFound") notFound();
      if (!result.ok) return rejected(form.values, intent, notAllowed, { status: 403 });
      return { ok: true as const, intent: "role" as const, name: result.name, role: form.data.role };
    },
    remove: async ({ formData, intent }) => {
      const form = parseForm(MemberSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await removeMember(db(), actor, meta, id, { userId: form.data.userId });
      if (!result.ok && result.error === "notFound") notFound();
      if (!result.ok) return rejected(form.values, intent, notAllowed, { status: 403 });
      return { ok: true as const, intent: "remove" as const, name: result.name };
    },
    "two-factor-policy": async ({ formData, intent }) => {
      if (!canManageOrganization(actor, id)) notFound();
      const form = parseForm(TwoFactorPolicySchema, formData);
      if (!form.ok) return invalid(form, intent);
      await setTwoFactorPolicy(db(), actor, meta, id, { required: form.data.required });
      return redirect(`/organizations/${id}?saved=policy`);
    },
    "reset-link": async ({ formData, intent }) => {
      const form = parseForm(MemberSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const member = (await listMembers(db(), id)).find((m) => m.userId === form.data.userId);
      if (!member) notFound();
      const result = await makeResetLink(db(), actor, meta, member.userId);
      if (!result.ok) notFound();
      const link = absoluteUrl(resetPath(result.token));
      return { ok: true as const, intent: "reset-link" as const, name: result.name, link };
    },
    resend: async ({ formData, intent }) => {
      const form = parseForm(ResendInvitationSchema, formData);
      if (!form.ok) return invalid(form, intent);
      const result = await resendInvitation(db(), actor, meta, id, { invitationId: form.data.invitationId });
      if (!result.ok) notFound();
      const link = invitationLink(result.token);
      const emailed = await sendInvitation(result.email, result.role, link);
      return { ok: true as const, intent: "resend" as const, email: result.email, link, emailed };
    },
    revoke: async ({ formData, intent }) => {
      const form = parseForm(RevokeInvitationSchema, formData);
      if (!form.ok) return invalid(form, intent);
      await revokeInvitation(db(), actor, meta, id, { invitationId: form.data.invitationId });
      return redirect(`/organizations/${id}`);
    },
  });
}

export default function OrganizationPage() {
  const { organization, members, canManage, roles, invitations, dossier, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const succeeded = result && result.ok ? result : null;
  const done =
    succeeded?.intent === "role"
      ? t("members.roleChanged", {
          name: `\u2068${succeeded.name}\u2069`,
          role: t(`organization.role.${succeeded.role}`),
        })
      : succeeded?.intent === "remove"
        ? t("members.removed", { name: `\u2068${succeeded.name}\u2069` })
        : null;
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
        <MembersCard
          members={members}
          done={done}
          resetLink={succeeded?.intent === "reset-link" ? succeeded : null}
          failure={failureFor(result, "role") ?? failureFor(result, "remove")}
        />
        {canManage && roles.length > 0 ? (
          <InvitationsCard
            roles={roles}
            invitations={invitations}
            invited={succeeded?.intent === "invite" ? succeeded : null}
            resent={succeeded?.intent === "resend" ? succeeded : null}
            failure={failureFor(result, "invite")}
          />
        ) : null}
        <DetailsCard
          organization={organization}
          canManage={canManage}
          saved={saved === "1" && !asFailure(result)}
          failure={failureFor(result, "update")}
        />
        {canManage ? <TwoFactorCard required={organization.requireTwoFactor === 1} saved={saved === "policy"} /> : null}
        <StampCard
          organization={organization}
          canManage={canManage}
          saved={saved === "stamp"}
          failure={failureFor(result, "stamp")}
        />
        {dossier ? (
          <div id="dossier" className="lg:col-span-2">
            <DossierCard
              dossier={dossier}
              saved={saved === "document" || saved === "bank" ? saved : null}
              uploadFailure={failureFor(result, "addDocument")}
              bankFailure={failureFor(result, "bankDetails")}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
