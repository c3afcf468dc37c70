/** Forms of the follow-up: obligations, deliverables, deliveries (client-safe). */
import * as z from "zod";
import {
  asciiDigits,
  choice,
  date,
  datesInOrder,
  optionalChoice,
  optionalDate as optionalDateField,
  optionalText,
  optionalWholeNumber,
  text,
  wholeNumber,
} from "~/lib/forms";
import { DELIVERABLE_KINDS, OBLIGATION_STATUSES, RECURRENCES } from "./delivery";

const id = choice();
const optionalId = optionalChoice();
const isoDate = date();
const optionalDate = optionalDateField();
const count = (min: number) => wholeNumber(min, 10_000_000);
const optionalCount = optionalWholeNumber(0, 10_000_000);

export const ObligationSchema = z.object({
  intent: z.literal("addObligation"),
  description: text(2000),
  responsiblePartyId: id,
  clauseId: optionalId,
  dueDate: optionalDate,
  recurrence: z.enum(RECURRENCES as [string, ...string[]]).default("none"),
});

export const ObligationStatusSchema = z
  .object({
    intent: z.literal("obligationStatus"),
    obligationId: id,
    version: z.coerce.number().int().min(1),
    status: z.enum(OBLIGATION_STATUSES),
    note: optionalText(2000),
    completedOn: optionalDate,
  })
  .refine((v) => v.status !== "waived" || !!v.note, { path: ["note"], error: "delivery.error.waiverReason" });

/** "4 ordinateurs", "ordinateurs : 4" or "ordinateurs x 4", one item per line. */
export function parseItems(lines: string | undefined): Array<{ name: string; quantity: number }> | null {
  if (!lines?.trim()) return [];
  const items: Array<{ name: string; quantity: number }> = [];
  for (const raw of lines.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    // Quantities in Latin or Arabic digits ("٤ حواسيب"); the name is kept as typed.
    const leading = /^([\d\u0660-\u0669\u06f0-\u06f9]{1,7})\s+(.+)$/.exec(line);
    const trailing = /^(.+?)\s*[:×x]\s*([\d\u0660-\u0669\u06f0-\u06f9]{1,7})$/.exec(line);
    if (leading) items.push({ name: leading[2]!.trim(), quantity: Number(asciiDigits(leading[1]!)) });
    else if (trailing) items.push({ name: trailing[1]!.trim(), quantity: Number(asciiDigits(trailing[2]!)) });
    else return null;
    if (items.at(-1)!.quantity < 1 || items.at(-1)!.name.length > 200) return null;
  }
  return items.length > 50 ? null : items;
}

export const DeliverableSchema = z
  .object({
    intent: z.literal("addDeliverable"),
    kind: z.enum(DELIVERABLE_KINDS),
    title: text(300),
    description: optionalText(5000),
    location: optionalText(200),
    startDate: optionalDate,
    dueDate: optionalDate,
    responsiblePartyId: id,
    obligationId: optionalId,
    planActionId: optionalId,
    targetQuantity: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      count(1).optional(),
    ),
    unit: text(60),
    items: optionalText(5000),
    metrics: optionalText(5000),
    specialties: optionalText(1000),
  })
  .refine(...datesInOrder("startDate", "dueDate", "deliverable.error.dueBeforeStart"))
  .transform((v, ctx) => {
    const items = parseItems(v.items);
    if (items === null) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "delivery.error.items" });
      return z.NEVER;
    }
    const metrics = parseItems(v.metrics);
    if (metrics === null) {
      ctx.addIssue({ code: "custom", path: ["metrics"], message: "delivery.error.metrics" });
      return z.NEVER;
    }
    const target = v.targetQuantity ?? items.reduce((sum, i) => sum + i.quantity, 0);
    if (!target) {
      ctx.addIssue({ code: "custom", path: ["targetQuantity"], message: "form.error.required" });
      return z.NEVER;
    }
    return { ...v, items, metrics, targetQuantity: target };
  });

/** A round of delivery's own fields (the form's, and the API's body). */
export const DeliveryFields = z.object({
  intent: z.literal("recordDelivery"),
  deliveredOn: isoDate,
  quantity: optionalCount,
  beneficiaries: optionalCount,
  women: optionalCount,
  men: optionalCount,
  children: optionalCount,
  place: optionalText(200),
  note: optionalText(2000),
});

/**
 * A round of delivery, with one field per item (`item.<id>`) and per measure (`metric.<id>`) of
 * the deliverable; read as the delivery's input, their amounts gathered by id (0 when left empty).
 */
export const deliverySchema = (itemIds: readonly string[], metricIds: readonly string[] = []) => {
  const amounts: Record<string, typeof optionalCount> = {};
  for (const itemId of itemIds) amounts[`item.${itemId}`] = optionalCount;
  for (const metricId of metricIds) amounts[`metric.${metricId}`] = optionalCount;
  return DeliveryFields.extend(amounts).transform((v) => {
    // The per-item fields are named at run time: the known fields keep their types.
    const { intent: _, ...fields } = v as unknown as z.output<typeof DeliveryFields>;
    const raw = v as Record<string, unknown>;
    const gather = (prefix: string, ids: readonly string[]) =>
      Object.fromEntries(ids.map((id) => [id, Number(raw[`${prefix}.${id}`] ?? 0)]));
    return { ...fields, itemQuantities: gather("item", itemIds), metricValues: gather("metric", metricIds) };
  });
};

export const DeliverableActionSchema = z.object({
  intent: z.enum(["markDelivered", "confirm", "dispute", "reopen"]),
  note: optionalText(2000),
  overDeliveryNote: optionalText(2000),
});

export const OpenListSchema = z.object({
  intent: z.literal("openList"),
  purpose: text(500),
  retentionUntil: isoDate,
});

export const BeneficiarySchema = z.object({
  intent: z.literal("addBeneficiary"),
  fullName: text(200),
  nationalId: optionalText(40),
  householdSize: optionalCount,
  consent: z.literal("on", { error: "beneficiaries.error.consent" }),
});
