import { describe, expect, it } from "vitest";
import { acceptanceMode } from "~/domain/invitation/invitation";

describe("accepting an invitation", () => {
  const invitation = { email: "benevole@sofara.example", accountExists: false };

  it("signed in as the invitee: accept in one click", () => {
    expect(acceptanceMode("benevole@sofara.example", invitation)).toBe("accept");
  });

  it("signed in as someone else: told it is another account's invitation", () => {
    expect(acceptanceMode("president@sofara.example", invitation)).toBe("wrongAccount");
    expect(acceptanceMode("president@sofara.example", { ...invitation, accountExists: true })).toBe("wrongAccount");
  });

  it("signed out: sign in when the invitee has an account, otherwise create it", () => {
    expect(acceptanceMode(null, { ...invitation, accountExists: true })).toBe("login");
    expect(acceptanceMode(null, invitation)).toBe("register");
  });
});
