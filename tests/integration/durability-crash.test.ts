/**
 * Durability (#9), test 1 — crash. A child process writes agreements with their articles and audit
 * events through the app's own commands and prints each id once committed; it is killed with
 * SIGKILL at random moments (seeded, 60 times) and restarted; two such writers run at once on the
 * same file, as the server and a CLI job would. Afterwards every acknowledged
 * agreement is there with all its articles, no agreement is half-written (each row has the audit
 * event of the transaction that wrote it, and the reverse), integrity_check is ok and the audit
 * chain verifies.
 */
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { verifyAuditChain } from "~/domain/audit/audit.server";
import { crashWriterScript, seededDatabaseFile, seededRandom, startWriter, tempDir } from "../support/processes";
import { onPostgres } from "../support/db";

const KILLS = 60;
const SEED = Number(process.env.CRASH_SEED ?? 20261123);
let dir: string;
let file: string;

beforeAll(async () => {
  dir = tempDir("crash");
  file = await seededDatabaseFile(dir);
  await crashWriterScript();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// SQLite only: checks the SQLite file after its writer is killed (integrity_check, FTS5 index); PostgreSQL's crash safety is the server's.
describe.skipIf(onPostgres)("a writer killed with SIGKILL at random moments", () => {
  it(
    `loses nothing it acknowledged and leaves nothing half-written (${KILLS} kills, seed ${SEED})`,
    { timeout: 120_000 },
    async () => {
      const acknowledged: string[] = [];
      const lane = async (seed: number) => {
        const random = seededRandom(seed);
        for (let i = 0; i < KILLS / 2; i++) {
          const writer = await startWriter(file);
          await writer.ready;
          // Anywhere from right after opening the database to a few agreements in.
          await new Promise((r) => setTimeout(r, Math.floor(random() * 250)));
          writer.child.kill("SIGKILL");
          const { signal, stderr } = await writer.closed;
          expect(signal, stderr).toBe("SIGKILL");
          acknowledged.push(...writer.acks);
        }
      };
      await Promise.all([lane(SEED), lane(SEED + 1)]);
      // The writers got work done between kills (how much depends on the machine's load).
      expect(acknowledged.length).toBeGreaterThan(5);

      const handle: DatabaseHandle = openDatabase({ path: file });
      try {
        const db = handle.db;
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
        expect(integrity.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
        const chain = await verifyAuditChain(db);
        expect(chain.ok).toBe(true);

        const written = await db
          .selectFrom("agreement")
          .select(["id", "title"])
          .where("title", "like", "Convention d'essai %")
          .execute();
        const ids = new Set(written.map((a) => a.id));
        for (const id of acknowledged) expect(ids.has(id), `acknowledged agreement ${id} is missing`).toBe(true);

        for (const agreement of written) {
          const clauses = await db
            .selectFrom("clause")
            .select(["id", "position"])
            .where("agreement_id", "=", agreement.id)
            .orderBy("position")
            .execute();
          const parties = await db
            .selectFrom("agreement_party")
            .select("id")
            .where("agreement_id", "=", agreement.id)
            .execute();
          const events = await db
            .selectFrom("audit_event")
            .select(["type", "subject_id"])
            .where("agreement_id", "=", agreement.id)
            .execute();
          // The agreement's own transaction: row, party, event and search index, all or nothing.
          expect(parties.length).toBe(1);
          expect(events.filter((e) => e.type === "agreement.created")).toHaveLength(1);
          // Each article's transaction: the row and its event, all or nothing; numbered without gaps.
          const clauseEvents = events
            .filter((e) => e.type === "clause.added")
            .map((e) => e.subject_id)
            .sort();
          expect(clauseEvents).toEqual(clauses.map((c) => c.id).sort());
          expect(clauses.map((c) => c.position)).toEqual(clauses.map((_, i) => i + 1));
          if (acknowledged.includes(agreement.id)) expect(clauses).toHaveLength(3);
        }
        // Agreements committed but killed before their articles or their ack: interrupted mid-work.
        console.info(
          `crash test: ${acknowledged.length} acknowledged, ${written.length - acknowledged.length} written but interrupted before their ack`,
        );
        const orphans = await db
          .selectFrom("clause")
          .leftJoin("agreement", "agreement.id", "clause.agreement_id")
          .select("clause.id")
          .where("agreement.id", "is", null)
          .execute();
        expect(orphans).toEqual([]);
        const indexed = await sql<{
          n: number;
        }>`select count(*) as n from agreement_search where agreement_id in (select id from agreement where title like 'Convention d''essai %')`.execute(
          db,
        );
        expect(Number(indexed.rows[0]!.n)).toBe(written.length);
      } finally {
        await handle.close();
      }
    },
  );
});
