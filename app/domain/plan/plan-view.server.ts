/**
 * The plan page's view model: the year's plan with its actions, indicators (progress from
 * indicatorProgress) and timeline data, its adopted versions and a comparison of two, the meetings
 * it can be adopted at, and what the reader may do (access.ts, plan.ts), read in one place for the route.
 */
import type { DB } from "../../../db/client";
import { canPlanActions, canRecordActionProgress, type Actor } from "../access/access";
import { listParties, type LoadedAgreement } from "../agreement/agreement.queries.server";
import { isMeetingHeld } from "../committee/committee";
import { agreementMeetings } from "../committee/meetings.server";
import { comparePlans, indicatorProgress, isPlanAdopted, isPlanEditable, planSteps } from "./plan";
import { getPlan, planVersions, planYears } from "./plan.server";

export async function planView(
  db: DB,
  actor: Actor,
  loaded: LoadedAgreement,
  query: { year: number; from?: number; to?: number },
) {
  const { year } = query;
  const agreementId = loaded.agreement.id;
  const canManage = canPlanActions(actor, loaded.access);
  const [found, years, meetings, parties] = await Promise.all([
    getPlan(db, agreementId, year),
    planYears(db, agreementId),
    // The committee's meetings: where a plan is adopted, and what its adoption links to.
    agreementMeetings(db, agreementId),
    canManage ? listParties(db, agreementId) : Promise.resolve([]),
  ]);
  const versions = found ? await planVersions(db, found.plan.id) : [];
  const to = query.to ?? versions.at(-1)?.revision;
  const from = query.from ?? (to && to > 1 ? to - 1 : undefined);
  const a = versions.find((v) => v.revision === from);
  const b = versions.find((v) => v.revision === to);
  return {
    agreementId,
    year,
    years: [...new Set([...years, year, year - 1, year + 1])].sort(),
    canManage,
    hasPreviousYear: years.includes(year - 1),
    parties: parties.map((p) => ({ id: p.id, nameFr: p.nameFr, nameAr: p.nameAr })),
    plan: found
      ? {
          id: found.plan.id,
          status: found.plan.status,
          revision: found.plan.revision,
          adoptedOn: found.plan.adopted_on,
          meeting: found.plan.adopted_at_meeting,
          meetingId: found.plan.adopted_meeting_id,
          // Actions and indicators are added to a draft; the moves are those of its status.
          editable: canManage && isPlanEditable(found.plan.status),
          steps: canManage ? planSteps(found.plan.status) : [],
          actions: found.actions.map((x) => ({
            id: x.id,
            objective: x.objective,
            priority: x.priority,
            status: x.status,
            startDate: x.start_date,
            endDate: x.end_date,
            budgetCents: x.budget_cents,
            nameFr: x.nameFr,
            nameAr: x.nameAr,
            canProgress:
              isPlanAdopted(found.plan.status) && canRecordActionProgress(actor, loaded.access, x.organizationId),
            indicators: x.indicators.map((i) => ({
              id: i.id,
              name: i.name,
              unit: i.unit,
              baseline: i.baseline,
              target: i.target,
              achieved: i.achieved,
              percent: indicatorProgress(i),
            })),
          })),
        }
      : null,
    versions: versions.map((v) => ({
      revision: v.revision,
      adoptedOn: v.adoptedOn,
      meeting: v.meeting,
      meetingId: v.meetingId,
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      number: m.number,
      startsAt: m.startsAt,
      timeZone: m.timeZone,
      held: isMeetingHeld(m.status),
    })),
    comparison:
      a && b
        ? {
            from: a.revision,
            to: b.revision,
            changes: comparePlans(a.actions, b.actions).map((c) => ({
              kind: c.kind,
              objective: c.objective,
              fields: "fields" in c ? c.fields : [],
            })),
          }
        : null,
  };
}

export type PlanView = Awaited<ReturnType<typeof planView>>;
