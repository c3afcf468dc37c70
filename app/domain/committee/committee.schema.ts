/** Forms of the committee: members, meetings, agenda, attendance, outcomes, minutes, action items (client-safe). */
import * as z from "zod";
import {
  choice,
  date,
  email,
  optionalChoice,
  optionalDate as optionalDateField,
  optionalText,
  optionalWholeNumber,
  password,
  text,
  wholeNumber,
} from "~/lib/forms";
import { isTimeZone } from "~/lib/time";
import { APPROVAL_RULES, ATTENDANCE, COMMITTEE_ROLES, QUORUM_RULES, RHYTHMS } from "./committee";

const id = choice();
const optionalId = optionalChoice();
const isoDate = date();
const optionalDate = optionalDateField();
const clock = z
  .string({ error: "form.error.required" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "form.error.time" });
const version = z.coerce.number().int().min(0);
const enumOf = <T extends string>(values: readonly T[]) =>
  z.enum(values as unknown as [T, ...T[]], { error: "form.error.choice" });

export const MeetingParams = z.object({ agreementId: id, meetingId: id });

export const CreateCommitteeSchema = z.object({ intent: z.literal("createCommittee") });

export const CommitteeSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    rhythm: enumOf(RHYTHMS),
    quorumRule: enumOf(QUORUM_RULES),
    quorumCount: optionalWholeNumber(1, 100),
    approvalRule: enumOf(APPROVAL_RULES),
    version,
  })
  .refine((v) => v.quorumRule !== "count" || v.quorumCount !== undefined, {
    path: ["quorumCount"],
    error: "form.error.required",
  });

/** A member: someone with an account (chosen from the party's people) or an external person. */
export const MemberSchema = z
  .object({
    intent: z.literal("addMember"),
    partyId: id,
    userId: optionalId,
    name: optionalText(200),
    email: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), email().optional()),
    organizationName: optionalText(200),
    role: enumOf(COMMITTEE_ROLES),
  })
  .refine((v) => v.userId !== undefined || v.name !== undefined, {
    path: ["name"],
    error: "committee.error.nameOrAccount",
  });

export const MemberRoleSchema = z.object({
  intent: z.literal("memberRole"),
  memberId: id,
  role: enumOf(COMMITTEE_ROLES),
});
export const RemoveMemberSchema = z.object({ intent: z.literal("removeMember"), memberId: id });
export const HandOverSchema = z.object({ intent: z.literal("handOver"), memberId: id, userId: id });

export const MeetingSchema = z.object({
  intent: z.literal("schedule"),
  date: isoDate,
  time: clock,
  timeZone: z.string().max(64).refine(isTimeZone, { error: "form.error.choice" }).default("Africa/Casablanca"),
  durationMinutes: z.preprocess((v) => (v === "" || v === undefined ? "120" : v), wholeNumber(15, 24 * 60)),
  location: optionalText(300),
  videoUrl: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .url({ protocol: /^https?$/, error: "form.error.url" })
      .max(500)
      .optional(),
  ),
});

export const AgendaItemSchema = z.object({
  intent: z.literal("addAgendaItem"),
  title: text(300),
  body: optionalText(20_000),
});
export const MoveAgendaItemSchema = z.object({
  intent: z.literal("moveAgendaItem"),
  itemId: id,
  direction: z.enum(["up", "down"]),
});
export const RemoveAgendaItemSchema = z.object({ intent: z.literal("removeAgendaItem"), itemId: id });

export const MeetingMoveSchema = z.object({ intent: z.enum(["start", "close", "reopen"]), reason: optionalText(1000) });

/** Attendance: one `status.<memberId>` field per member, and the guests one per line. */
export const AttendanceSchema = z.object({
  intent: z.literal("attendance"),
  guests: optionalText(5000),
  statuses: z.record(id, enumOf(ATTENDANCE)),
});

export const OutcomeSchema = z.object({
  intent: z.literal("addOutcome"),
  agendaItemId: optionalId,
  kind: z.enum(["information", "decision"], { error: "form.error.choice" }),
  body: text(5000),
});

/** An action item's owner is a member ("member:<id>") or a whole party ("party:<id>"). */
export const ActionItemSchema = z.object({
  intent: z.literal("addActionItem"),
  agendaItemId: optionalId,
  title: text(500),
  owner: z
    .string({ error: "form.error.required" })
    .regex(/^(member|party):[a-z0-9]{16}$/, { error: "form.error.choice" }),
  dueDate: optionalDate,
  link: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^(obligation|deliverable|plan_action):[a-z0-9]{16}$/, { error: "form.error.choice" })
      .optional(),
  ),
});

/** Closing an action item, without the form's own fields (the API's body). A cancellation says why. */
export const CloseActionItemFields = z
  .object({
    to: z.enum(["done", "cancelled"], { error: "form.error.choice" }),
    note: optionalText(2000),
    version: z.coerce.number().int().min(1),
  })
  .refine((v) => v.to !== "cancelled" || v.note !== undefined, { path: ["note"], error: "actionItem.error.note" });

export const CloseActionItemSchema = z
  .object({ intent: z.literal("closeActionItem"), actionItemId: id })
  .and(CloseActionItemFields);

export const MinutesSchema = z.object({
  intent: z.literal("saveMinutes"),
  minutes: z.string().max(200_000, { error: "form.error.tooLong" }),
  revision: version,
});

export const MinutesMoveSchema = z.object({ intent: z.enum(["circulate", "withdraw"]) });

export const ApproveMinutesSchema = z.object({
  intent: z.literal("approve"),
  password: password(),
  consent: z.literal("on", { error: "minutes.error.consent" }),
});

export const AddendumSchema = z.object({ intent: z.literal("addendum"), body: text(20_000) });

export const ActionItemsQuery = z.object({ filter: z.enum(["open", "overdue", "done", "all"]).catch("open") });

export const PreviewSchema = z.object({ markdown: z.string().max(200_000) });

/** Reads the `status.<memberId>` fields of the attendance form into one record. */
export function attendanceInput(formData: FormData): Record<string, unknown> {
  const statuses: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (key.startsWith("status.") && typeof value === "string") statuses[key.slice("status.".length)] = value;
  }
  return { intent: formData.get("intent"), guests: formData.get("guests") ?? undefined, statuses };
}
