/**
 * An identity provider's client secret at rest: sealed (AES-256-GCM under a key derived from the
 * audit key) when saved, so the raw row holds no trace of it; bound to its row (copied to another
 * row it does not open); and a secret an older version stored in plain text is sealed when the
 * database is prepared at start-up, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../db/setup";
import { saveOidcProvider, sealPlainOidcSecrets } from "~/domain/identity/oidc.server";
import { newId } from "~/lib/crypto.server";
import { openSecret } from "~/lib/secret-box.server";
import { nowIso } from "~/lib/time";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { factories } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const SECRET = "kz-client-secret-7f3a9c1e";
const raw = (id: string) => t.db.selectFrom("oidc_provider").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("the OIDC client secret at rest", () => {
  it("is stored encrypted: the raw row holds no trace of the secret, and it opens for its own row only", async () => {
    const f = factories(t.db);
    const admin = await f.platformAdmin();
    const organizationId = await f.organization({ kind: "company" });
    const saved = await saveOidcProvider(t.db, admin.actor, admin.meta, {
      organizationId,
      label: "Kazyon SSO",
      issuer: "https://login.kazyon.example",
      clientId: "charaka",
      clientSecret: SECRET,
      emailDomains: "kazyon.example",
      passwordSignIn: true,
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const row = await raw(saved.id);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(SECRET).toString("base64"));
    expect(row.client_secret).toMatch(/^sealed:v1:/);
    expect(openSecret(row.client_secret, `oidc_provider.client_secret:${saved.id}`)).toBe(SECRET);
    expect(() => openSecret(row.client_secret, `oidc_provider.client_secret:${newId()}`)).toThrow();
  });

  it("a secret an older version stored in plain text is encrypted when the database is prepared, once", async () => {
    const organizationId = await factories(t.db).organization({ kind: "company" });
    const id = newId();
    const at = nowIso();
    await t.db
      .insertInto("oidc_provider")
      .values({
        id,
        organization_id: organizationId,
        label: "Ancien fournisseur",
        issuer: "https://sso.old.example",
        client_id: "charaka",
        client_secret: SECRET,
        email_domains: "old.example",
        password_sign_in: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const prepared = await prepareDatabase(t.db, { demo: false });
    expect(prepared.sealedSecrets).toBe(1);
    const row = await raw(id);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(openSecret(row.client_secret, `oidc_provider.client_secret:${id}`)).toBe(SECRET);
    expect(await sealPlainOidcSecrets(t.db)).toBe(0);
    expect((await raw(id)).client_secret).toBe(row.client_secret);
  });
});
