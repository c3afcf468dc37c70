/**
 * Calendars (RFC 5545, written by ical-generator: escaping, line folding, UTC times): one meeting
 * as an .ics file, and each user's personal feed — their committees' meetings and the due dates
 * of their action items and obligations — at a secret URL that Google Calendar or Outlook can
 * subscribe to. Only the SHA-256 of the feed's token is stored; a new token revokes the old one.
 */
import icalGenerator, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import type { DB } from "../../../db/client";
import { inTransaction } from "../../../db/transaction";
import type { Locale, MeetingStatus } from "../../../db/schema";
import { organizationIds, type Actor } from "../access/access";
import { appendAuditEvent, type RequestMeta } from "../audit/audit.server";
import { listObligations } from "../delivery/obligations.server";
import { newToken, sha256Hex } from "~/lib/crypto.server";
import { createTranslator } from "~/lib/i18n/translate";
import { nowIso, todayInMorocco } from "~/lib/time";
import { myActionItems } from "./action-items.server";
import { agendaItemText } from "./committee";

const PRODUCT_ID = { company: "Charaka", product: "Charaka", language: "FR" };
const UID_DOMAIN = "charaka.app";

interface MeetingForCalendar {
  id: string;
  number: number;
  startsAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  location: string | null;
  videoUrl: string | null;
  updatedAt: string;
  agreementId: string;
  reference: string;
  agreementTitle: string;
  agenda: readonly string[];
}

function addMeeting(cal: ICalCalendar, m: MeetingForCalendar, origin: string, locale: Locale) {
  const { t } = createTranslator(locale);
  const start = new Date(m.startsAt);
  const url = `${origin}/agreements/${m.agreementId}/meetings/${m.id}`;
  cal.createEvent({
    id: `meeting-${m.id}@${UID_DOMAIN}`,
    start,
    end: new Date(start.getTime() + m.durationMinutes * 60_000),
    stamp: new Date(m.updatedAt),
    lastModified: new Date(m.updatedAt),
    summary: `${t("committee.title")} · ${m.reference} · ${t("meeting.title", { number: m.number })}`,
    description: [m.agreementTitle, ...m.agenda.map((title, i) => `${i + 1}. ${title}`), m.videoUrl ?? "", url]
      .filter(Boolean)
      .join("\n"),
    location: m.location ?? m.videoUrl ?? undefined,
    url,
    status: ICalEventStatus.CONFIRMED,
  });
}

async function meetingsForCalendar(
  db: DB,
  where: { meetingId?: string; memberUserId?: string },
  locale: Locale,
): Promise<MeetingForCalendar[]> {
  let query = db
    .selectFrom("meeting")
    .innerJoin("agreement", "agreement.id", "meeting.agreement_id")
    .select([
      "meeting.id",
      "meeting.number",
      "meeting.starts_at as startsAt",
      "meeting.duration_minutes as durationMinutes",
      "meeting.status",
      "meeting.location",
      "meeting.video_url as videoUrl",
      "meeting.updated_at as updatedAt",
      "agreement.id as agreementId",
      "agreement.reference",
      "agreement.title as agreementTitle",
    ]);
  if (where.meetingId) query = query.where("meeting.id", "=", where.meetingId);
  if (where.memberUserId) {
    const userId = where.memberUserId;
    query = query.where("meeting.committee_id", "in", (eb) =>
      eb.selectFrom("committee_member").select("committee_id").where("user_id", "=", userId),
    );
  }
  const meetings = await query.orderBy("meeting.starts_at").limit(1000).execute();
  const agenda = meetings.length
    ? await db
        .selectFrom("agenda_item")
        .select(["meeting_id", "title", "body", "texts"])
        .where(
          "meeting_id",
          "in",
          meetings.map((m) => m.id),
        )
        .orderBy("position")
        .execute()
    : [];
  // Prepared items in the reader's language (agendaItemText), typed ones as typed.
  return meetings.map((m) => ({
    ...m,
    agenda: agenda.filter((a) => a.meeting_id === m.id).map((a) => agendaItemText(a, locale).title),
  }));
}

/** One meeting as an .ics file ("add to my calendar"). */
export async function meetingIcs(db: DB, meetingId: string, origin: string, locale: Locale): Promise<string> {
  const cal = icalGenerator({ prodId: PRODUCT_ID, method: ICalCalendarMethod.PUBLISH });
  for (const m of await meetingsForCalendar(db, { meetingId }, locale)) addMeeting(cal, m, origin, locale);
  return cal.toString();
}

/** One of the agreement's meetings as an iCalendar file, or null when it is not one of its meetings. */
export async function agreementMeetingIcs(
  db: DB,
  agreementId: string,
  meetingId: string,
  origin: string,
  locale: Locale,
): Promise<{ number: number; ics: string } | null> {
  const meeting = await db
    .selectFrom("meeting")
    .select(["id", "number"])
    .where("id", "=", meetingId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!meeting) return null;
  return { number: meeting.number, ics: await meetingIcs(db, meeting.id, origin, locale) };
}

/** The user's feed: their committees' meetings, and the due dates of their action items and obligations. */
export async function personalFeed(
  db: DB,
  actor: Actor,
  origin: string,
  locale: Locale,
  today = todayInMorocco(),
): Promise<string> {
  const { t } = createTranslator(locale);
  const cal = icalGenerator({ prodId: PRODUCT_ID, name: "Charaka", ttl: 3600 });
  for (const m of await meetingsForCalendar(db, { memberUserId: actor.userId }, locale))
    addMeeting(cal, m, origin, locale);

  for (const a of await myActionItems(db, actor, "open", today)) {
    if (!a.dueDate) continue;
    cal.createEvent({
      id: `action-item-${a.id}@${UID_DOMAIN}`,
      start: new Date(`${a.dueDate}T00:00:00Z`),
      allDay: true,
      summary: `${t("actionItems.due")} · ${a.title}`,
      description: `${a.reference} · ${a.agreementTitle}\n${origin}/agreements/${a.agreementId}/meetings/${a.meetingId}`,
      url: `${origin}/agreements/${a.agreementId}/meetings/${a.meetingId}`,
    });
  }

  // Obligations whose responsible party is one of the user's organizations, in agreements in force.
  const orgs = organizationIds(actor);
  if (orgs.length) {
    const agreements = await db
      .selectFrom("agreement")
      .innerJoin("agreement_party", "agreement_party.agreement_id", "agreement.id")
      .select(["agreement.id", "agreement.reference"])
      .where("agreement_party.organization_id", "in", orgs)
      .where("agreement.status", "in", ["active", "suspended"])
      .distinct()
      .execute();
    for (const agreement of agreements) {
      for (const o of await listObligations(db, agreement.id, today)) {
        if (!o.nextDue || !orgs.includes(o.organizationId)) continue;
        cal.createEvent({
          id: `obligation-${o.id}-${o.nextDue}@${UID_DOMAIN}`,
          start: new Date(`${o.nextDue}T00:00:00Z`),
          allDay: true,
          summary: `${agreement.reference} · ${o.description}`,
          url: `${origin}/agreements/${agreement.id}/obligations`,
        });
      }
    }
  }
  return cal.toString();
}

/** Creates (or replaces, revoking the old URL) the user's secret feed token; returns the token once. */
export async function renewFeedToken(db: DB, meta: RequestMeta, userId: string): Promise<string> {
  const token = newToken();
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("calendar_feed").where("user_id", "=", userId).execute();
    await trx
      .insertInto("calendar_feed")
      .values({ user_id: userId, token_hash: sha256Hex(token), created_at: nowIso() })
      .execute();
    await appendAuditEvent(trx, meta, { type: "calendar.feed_created", subjectId: userId, data: {} });
  });
  return token;
}

export async function revokeFeed(db: DB, userId: string): Promise<void> {
  await db.deleteFrom("calendar_feed").where("user_id", "=", userId).execute();
}

export async function hasFeed(db: DB, userId: string): Promise<boolean> {
  return (
    (await db.selectFrom("calendar_feed").select("user_id").where("user_id", "=", userId).executeTakeFirst()) !==
    undefined
  );
}

/** The user a feed token belongs to, if it is current and the account is enabled. */
export async function feedOwner(db: DB, token: string) {
  return db
    .selectFrom("calendar_feed")
    .innerJoin("user", "user.id", "calendar_feed.user_id")
    .select(["user.id", "user.locale", "user.is_platform_admin as isPlatformAdmin"])
    .where("calendar_feed.token_hash", "=", sha256Hex(token))
    .where("user.disabled_at", "is", null)
    .executeTakeFirst();
}
