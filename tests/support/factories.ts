/**
 * Small factories for integration tests: each test builds the records it needs through the app's own
 * commands, instead of looking up the demo seed by title (which another change to the seed breaks).
 *
 *   const f = factories(db);
 *   const { agreement, owner, partner } = await f.agreement({ status: "active" });
 *
 * Names are unique per call, so any number of records live side by side in one database.
 */
import crypto from "node:crypto";
import type { DB } from "../../db/client";
import type { DeliverableKind, MembershipRole, OrganizationKind } from "../../db/schema";
import type { Actor } from "~/domain/access/access";
import { loadActor } from "~/domain/access/access.server";
import {
  addParty,
  createAgreement,
  transitionAgreement,
  updateParty,
} from "~/domain/agreement/agreement.commands.server";
import { findAgreement, listParties, type LoadedAgreement } from "~/domain/agreement/agreement.queries.server";
import type { RequestMeta } from "~/domain/audit/audit.server";
import { addClause } from "~/domain/clause/clause.server";
import { addActionItem } from "~/domain/committee/action-items.server";
import { addMember, getCommittee } from "~/domain/committee/committee.server";
import {
  addAgendaItem,
  addOutcome,
  approveMinutes,
  getMeeting,
  moveMeeting,
  moveMinutes,
  recordAttendance,
  saveMinutes,
  scheduleMeeting,
} from "~/domain/committee/meetings.server";
import {
  addDeliverable,
  getDeliverable,
  moveDeliverable,
  recordDelivery,
  type DeliveryInput,
} from "~/domain/delivery/deliverables.server";
import { addObligation } from "~/domain/delivery/obligations.server";
import { insertUser } from "~/domain/identity/account.server";
import {
  addAction,
  addIndicator,
  createPlan,
  getPlan,
  movePlan,
  recordActionProgress,
} from "~/domain/plan/plan.server";
import { signAgreement } from "~/domain/signing/signing.server";
import { newId } from "~/lib/crypto.server";
import { nowIso } from "~/lib/time";

/** The password of every person a factory creates. */
export const FACTORY_PASSWORD = "factory-password-2026";

export interface Person {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  actor: Actor;
  meta: RequestMeta;
}

export interface TestAgreement {
  id: string;
  reference: string;
  /** Reloaded on every access, so it reflects the latest status and version. */
  load(as?: Person): Promise<LoadedAgreement>;
  /** The owning association's president (its signatory). */
  owner: Person;
  /** The first partner's manager (its signatory). */
  partner: Person;
  /** Every partner's manager, `partner` first. */
  partners: Person[];
  parties(): Promise<Awaited<ReturnType<typeof listParties>>>;
}

export interface TestCommittee {
  /** The association's president, chair since the agreement came into force. */
  chair: Person;
  /** A member of the association, seated as secretary. */
  secretary: Person;
  /** A member of the first partner, seated beside its signatory (the committee's other member). */
  partnerMember: Person;
  ownerPartyId: string;
  partnerPartyId: string;
  /** Reloaded on every access. */
  load(): Promise<NonNullable<Awaited<ReturnType<typeof getCommittee>>>>;
}

/** What a held meeting records: outcomes, then action items (owner "secretary" or a party), then minutes. */
export interface MeetingInput {
  date: string;
  today?: string;
  /** Where it is held (default "Smara"). */
  location?: string;
  /** Items added to the agenda Charaka prepared. */
  agendaItems?: { title: string; body?: string }[];
}

export interface HeldMeetingInput extends MeetingInput {
  /** Decisions on the agenda item whose title starts with `agendaItem` (or on none). */
  decisions?: { body: string; agendaItem?: string }[];
  actionItems?: { title: string; owner: "secretary" | "owner" | "partner"; dueDate?: string }[];
  minutes?: string;
  /** Circulate the minutes and have the chair and the partner member approve them (default true). */
  approve?: boolean;
}

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

const unique = () => crypto.randomBytes(4).toString("hex");

export function metaFor(userId: string | null, ip = "192.0.2.10"): RequestMeta {
  return { actorUserId: userId, ip, userAgent: "vitest" };
}

export function factories(db: DB) {
  async function organization(options: { kind?: OrganizationKind; name?: string; nameAr?: string } = {}) {
    const id = newId();
    const at = nowIso();
    await db
      .insertInto("organization")
      .values({
        id,
        kind: options.kind ?? "association",
        name_fr: options.name ?? `Organisation ${unique()}`,
        name_ar: options.nameAr ?? null,
        city: null,
        region: null,
        registration_number: null,
        contact_email: null,
        contact_phone: null,
        stamp_attachment_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  async function person(
    options: { organizationId?: string; role?: MembershipRole; name?: string; locale?: "fr" | "ar" | "en" } = {},
  ): Promise<Person> {
    const organizationId = options.organizationId ?? (await organization());
    const tag = unique();
    const email = `person-${tag}@factory.example`;
    const name = options.name ?? `Personne ${tag}`;
    const userId = await insertUser(db, { email, name, locale: options.locale ?? "fr", password: FACTORY_PASSWORD });
    const at = nowIso();
    await db
      .insertInto("membership")
      .values({
        id: newId(),
        user_id: userId,
        organization_id: organizationId,
        role: options.role ?? "president",
        title: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const actor = await loadActor(db, { id: userId, isPlatformAdmin: false });
    return { userId, email, name, organizationId, actor, meta: metaFor(userId) };
  }

  /** A platform administrator, member of no organization. */
  async function platformAdmin(): Promise<Omit<Person, "organizationId">> {
    const tag = unique();
    const email = `admin-${tag}@factory.example`;
    const name = `Admin ${tag}`;
    const userId = await insertUser(db, { email, name, locale: "fr", password: FACTORY_PASSWORD });
    await db.updateTable("user").set({ is_platform_admin: 1 }).where("id", "=", userId).execute();
    const actor = await loadActor(db, { id: userId, isPlatformAdmin: true });
    return { userId, email, name, actor, meta: metaFor(userId) };
  }

  /**
   * An agreement drafted by an association's president with one partner (or `partners` of the given
   * kinds), each party's signatory set to its manager, one article, then moved to `status`:
   * "draft", "negotiation", "awaiting_signatures" or "active" (signed in the app by every party).
   */
  async function agreement(
    options: {
      status?: "draft" | "negotiation" | "awaiting_signatures" | "active";
      partners?: OrganizationKind[];
      title?: string;
      titleSecondary?: string;
      effectiveDate?: string;
      tacitRenewal?: boolean;
      /** An existing association president to draft it (default: a new association and its president). */
      owner?: Person;
      /** An existing partner manager (default: a new organization per `partners` kind). */
      partner?: Person;
      durationMonths?: number;
      /** Adds a follow-up committee article, so the committee is set up when the agreement comes into force. */
      committee?: boolean;
      /** Headings of articles added after article 1 ("Objet"). */
      clauses?: string[];
      /** Obligations written in the draft, under article `clause` (its number), by the owner or first partner. */
      obligations?: {
        description: string;
        party?: "owner" | "partner";
        clause?: number;
        dueDate?: string;
        recurrence?: string;
      }[];
    } = {},
  ): Promise<TestAgreement> {
    const owner = options.owner ?? (await person({ organizationId: await organization({ kind: "association" }) }));
    const partners: Person[] = options.partner ? [options.partner] : [];
    for (const kind of options.partner ? [] : (options.partners ?? ["foundation"])) {
      partners.push(await person({ organizationId: await organization({ kind }) }));
    }
    const created = await createAgreement(db, owner.actor, owner.meta, {
      title: options.title ?? `Convention ${unique()}`,
      titleSecondary: options.titleSecondary,
      kind: "partnership",
      purpose: "Objet de la convention.",
      territory: undefined,
      signingPlace: undefined,
      effectiveDate: options.effectiveDate ?? "2026-01-01",
      endDate: undefined,
      durationMonths: options.durationMonths ?? 24,
      tacitRenewal: options.tacitRenewal ?? false,
      renewalNoticeDays: undefined,
      currency: "MAD",
      totalBudget: undefined,
      ownerOrganizationId: owner.organizationId,
      partnerOrganizationId: partners[0]!.organizationId,
    });
    if (!created.ok) throw new Error(`createAgreement: ${JSON.stringify(created)}`);
    const id = created.id;
    const load = async (as: Person = owner) => {
      const loaded = await findAgreement(db, as.actor, id);
      if (!loaded) throw new Error(`${as.email} cannot see agreement ${id}`);
      return loaded;
    };
    for (const p of partners.slice(1)) {
      const added = await addParty(db, owner.actor, owner.meta, await load(), {
        organizationId: p.organizationId,
        role: "partner",
      });
      if (!added.ok) throw new Error(`addParty: ${JSON.stringify(added)}`);
    }
    const added = await addClause(db, owner.actor, owner.meta, await load(), {
      heading: "Objet",
      body: "La présente convention a pour objet…",
    });
    if (!added.ok) throw new Error(`addClause: ${JSON.stringify(added)}`);
    for (const heading of options.clauses ?? []) {
      must(
        await addClause(db, owner.actor, owner.meta, await load(), { heading, body: `${heading} : texte.` }),
        "addClause",
      );
    }
    if (options.obligations?.length) {
      const clauses = await db
        .selectFrom("clause")
        .select("id")
        .where("agreement_id", "=", id)
        .orderBy("position")
        .execute();
      const parties = await listParties(db, id);
      for (const o of options.obligations) {
        const by = o.party === "partner" ? partners[0]! : owner;
        must(
          await addObligation(db, owner.actor, owner.meta, await load(), {
            description: o.description,
            responsiblePartyId: parties.find((p) => p.organizationId === by.organizationId)!.id,
            clauseId: o.clause ? clauses[o.clause - 1]!.id : undefined,
            dueDate: o.dueDate,
            recurrence: o.recurrence ?? "none",
          }),
          "addObligation",
        );
      }
    }
    if (options.committee) {
      must(
        await addClause(db, owner.actor, owner.meta, await load(), {
          heading: "Comité de suivi",
          body: "Un comité mixte de suivi se réunit chaque trimestre.",
        }),
        "addClause (committee)",
      );
    }
    const everyone = [owner, ...partners];
    for (const party of await listParties(db, id)) {
      const signatory = everyone.find((p) => p.organizationId === party.organizationId)!;
      const updated = await updateParty(db, owner.actor, owner.meta, await load(), {
        partyId: party.id,
        version: party.version,
        role: party.role,
        signatoryUserId: signatory.userId,
      });
      if (!updated.ok) throw new Error(`updateParty: ${JSON.stringify(updated)}`);
    }
    const status = options.status ?? "draft";
    const steps = {
      draft: [],
      negotiation: ["open_negotiation"],
      awaiting_signatures: ["send_for_signature"],
    } as const;
    for (const step of status === "active" ? steps.awaiting_signatures : steps[status]) {
      const moved = await transitionAgreement(db, owner.actor, owner.meta, { agreementId: id, action: step });
      if (!moved.ok) throw new Error(`${step}: ${JSON.stringify(moved)}`);
    }
    if (status === "active") {
      for (const signer of everyone) {
        const party = (await listParties(db, id)).find((p) => p.signatoryUserId === signer.userId)!;
        const signed = await signAgreement(db, signer.actor, signer.meta, await load(signer), {
          partyId: party.id,
          typedName: signer.name,
          password: FACTORY_PASSWORD,
          sessionId: "none",
        });
        if (!signed.ok) throw new Error(`signAgreement: ${JSON.stringify(signed)}`);
      }
    }
    return {
      id,
      reference: created.reference,
      load,
      owner,
      partner: partners[0]!,
      partners,
      parties: () => listParties(db, id),
    };
  }

  /**
   * The committee of an agreement made with `committee: true` and active: the chair and the partner's
   * signatory were seated on activation; a secretary (owner's member) and a partner member join.
   */
  async function committee(
    a: TestAgreement,
    options: { secretaryName?: string; partnerMemberName?: string } = {},
  ): Promise<TestCommittee> {
    const found = await getCommittee(db, a.id);
    if (!found) throw new Error(`agreement ${a.id} has no committee: make it with committee: true, active`);
    const parties = await a.parties();
    const ownerPartyId = parties.find((p) => p.organizationId === a.owner.organizationId)!.id;
    const partnerPartyId = parties.find((p) => p.organizationId === a.partner.organizationId)!.id;
    const secretary = await person({
      organizationId: a.owner.organizationId,
      role: "member",
      name: options.secretaryName,
    });
    const partnerMember = await person({
      organizationId: a.partner.organizationId,
      role: "member",
      name: options.partnerMemberName,
    });
    for (const [p, partyId, role] of [
      [secretary, ownerPartyId, "secretary"],
      [partnerMember, partnerPartyId, "member"],
    ] as const) {
      must(
        await addMember(db, a.owner.actor, a.owner.meta, await a.load(), { partyId, userId: p.userId, role }),
        "addMember",
      );
    }
    return {
      chair: a.owner,
      secretary,
      partnerMember,
      ownerPartyId,
      partnerPartyId,
      load: async () => (await getCommittee(db, a.id))!,
    };
  }

  /** A meeting scheduled by the secretary at 10:00 for two hours, with its agenda; returns its id. */
  async function meeting(a: TestAgreement, c: TestCommittee, input: MeetingInput) {
    const scheduled = must(
      await scheduleMeeting(db, c.secretary.actor, c.secretary.meta, await a.load(c.secretary), {
        date: input.date,
        time: "10:00",
        timeZone: "Africa/Casablanca",
        durationMinutes: 120,
        location: input.location ?? "Smara",
        locale: "fr",
        today: input.today,
      }),
      "scheduleMeeting",
    );
    for (const item of input.agendaItems ?? []) {
      must(
        await addAgendaItem(db, c.secretary.actor, c.secretary.meta, await a.load(c.secretary), {
          meetingId: scheduled.meetingId,
          ...item,
        }),
        "addAgendaItem",
      );
    }
    return scheduled.meetingId;
  }

  /**
   * A meeting scheduled and held: everyone present, the given decisions and action items, the minutes
   * saved, the meeting closed and (unless `approve: false`) the minutes approved by both parties.
   */
  async function heldMeeting(a: TestAgreement, c: TestCommittee, input: HeldMeetingInput) {
    const meetingId = await meeting(a, c, input);
    const s = c.secretary;
    const loaded = await a.load(s);
    must(await moveMeeting(db, s.actor, s.meta, loaded, { meetingId, move: "start" }), "start");
    const members = (await c.load()).members;
    must(
      await recordAttendance(db, s.actor, s.meta, loaded, {
        meetingId,
        statuses: Object.fromEntries(members.map((m) => [m.id, "present" as const])),
      }),
      "recordAttendance",
    );
    const agenda = (await getMeeting(db, a.id, meetingId))!.agenda;
    for (const d of input.decisions ?? []) {
      const item = d.agendaItem ? agenda.find((i) => i.title.startsWith(d.agendaItem!)) : undefined;
      if (d.agendaItem && !item) throw new Error(`no agenda item "${d.agendaItem}"`);
      must(
        await addOutcome(db, s.actor, s.meta, loaded, {
          meetingId,
          agendaItemId: item?.id,
          kind: "decision",
          body: d.body,
        }),
        "addOutcome",
      );
    }
    const secretarySeat = members.find((m) => m.userId === s.userId)!;
    for (const item of input.actionItems ?? []) {
      const owner =
        item.owner === "secretary"
          ? `member:${secretarySeat.id}`
          : `party:${item.owner === "owner" ? c.ownerPartyId : c.partnerPartyId}`;
      must(
        await addActionItem(db, s.actor, s.meta, loaded, {
          meetingId,
          title: item.title,
          owner,
          dueDate: item.dueDate,
        }),
        "addActionItem",
      );
    }
    must(
      await saveMinutes(db, s.actor, s.meta, loaded, {
        meetingId,
        minutes: input.minutes ?? "La réunion s’est tenue à Smara.",
        revision: 0,
      }),
      "saveMinutes",
    );
    must(await moveMeeting(db, s.actor, s.meta, loaded, { meetingId, move: "close" }), "close");
    if (input.approve !== false) {
      must(await moveMinutes(db, s.actor, s.meta, loaded, { meetingId, move: "circulate" }), "circulate");
      for (const p of [c.chair, c.partnerMember]) {
        must(
          await approveMinutes(db, p.actor, p.meta, await a.load(p), { meetingId, password: FACTORY_PASSWORD }),
          "approveMinutes",
        );
      }
    }
    return meetingId;
  }

  /**
   * A deliverable of an agreement in force, the responsibility of its owner (default) or first partner,
   * with its deliveries recorded (metric values in the order of `metrics`); then, if asked, declared
   * delivered by the responsible party (`delivered` as its note when a string) and confirmed by the other.
   */
  async function deliverable(
    a: TestAgreement,
    input: {
      by?: "owner" | "partner";
      kind?: DeliverableKind;
      title?: string;
      target?: number;
      unit?: string;
      dueDate?: string;
      metrics?: { name: string; quantity: number }[];
      specialties?: string;
      deliveries?: (Omit<DeliveryInput, "itemQuantities" | "metricValues"> & { metrics?: number[] })[];
      delivered?: boolean | string;
      confirmed?: boolean;
    } = {},
  ): Promise<string> {
    const [responsible, other] = input.by === "partner" ? [a.partner, a.owner] : [a.owner, a.partner];
    const party = (await a.parties()).find((p) => p.organizationId === responsible.organizationId)!;
    const created = must(
      await addDeliverable(db, a.owner.actor, a.owner.meta, await a.load(), {
        kind: input.kind ?? "distribution",
        title: input.title ?? `Livrable ${unique()}`,
        responsiblePartyId: party.id,
        dueDate: input.dueDate,
        targetQuantity: input.target ?? 100,
        unit: input.unit ?? "unités",
        items: [],
        metrics: input.metrics,
        specialties: input.specialties,
      }),
      "addDeliverable",
    );
    const metricIds = (await getDeliverable(db, a.id, created.id))!.metrics.map((m) => m.id);
    for (const { metrics, ...d } of input.deliveries ?? []) {
      must(
        await recordDelivery(db, responsible.actor, responsible.meta, await a.load(responsible), {
          deliverableId: created.id,
          ...d,
          itemQuantities: {},
          metricValues: Object.fromEntries(metricIds.map((mid, i) => [mid, metrics?.[i] ?? 0])),
        }),
        "recordDelivery",
      );
    }
    if (input.delivered) {
      must(
        await moveDeliverable(db, responsible.actor, responsible.meta, await a.load(responsible), {
          deliverableId: created.id,
          action: "markDelivered",
          note: typeof input.delivered === "string" ? input.delivered : undefined,
        }),
        "markDelivered",
      );
    }
    if (input.confirmed) {
      must(
        await moveDeliverable(db, other.actor, other.meta, await a.load(other), {
          deliverableId: created.id,
          action: "confirm",
        }),
        "confirm",
      );
    }
    return created.id;
  }

  /**
   * The year's plan of an agreement: its actions (each the owner's or first partner's, with an optional
   * indicator), submitted; then, with `adopt`, adopted (at a held meeting when `meetingId` is given)
   * and each indicator's `achieved` recorded by the owner.
   */
  async function plan(
    a: TestAgreement,
    input: {
      year: number;
      actions: {
        objective: string;
        by?: "owner" | "partner";
        start: string;
        end: string;
        indicator?: { name: string; unit: string; baseline?: number; target: number; achieved?: number };
      }[];
      adopt?: { adoptedOn: string; meetingId?: string };
    },
  ): Promise<void> {
    const { year } = input;
    const o = a.owner;
    must(await createPlan(db, o.actor, o.meta, await a.load(), { year, prefill: false }), "createPlan");
    const parties = await a.parties();
    const partyOf = (p: Person) => parties.find((x) => x.organizationId === p.organizationId)!.id;
    for (const action of input.actions) {
      must(
        await addAction(db, o.actor, o.meta, await a.load(), {
          year,
          objective: action.objective,
          priority: "high",
          responsiblePartyId: partyOf(action.by === "partner" ? a.partner : o),
          startDate: action.start,
          endDate: action.end,
        }),
        "addAction",
      );
      if (!action.indicator) continue;
      const row = (await getPlan(db, a.id, year))!.actions.find((x) => x.objective === action.objective)!;
      must(
        await addIndicator(db, o.actor, o.meta, await a.load(), {
          actionId: row.id,
          name: action.indicator.name,
          unit: action.indicator.unit,
          baseline: action.indicator.baseline ?? 0,
          target: action.indicator.target,
        }),
        "addIndicator",
      );
    }
    must(await movePlan(db, o.actor, o.meta, await a.load(), { year, move: "submit" }), "submit plan");
    if (!input.adopt) return;
    must(await movePlan(db, o.actor, o.meta, await a.load(), { year, move: "adopt", ...input.adopt }), "adopt plan");
    const adopted = (await getPlan(db, a.id, year))!;
    for (const action of input.actions) {
      if (action.indicator?.achieved === undefined) continue;
      const row = adopted.actions.find((x) => x.objective === action.objective)!;
      must(
        await recordActionProgress(db, o.actor, o.meta, await a.load(), {
          actionId: row.id,
          status: action.indicator.achieved >= action.indicator.target ? "done" : "in_progress",
          indicatorId: row.indicators[0]!.id,
          achieved: action.indicator.achieved,
        }),
        "recordActionProgress",
      );
    }
  }

  return { organization, person, platformAdmin, agreement, committee, meeting, heldMeeting, deliverable, plan };
}
