/**
 * A child process for the durability tests: writes agreements, each with three articles, through
 * the app's own commands (one transaction per command, audit event inside), on the database given
 * as argv[2], and prints `ack <id>` once the agreement and all its articles are committed.
 * It runs until killed. argv[3] (optional) is a number of agreements after which it exits.
 * With WRITER_FILES=1 each agreement also gets a stored document (UPLOADS_PATH) recorded with
 * its SHA-256, and the writer reads the agreement back between writes, as pages would.
 */
import { openDatabase } from "../../db/client";
import { loadActor } from "~/domain/access/access.server";
import { createAgreement } from "~/domain/agreement/agreement.commands.server";
import { findAgreement } from "~/domain/agreement/agreement.queries.server";
import { addClause } from "~/domain/clause/clause.server";
import { recordAttachment } from "~/domain/attachment/attachment.server";
import { listClauses } from "~/domain/agreement/agreement.queries.server";
import { storeFile } from "~/lib/uploads.server";

export const CLAUSES_PER_AGREEMENT = 3;

const file = process.argv[2]!;
const limit = process.argv[3] ? Number(process.argv[3]) : Infinity;
const handle = openDatabase({ path: file });
const db = handle.db;
const user = await db
  .selectFrom("user")
  .select(["id", "is_platform_admin"])
  .where("email", "=", "president@sofara.example")
  .executeTakeFirstOrThrow();
const actor = await loadActor(db, { id: user.id, isPlatformAdmin: user.is_platform_admin === 1 });
const owner = actor.memberships[0]!.organizationId;
const meta = { actorUserId: user.id, ip: "127.0.0.1", userAgent: `crash-writer ${process.pid}` };
process.stdout.write("ready\n");

for (let n = 0; n < limit; n++) {
  const created = await createAgreement(db, actor, meta, {
    title: `Convention d'essai ${process.pid}-${n}`,
    titleSecondary: "اتفاقية تجريبية",
    kind: "partnership",
    purpose: "Écrite puis interrompue à un moment quelconque.",
    territory: "Smara",
    signingPlace: undefined,
    effectiveDate: undefined,
    endDate: undefined,
    durationMonths: undefined,
    tacitRenewal: false,
    renewalNoticeDays: undefined,
    currency: "MAD",
    totalBudget: undefined,
    ownerOrganizationId: owner,
  });
  if (!created.ok) throw new Error(`createAgreement refused: ${JSON.stringify(created)}`);
  const loaded = (await findAgreement(db, actor, created.id))!;
  for (let c = 1; c <= CLAUSES_PER_AGREEMENT; c++) {
    const added = await addClause(db, actor, meta, loaded, {
      heading: `Article ${c}`,
      body: `Texte ${"x".repeat(200 * c)}`,
    });
    if (!added.ok) throw new Error(`addClause refused: ${JSON.stringify(added)}`);
  }
  if (process.env.WRITER_FILES === "1") {
    const stored = storeFile(
      new TextEncoder().encode(`%PDF-1.4\n% scan ${created.id} ${"y".repeat(n % 50)}\n%%EOF\n`),
      "pdf",
      `scan-${n}.pdf`,
    );
    await db.transaction().execute((trx) =>
      recordAttachment(trx, meta, {
        ownerType: "agreement",
        ownerId: created.id,
        purpose: "paper_scan",
        stored,
        agreementId: created.id,
      }),
    );
    await listClauses(db, created.id);
  }
  process.stdout.write(`ack ${created.id}\n`);
}
await handle.close();
