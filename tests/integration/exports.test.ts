/** Exports on the demo database: what each person can see, in their language, read back as CSV and JSON. */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { loadActor } from "~/domain/access/access.server";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { parseCsv } from "~/domain/export/csv";
import { exportAgreementJson, exportCsv, exportFile } from "~/domain/export/exports.server";
import { xlsxAsCsv } from "~/domain/export/xlsx.server";
import ExcelJS from "exceljs";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
let db: DB;
const today = "2026-11-23";

async function actor(email: string) {
  const user = await db
    .selectFrom("user")
    .select(["id", "is_platform_admin"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return loadActor(db, { id: user.id, isPlatformAdmin: user.is_platform_admin === 1 });
}
const sofaraId = async () =>
  (
    await db
      .selectFrom("organization")
      .select("id")
      .where("name_fr", "=", "Association Sofara Al-Khair – Smara")
      .executeTakeFirstOrThrow()
  ).id;
/** Rows of an export, read with the separator its reader's Excel uses (asserted below). */
const rows = (csv: string) => parseCsv(csv);

beforeAll(async () => {
  t = await createTestDatabase({ demo: true });
  db = t.db;
}, 60_000);
afterAll(() => t.close());

describe("CSV exports", () => {
  it("list the agreements one can see, in one's language; a partner never gets the association's draft", async () => {
    const president = rows(await exportCsv(db, await actor("president@sofara.example"), "agreements", "fr", today));
    expect(president[0]!.slice(0, 3)).toEqual(["Référence", "Titre", "Titre (seconde langue)"]);
    expect(president.map((r) => r[1])).toEqual(
      expect.arrayContaining([
        "Convention de partenariat et de coopération",
        "Convention spécifique – campagne médicale de Smara",
      ]),
    );
    const partner = rows(await exportCsv(db, await actor("rse@clearvision.example"), "agreements", "ar", today));
    expect(partner[0]![0]).toBe("المرجع");
    expect(partner.map((r) => r[1])).toContain("Convention de partenariat et de coopération");
    expect(partner.map((r) => r[1])).not.toContain("Convention spécifique – campagne médicale de Smara");
    expect(partner.find((r) => r[1] === "Convention de partenariat et de coopération")![4]).toBe("سارية المفعول");
  });

  it("obligations, deliverables and action items carry their agreement's reference and nothing of other organizations", async () => {
    const insaf = await actor("president@insaf.example");
    const ref = (
      await db
        .selectFrom("agreement")
        .select("reference")
        .where("title", "=", "Convention de partenariat et de coopération")
        .executeTakeFirstOrThrow()
    ).reference;
    for (const kind of ["obligations", "deliverables", "action-items"] as const) {
      expect(
        rows(await exportCsv(db, insaf, kind, "fr", today))
          .slice(1)
          .map((r) => r[0]),
      ).not.toContain(ref);
    }
    const sofara = await actor("membre@sofara.example");
    const deliverables = rows(await exportCsv(db, sofara, "deliverables", "fr", today));
    expect(deliverables.find((r) => r[1] === "Campagne médicale de Smara")).toEqual([
      ref,
      "Campagne médicale de Smara",
      expect.any(String),
      "Fondation Clear Vision",
      "400",
      "patients examinés",
      "420",
      "100",
      "420",
      "Confirmé",
      "",
    ]);
    const items = rows(await exportCsv(db, sofara, "action-items", "fr", today));
    expect(
      items
        .slice(1)
        .filter((r) => r[0] === ref)
        .map((r) => r[2]),
    ).toEqual(expect.arrayContaining(["Transmettre le rapport de la campagne aux autorités provinciales"]));
  });

  it("a title that starts like a formula is exported inert", async () => {
    const agreement = await db
      .selectFrom("agreement")
      .select("id")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("agreement")
      .set({ title_secondary: '=HYPERLINK("http://evil.example")' })
      .where("id", "=", agreement.id)
      .execute();
    const csv = rows(await exportCsv(db, await actor("president@sofara.example"), "agreements", "fr", today));
    expect(csv.find((r) => r[1] === "Convention de partenariat et de coopération")![2]).toBe(
      '\'=HYPERLINK("http://evil.example")',
    );
  });
});

describe("exports that open in Excel as people have it", () => {
  it("the CSV uses the separator of the reader's Excel: ';' in French and Arabic, ',' in English, with the BOM", async () => {
    const president = await actor("president@sofara.example");
    for (const [locale, delimiter] of [
      ["fr", ";"],
      ["ar", ";"],
      ["en", ","],
    ] as const) {
      const csv = await exportCsv(db, president, "agreements", locale, today);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const table = parse(csv.slice(1), { delimiter }) as string[][];
      expect(table[0]!.length).toBeGreaterThan(10); // one column per field, not one column per line
      expect(table.slice(1).every((r) => r.length === table[0]!.length)).toBe(true);
      expect(table.slice(1).map((r) => r[1])).toContain("Convention de partenariat et de coopération");
    }
  });

  it("every export is also an .xlsx workbook: dates and numbers typed, right to left for Arabic, formulas inert", async () => {
    const president = await actor("president@sofara.example");
    const read = async (kind: "agreements" | "deliverables" | "obligations" | "action-items", locale: "fr" | "ar") => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        ((await exportFile(db, president, kind, "xlsx", locale, today)) as Buffer).slice().buffer as ArrayBuffer,
      );
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const rowOf = (title: string) => {
        let found: ExcelJS.Row | undefined;
        sheet.eachRow((row) => {
          if (row.getCell(2).value === title) found = row;
        });
        return found!;
      };
      return { sheet, header, rowOf, cell: (row: ExcelJS.Row, name: string) => row.getCell(header.indexOf(name) + 1) };
    };

    const fr = await read("agreements", "fr");
    expect(fr.sheet.views[0]?.rightToLeft).toBeFalsy();
    expect(fr.header.slice(0, 3)).toEqual(["Référence", "Titre", "Titre (seconde langue)"]);
    const row = fr.rowOf("Convention de partenariat et de coopération");
    expect(fr.cell(row, "Entrée en vigueur").value).toEqual(new Date("2022-01-01T00:00:00Z"));
    expect(fr.cell(row, "Entrée en vigueur").numFmt).toBe("dd/mm/yyyy");
    expect(fr.cell(row, "Signée le").value).toEqual(new Date("2022-01-01T00:00:00Z"));
    expect(fr.cell(row, "Budget").value).toBe(200000);
    expect(fr.cell(row, "Budget").type).toBe(ExcelJS.ValueType.Number);
    // The formula-looking title of the previous test: a text cell, neutralised as in the CSV.
    expect(fr.cell(row, "Titre (seconde langue)").type).toBe(ExcelJS.ValueType.String);
    expect(fr.cell(row, "Titre (seconde langue)").value).toBe('\'=HYPERLINK("http://evil.example")');

    const ar = await read("agreements", "ar");
    expect(ar.sheet.views[0]?.rightToLeft).toBe(true);
    expect(ar.header[0]).toBe("المرجع");

    const deliverables = await read("deliverables", "fr");
    const campaign = deliverables.rowOf("Campagne médicale de Smara");
    expect(deliverables.cell(campaign, "Objectif").value).toBe(400);
    expect(deliverables.cell(campaign, "Livré").value).toBe(420);
    for (const kind of ["obligations", "action-items"] as const) {
      const other = await read(kind, "fr");
      expect(other.sheet.rowCount).toBeGreaterThan(1);
      const due = other.header.indexOf("Échéance") + 1;
      expect(due).toBeGreaterThan(0);
      other.sheet.eachRow((r, n) => {
        const v = r.getCell(due).value;
        if (n > 1 && v !== null) expect(v).toBeInstanceOf(Date);
      });
    }
  });
});

describe("JSON export of one agreement", () => {
  it("carries the text, versions, obligations, plan, deliverables with deliveries and the committee, without comments or beneficiary names", async () => {
    const who = await actor("president@sofara.example");
    const id = (
      await db
        .selectFrom("agreement")
        .select("id")
        .where("title", "=", "Convention de partenariat et de coopération")
        .executeTakeFirstOrThrow()
    ).id;
    const body = await exportAgreementJson(db, (await findAgreement(db, who, id))!, today);
    expect(body.format).toBe("charaka.agreement/1");
    expect(body.agreement.clauses.length).toBe(6);
    expect(body.deliverables[0]!.deliveries.map((d) => d.quantity)).toEqual([230, 190]);
    expect(body.committee!.meetings.map((m) => m.minutes_status)).toEqual(["approved", "draft"]);
    expect(body.plans[0]!.adopted_meeting_id).toBe(body.committee!.meetings[0]!.id);
    const text = JSON.stringify(body);
    expect(text).not.toContain("full_name");
    expect(text).not.toContain("comment");
  });
});

describe("importing agreements from a spreadsheet", () => {
  it("an agreements export imports back as drafts with the same titles, kind, parties, territory, dates and budget", async () => {
    const { planImport, applyImport } = await import("~/domain/export/import.server");
    const president = await actor("president@sofara.example");
    const sofara = await sofaraId();
    const exported = await exportCsv(db, president, "agreements", "fr", today);
    const before = rows(exported);
    const plan = await planImport(db, president, sofara, exported);
    expect(plan.fileError).toBeNull();
    expect(plan.rows.flatMap((r) => r.errors)).toEqual([]);
    const result = await applyImport(
      db,
      president,
      { actorUserId: president.userId, ip: null, userAgent: "vitest" },
      sofara,
      plan,
    );
    if (!result.ok) throw new Error("import refused");
    expect(result.count).toBe(before.length - 1);
    const references = (
      await db.selectFrom("agreement").select("reference").where("id", "in", result.agreementIds).execute()
    ).map((r) => r.reference);

    const after = rows(await exportCsv(db, president, "agreements", "fr", today));
    // Every column but the reference, the status and the signing (an imported agreement is a new draft).
    const header = before[0]!;
    const kept = ["Titre", "Titre (seconde langue)", "Nature", "Parties", "Territoire", "Entrée en vigueur"]
      .concat(["Fin", "Budget", "Devise"])
      .map((name) => header.indexOf(name));
    expect(kept).not.toContain(-1);
    const comparable = (r: string[]) => kept.map((i) => r[i]);
    for (const reference of references) {
      const imported = after.find((r) => r[0] === reference)!;
      expect(imported[4]).toBe("Brouillon");
      const original = before.slice(1).find((r) => r[1] === imported[1])!;
      expect(comparable(imported)).toEqual(comparable(original));
    }
  });

  it("shows every line's errors and writes nothing unless the whole file is valid; a French Excel file with semicolons reads too", async () => {
    const { planImport, applyImport } = await import("~/domain/export/import.server");
    const president = await actor("president@sofara.example");
    const sofara = await sofaraId();
    const file = [
      "Titre;Nature;Parties;Entrée en vigueur;Fin;Budget",
      'Convention cartables 2027;Convention de partenariat;"Association Sofara Al-Khair – Smara ; Fondation Clear Vision";2027-01-01;2027-12-31;150000',
      "Convention fantôme;Contrat de vente;Société Inconnue;2027-02-30;2026-01-01;beaucoup",
      ";Convention de partenariat;;;;",
    ].join("\r\n");
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("agreement")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const plan = await planImport(db, president, sofara, file);
    expect(plan.rows.map((r) => [r.line, r.errors.length > 0])).toEqual([
      [2, false],
      [3, true],
      [4, true],
    ]);
    const keys = plan.rows[1]!.errors.map((e) => `${e.column}:${e.error.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "kind:import.error.kind",
        "parties:import.error.organization",
        "effectiveDate:form.error.date",
        "budget:form.error.amount",
      ]),
    );
    expect(plan.rows[2]!.errors.map((e) => e.column)).toContain("title");
    expect(
      await applyImport(db, president, { actorUserId: president.userId, ip: null, userAgent: "vitest" }, sofara, plan),
    ).toEqual({ ok: false });
    expect(await count()).toBe(n);
    expect((await planImport(db, president, sofara, "")).fileError).toEqual({ key: "import.error.empty" });
    expect((await planImport(db, president, sofara, "Nom,Ville\nx,y")).fileError).toEqual({
      key: "import.error.noTitle",
    });
  });
  it("reads an Excel workbook through the same checks: its dates and numbers as typed cells, all lines or none", async () => {
    const { planImport, applyImport } = await import("~/domain/export/import.server");
    const president = await actor("president@sofara.example");
    const sofara = await sofaraId();
    // A workbook as an association keeps it: real date cells, a number cell, a French header.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Conventions");
    sheet.addRow(["Titre", "Nature", "Parties", "Entrée en vigueur", "Fin", "Budget"]);
    const good = [
      "Convention classeur 2027",
      "Convention de partenariat",
      "Association Sofara Al-Khair – Smara ; Fondation Clear Vision",
      new Date("2027-01-01T00:00:00Z"),
      new Date("2027-12-31T00:00:00Z"),
      150000,
    ];
    sheet.addRow(good);
    sheet.addRow(["Convention fantôme", "Contrat de vente", "Société Inconnue", "2027-02-30", null, "beaucoup"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const text = (await xlsxAsCsv(bytes))!;
    const refused = await planImport(db, president, sofara, text);
    expect(refused.rows.map((r) => [r.line, r.errors.map((e) => e.column)])).toEqual([
      [2, []],
      [3, expect.arrayContaining(["kind", "parties", "effectiveDate", "budget"])],
    ]);
    const meta = { actorUserId: president.userId, ip: null, userAgent: "vitest" };
    expect(await applyImport(db, president, meta, sofara, refused)).toEqual({ ok: false });

    sheet.spliceRows(3, 1);
    const plan = await planImport(
      db,
      president,
      sofara,
      (await xlsxAsCsv(new Uint8Array(await workbook.xlsx.writeBuffer())))!,
    );
    expect(plan.rows.flatMap((r) => r.errors)).toEqual([]);
    const result = await applyImport(db, president, meta, sofara, plan);
    if (!result.ok) throw new Error("import refused");
    const created = await db
      .selectFrom("agreement")
      .select(["title", "effective_date", "end_date", "total_budget_cents"])
      .where("id", "in", result.agreementIds)
      .executeTakeFirstOrThrow();
    expect(created).toEqual({
      title: "Convention classeur 2027",
      effective_date: "2027-01-01",
      end_date: "2027-12-31",
      total_budget_cents: 15_000_000,
    });
    // An exported workbook reads back too; something that is not a workbook is told apart.
    const exported = (await exportFile(db, president, "agreements", "xlsx", "ar", today)) as Buffer;
    expect(
      (await planImport(db, president, sofara, (await xlsxAsCsv(new Uint8Array(exported)))!)).fileError,
    ).toBeNull();
    expect(await xlsxAsCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });

  it("is one transaction: a line refused when written (its partner gone since the check) undoes the lines before it", async () => {
    const { planImport, applyImport } = await import("~/domain/export/import.server");
    const president = await actor("president@sofara.example");
    const sofara = await sofaraId();
    const file = [
      "Titre,Parties",
      "Convention cartables 2028,Fondation Clear Vision",
      "Convention paniers 2028,Fondation Clear Vision",
    ].join("\n");
    const plan = await planImport(db, president, sofara, file);
    expect(plan.rows.flatMap((r) => r.errors)).toEqual([]);
    plan.agreements[1]!.partnerIds = ["no-such-organization"];
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("agreement")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    expect(
      await applyImport(db, president, { actorUserId: president.userId, ip: null, userAgent: "vitest" }, sofara, plan),
    ).toEqual({ ok: false });
    expect(await count()).toBe(n);
    expect(
      await db.selectFrom("agreement").select("id").where("title", "=", "Convention cartables 2028").execute(),
    ).toEqual([]);
  });
});

describe("importing deliverables from a spreadsheet", () => {
  const meta = (a: { userId: string }) => ({ actorUserId: a.userId, ip: null, userAgent: "vitest" });
  const orgId = async (name: string) =>
    (await db.selectFrom("organization").select("id").where("name_fr", "=", name).executeTakeFirstOrThrow()).id;

  it("a deliverables export imports back onto the agreement it names, with the same title, kind, party, target, unit and due date", async () => {
    const { planImport, applyImport } = await import("~/domain/export/import.server");
    const president = await actor("president@sofara.example");
    // A completed agreement takes no new deliverables (its lines would be refused): those of the others go back.
    const closed = await db.selectFrom("agreement").select("reference").where("status", "=", "completed").execute();
    const exported = (await exportCsv(db, president, "deliverables", "ar", today))
      .split(/(?<=\n)/)
      .filter((line) => !closed.some((a) => a.reference && line.includes(a.reference)))
      .join("");
    const before = rows(exported).slice(1);
    expect(before.length).toBeGreaterThan(0);
    const plan = await planImport(db, president, await orgId("Association Sofara Al-Khair – Smara"), exported);
    expect(plan.kind).toBe("deliverables");
    expect(plan.rows.flatMap((r) => r.errors)).toEqual([]);
    const result = await applyImport(
      db,
      president,
      meta(president),
      await orgId("Association Sofara Al-Khair – Smara"),
      plan,
    );
    if (!result.ok) throw new Error("import refused");
    expect(result.count).toBe(before.length);

    // Each line now appears twice: the original and its import, identical but for progress.
    const after = rows(await exportCsv(db, president, "deliverables", "ar", today)).slice(1);
    const planned = (r: string[]) => [r[0], r[1], r[2], r[3], r[4], r[5], r[10]].join("|");
    for (const line of before) expect(after.filter((r) => planned(r) === planned(line))).toHaveLength(2);
  });

  it("names the line and the column of each error: unknown or foreign reference, a responsible who is not a party, a target of zero; nothing written", async () => {
    const { planImport, applyImport } = await import("~/domain/export/import.server");
    const president = await actor("president@sofara.example");
    const sofara = await orgId("Association Sofara Al-Khair – Smara");
    const own = (
      await db
        .selectFrom("agreement")
        .select("reference")
        .where("title", "=", "Convention de partenariat et de coopération")
        .executeTakeFirstOrThrow()
    ).reference;
    const insafs = (
      await db
        .selectFrom("agreement")
        .select("reference")
        .where("title", "like", "Convention de partenariat stratégique%")
        .executeTakeFirstOrThrow()
    ).reference;
    const file = [
      "Référence,Titre,Nature,Partie responsable,Objectif,Unité,Échéance",
      `${own},Lunettes de vue,Équipement,Fondation Clear Vision,300,paires,2027-04-30`,
      `CH-1999-9999,Inconnue,,,10,unités,`,
      `${insafs},Cartables,,,325,cartables,`,
      `${own},Consultations,Campagne médicale,Kazyon Maroc,0,consultations,2027-02-30`,
      `${own},Fournitures,Vélo,,5,,`,
    ].join("\n");
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("deliverable")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const plan = await planImport(db, president, sofara, file);
    const errors = (line: number) =>
      plan.rows.find((r) => r.line === line)!.errors.map((e) => `${e.column}:${e.error.key}`);
    expect(errors(2)).toEqual([]);
    expect(errors(3)).toEqual(["reference:import.error.reference"]);
    // Another organization's agreement reads exactly as one that does not exist.
    expect(errors(4)).toEqual(["reference:import.error.reference"]);
    expect(errors(5)).toEqual(
      expect.arrayContaining([
        "responsible:import.error.responsible",
        "target:form.error.number",
        "due:form.error.date",
      ]),
    );
    expect(errors(6)).toEqual(
      expect.arrayContaining(["kind:import.error.deliverableKind", "unit:form.error.required"]),
    );
    expect(await applyImport(db, president, meta(president), sofara, plan)).toEqual({ ok: false });
    expect(await count()).toBe(n);
  });
});
