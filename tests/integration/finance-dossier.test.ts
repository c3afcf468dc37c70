/**
 * The association's dossier as its pages show it (issue #20): each kind's current document and its
 * state (valid, expiring, expired, missing), a new document superseding the previous, the bank
 * details; managed by the president and treasurer, opened by members and the partners of its
 * agreements past the draft, and by nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import { addDossierDocument, dossierFile, dossierView, updateBankDetails } from "~/domain/finance/dossier.server";
import { storeFile } from "~/lib/uploads.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories, type Person, type TestAgreement } from "../support/factories";

let t: TestDatabase;
let db: DB;
let f: ReturnType<typeof factories>;
let a: TestAgreement;
let treasurer: Person;
let plainMember: Person;
const today = "2026-12-01";
const scan = (name: string) => storeFile(Buffer.from(`%PDF-1.4 ${name}`), "pdf", name);

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  f = factories(db);
  a = await f.agreement({ title: "Dossier" });
  treasurer = await f.person({ organizationId: a.owner.organizationId, role: "treasurer" });
  plainMember = await f.person({ organizationId: a.owner.organizationId, role: "member" });
});
afterAll(() => t.close());

describe("the association's dossier", () => {
  it("lists every kind as missing until a document is added", async () => {
    const view = await dossierView(db, a.owner.actor, a.owner.organizationId, today);
    expect(view!.kinds.map((k) => k.state)).toEqual(Array(6).fill("missing"));
    expect(view!.status.complete).toBe(false);
    expect(view!.canManage).toBe(true);
  });

  it("shows each current document as valid, expiring within 30 days or expired", async () => {
    const org = a.owner.organizationId;
    const add = (kind: "statutes" | "tax_certificate" | "board_list", expiresOn?: string) =>
      addDossierDocument(db, treasurer.actor, treasurer.meta, org, {
        kind,
        issuedOn: "2026-01-10",
        expiresOn,
        file: scan(`${kind}.pdf`),
      });
    expect((await add("statutes")).ok).toBe(true);
    expect((await add("tax_certificate", "2026-12-20")).ok).toBe(true);
    expect((await add("board_list", "2026-11-30")).ok).toBe(true);
    const view = await dossierView(db, plainMember.actor, org, today);
    const state = (kind: string) => view!.kinds.find((k) => k.kind === kind)!.state;
    expect([state("statutes"), state("tax_certificate"), state("board_list"), state("bank_certificate")]).toEqual([
      "valid",
      "expiring",
      "expired",
      "missing",
    ]);
    expect(view!.canManage).toBe(false);
  });

  it("supersedes the previous document of a kind with the new one", async () => {
    const org = a.owner.organizationId;
    const added = await addDossierDocument(db, a.owner.actor, a.owner.meta, org, {
      kind: "board_list",
      issuedOn: "2026-11-15",
      expiresOn: "2027-11-15",
      file: scan("bureau-2026.pdf"),
    });
    expect(added.ok).toBe(true);
    const view = await dossierView(db, a.owner.actor, org, today);
    const board = view!.kinds.find((k) => k.kind === "board_list")!;
    expect(board.state).toBe("valid");
    expect(board.document!.fileName).toBe("bureau-2026.pdf");
    expect(view!.superseded.map((d) => d.kind)).toEqual(["board_list"]);
  });

  it("refuses the upload and the bank details to a member who does not handle money", async () => {
    const org = a.owner.organizationId;
    const upload = await addDossierDocument(db, plainMember.actor, plainMember.meta, org, {
      kind: "statutes",
      issuedOn: "2026-01-10",
      file: scan("statuts.pdf"),
    });
    expect(upload).toMatchObject({ ok: false, error: "not_found" });
    const bank = await updateBankDetails(db, plainMember.actor, plainMember.meta, org, {
      version: 1,
      country: "MA",
      bankAccount: "011780000012345678901234",
    });
    expect(bank).toMatchObject({ ok: false, error: "not_found" });
  });

  it("keeps the bank details the treasurer saves, shown as the bank prints them", async () => {
    const org = a.owner.organizationId;
    const before = await dossierView(db, treasurer.actor, org, today);
    const saved = await updateBankDetails(db, treasurer.actor, treasurer.meta, org, {
      version: before!.bank.version,
      country: "MA",
      bankName: "Banque Populaire",
      bankAccount: "011780000012345678901234",
    });
    expect(saved.ok).toBe(true);
    const view = await dossierView(db, plainMember.actor, org, today);
    expect(view!.bank).toMatchObject({ bankName: "Banque Populaire", formattedAccount: "011 780 0000123456789012 34" });
  });

  it("opens to the partners of its agreements only once past the draft, never to others", async () => {
    const org = a.owner.organizationId;
    const stranger = await f.person();
    const documentId = (await dossierView(db, a.owner.actor, org, today))!.kinds[1]!.document!.id;
    expect(await dossierView(db, a.partner.actor, org, today)).toBeNull();
    expect(await dossierFile(db, a.partner.actor, org, documentId)).toBeNull();
    await a.moveTo("negotiation");
    expect(await dossierView(db, a.partner.actor, org, today)).not.toBeNull();
    expect(await dossierFile(db, a.partner.actor, org, documentId)).toMatchObject({ mimeType: "application/pdf" });
    expect(await dossierView(db, stranger.actor, org, today)).toBeNull();
    expect(await dossierFile(db, stranger.actor, org, documentId)).toBeNull();
  });
});
