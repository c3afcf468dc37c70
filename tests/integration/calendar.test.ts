/**
 * Calendars on an agreement built by the factories, its committee's first meeting held and the next planned: one meeting as an .ics file and each user's personal feed,
 * parsed back with ical.js (an independent RFC 5545 reader), and the secret feed tokens.
 */
import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { closeActionItem } from "~/domain/committee/action-items.server";
import { feedOwner, meetingIcs, personalFeed, renewFeedToken, revokeFeed } from "~/domain/committee/calendar.server";
import { todayInMorocco, zonedToUtc } from "~/lib/time";
import { getMeeting } from "~/domain/committee/meetings.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestCommittee } from "../support/factories";

const ORIGIN = "https://charaka.test";
const LOCATION = "Siège de l’association Sofara Al-Khair, Smara";
const OPEN_ITEM = "Transmettre le rapport de la campagne aux autorités provinciales";
const DONE_ITEM = "Établir la liste des bénéficiaires avec les autorités locales";

let t: TestDatabase;
let db: DB;
let year = 0;
let reference = "";
let firstMeetingId = "";
let nextMeetingId = "";
let openItemId = "";
let c: TestCommittee;
/** The president of an organization that is no party to the agreement. */
let outsider: Person;

/** Meeting no. 1 is held on 10 February at 10:00, Casablanca time. */
const firstStart = () => zonedToUtc(`${year}-02-10`, "10:00", "Africa/Casablanca");
const meta = (id: string) => ({ actorUserId: id, ip: null, userAgent: "test" });

/** The calendar's events, read by ical.js. */
function events(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.name).toBe("vcalendar");
  return calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
}
/** The content lines as written (folded), split on the CRLF RFC 5545 requires. */
const rawLines = (ics: string) => ics.split("\r\n");
/** The text with folded lines joined back. */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  year = Number(todayInMorocco().slice(0, 4));
  const f = factories(db);
  const a = await f.agreement({ status: "active", committee: true });
  reference = a.reference;
  c = await f.committee(a);
  outsider = await f.person();
  // The first meeting decided the campaign: one action item for the secretary (done), one for her party (open).
  firstMeetingId = await f.heldMeeting(a, c, {
    date: `${year}-02-10`,
    today: `${year}-02-01`,
    location: LOCATION,
    agendaItems: [{ title: "Deuxième campagne médicale à Smara", body: "Dates, spécialités, bénéficiaires." }],
    actionItems: [
      { title: DONE_ITEM, owner: "secretary", dueDate: `${year}-03-31` },
      { title: OPEN_ITEM, owner: "owner", dueDate: `${year}-12-15` },
    ],
  });
  const items = (await getMeeting(db, a.id, firstMeetingId))!.actionItems;
  const done = items.find((i) => i.title === DONE_ITEM)!;
  const closed = await closeActionItem(db, c.secretary.actor, c.secretary.meta, await a.load(c.secretary), {
    actionItemId: done.id,
    to: "done",
    note: "Liste arrêtée.",
    version: done.version,
  });
  if (!closed.ok) throw new Error(`closeActionItem: ${JSON.stringify(closed)}`);
  openItemId = items.find((i) => i.title === OPEN_ITEM)!.id;
  nextMeetingId = await f.meeting(a, c, {
    date: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10),
    location: LOCATION,
  });
}, 60_000);
afterAll(() => t.close());

describe("one meeting as an .ics file", () => {
  it("holds exactly one event, at the meeting's time in UTC, named after the agreement's reference", async () => {
    const ics = await meetingIcs(db, firstMeetingId, ORIGIN, "fr");
    const [event, ...others] = events(ics);
    expect(others).toEqual([]);
    // 10:00 in Casablanca on 10 February: 09:00Z in 2026 (UTC+1), but 10:00Z in a year when Ramadan has begun by then.
    expect(event!.startDate.toJSDate().toISOString()).toBe(firstStart());
    expect(event!.endDate.toJSDate().getTime() - event!.startDate.toJSDate().getTime()).toBe(120 * 60_000);
    expect(event!.summary).toContain(reference);
    expect(event!.summary).toContain("Réunion n° 1");
    expect(event!.location).toBe(LOCATION);
    expect(event!.description).toContain("Deuxième campagne médicale à Smara");
    expect(event!.description).toContain(`${ORIGIN}/agreements/`);
    // Written as a UTC time, not a floating or zoned one.
    const dtstart = unfolded(ics)
      .split("\r\n")
      .filter((line) => line.startsWith("DTSTART"));
    expect(dtstart).toEqual([`DTSTART:${firstStart().replace(/[-:]/g, "").slice(0, 15)}Z`]);
  });

  it("keeps the same UID from one download to the next, so calendars update the event instead of duplicating it", async () => {
    const first = events(await meetingIcs(db, firstMeetingId, ORIGIN, "fr"))[0]!;
    const again = events(await meetingIcs(db, firstMeetingId, ORIGIN, "ar"))[0]!;
    const other = events(await meetingIcs(db, nextMeetingId, ORIGIN, "fr"))[0]!;
    expect(first.uid).toBeTruthy();
    expect(again.uid).toBe(first.uid);
    expect(other.uid).not.toBe(first.uid);
  });

  it("folds lines longer than 75 octets and ends every line with CRLF", async () => {
    const ics = await meetingIcs(db, firstMeetingId, ORIGIN, "fr");
    const lines = rawLines(ics);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true); // the long description was folded
    for (const line of lines) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    // Folding lost nothing: the multi-byte text reads back whole.
    const arabic = rawLines(await meetingIcs(db, firstMeetingId, ORIGIN, "ar"));
    for (const line of arabic) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    expect(events(arabic.join("\r\n"))[0]!.summary).toContain("الاجتماع رقم 1");
  });

  it("escapes commas and semicolons in text, which read back unescaped", async () => {
    const ics = await meetingIcs(db, firstMeetingId, ORIGIN, "fr");
    expect(unfolded(ics)).toContain("LOCATION:Siège de l’association Sofara Al-Khair\\, Smara");
    expect(events(ics)[0]!.location).toBe(LOCATION);

    const before = (
      await db.selectFrom("meeting").select("location").where("id", "=", nextMeetingId).executeTakeFirstOrThrow()
    ).location;
    const tricky = "Salle 2; centre de santé, Es-Semara";
    await db.updateTable("meeting").set({ location: tricky }).where("id", "=", nextMeetingId).execute();
    try {
      const other = await meetingIcs(db, nextMeetingId, ORIGIN, "fr");
      expect(unfolded(other)).toContain("LOCATION:Salle 2\\; centre de santé\\, Es-Semara");
      expect(events(other)[0]!.location).toBe(tricky);
    } finally {
      await db.updateTable("meeting").set({ location: before }).where("id", "=", nextMeetingId).execute();
    }
  });
});

describe("the personal calendar feed", () => {
  const meetingUid = (id: string) => `meeting-${id}@charaka.app`;

  it("the committee secretary's feed has both meetings and her party's open action item as an all-day event on its due date", async () => {
    const ics = await personalFeed(db, c.secretary.actor, ORIGIN, "fr");
    const all = events(ics);
    const first = all.find((e) => e.uid === meetingUid(firstMeetingId));
    const next = all.find((e) => e.uid === meetingUid(nextMeetingId));
    expect(first?.startDate.toJSDate().toISOString()).toBe(firstStart());
    expect(next?.summary).toContain("Réunion n° 2");
    const stored = (
      await db.selectFrom("meeting").select("starts_at").where("id", "=", nextMeetingId).executeTakeFirstOrThrow()
    ).starts_at;
    expect(next?.startDate.toJSDate().toISOString()).toBe(stored);
    // The same UID as the single .ics file: subscribing after downloading does not duplicate it.
    expect(first?.uid).toBe(events(await meetingIcs(db, firstMeetingId, ORIGIN, "fr"))[0]!.uid);

    const item = all.find((e) => e.summary.includes(OPEN_ITEM));
    expect(item?.uid).toBe(`action-item-${openItemId}@charaka.app`);
    expect(item?.startDate.isDate).toBe(true);
    expect(item?.startDate.toString()).toBe(`${year}-12-15`);
    expect(unfolded(ics)).toContain(`DTSTART;VALUE=DATE:${year}1215`);
    // Action items already done are not due any more.
    expect(all.some((e) => e.summary.includes(DONE_ITEM))).toBe(false);
    for (const line of rawLines(ics)) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  });

  it("a committee member of the other party gets the meetings but not the association's action item", async () => {
    const all = events(await personalFeed(db, c.partnerMember.actor, ORIGIN, "fr"));
    expect(all.map((e) => e.uid)).toEqual(
      expect.arrayContaining([meetingUid(firstMeetingId), meetingUid(nextMeetingId)]),
    );
    expect(all.some((e) => e.summary.includes(OPEN_ITEM))).toBe(false);
    expect(all.some((e) => e.uid === `action-item-${openItemId}@charaka.app`)).toBe(false);
  });

  it("a user of an unrelated organization gets none of the committee's meetings", async () => {
    const all = events(await personalFeed(db, outsider.actor, ORIGIN, "fr"));
    const uids = all.map((e) => e.uid);
    expect(uids).not.toContain(meetingUid(firstMeetingId));
    expect(uids).not.toContain(meetingUid(nextMeetingId));
    expect(all.some((e) => e.summary.includes(reference))).toBe(false);
  });
});

describe("feed tokens", () => {
  it("a new token is 43 URL-safe characters and leads to its owner", async () => {
    const id = c.secretary.userId;
    const token = await renewFeedToken(db, meta(id), id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await feedOwner(db, token))?.id).toBe(id);
    expect(await feedOwner(db, "x".repeat(43))).toBeUndefined();
  });

  it("renewing the token revokes the previous one", async () => {
    const id = c.partnerMember.userId;
    const first = await renewFeedToken(db, meta(id), id);
    const second = await renewFeedToken(db, meta(id), id);
    expect(second).not.toBe(first);
    expect(await feedOwner(db, first)).toBeUndefined();
    expect((await feedOwner(db, second))?.id).toBe(id);
  });

  it("revoking the feed makes its token unknown", async () => {
    const id = outsider.userId;
    const token = await renewFeedToken(db, meta(id), id);
    expect((await feedOwner(db, token))?.id).toBe(id);
    await revokeFeed(db, id);
    expect(await feedOwner(db, token)).toBeUndefined();
  });

  it("only the token's SHA-256 is stored, never the token", async () => {
    const id = c.chair.userId;
    const token = await renewFeedToken(db, meta(id), id);
    const rows = await db.selectFrom("calendar_feed").selectAll().where("user_id", "=", id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toBe(token);
    expect(rows[0]!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
