import { describe, expect, it } from "vitest";
import {
  checkCanSign,
  everyoneSigned,
  isAcceptableDrawing,
  turnHasCome,
  type SigningParty,
} from "~/domain/signing/signing";

const association: SigningParty = { id: "a", role: "association", signatoryUserId: "u-assoc", signed: false };
const partner: SigningParty = { id: "p", role: "partner", signatoryUserId: "u-partner", signed: false };

describe("signing rules", () => {
  it("in any order, every designated signatory may sign at once", () => {
    expect(checkCanSign("u-partner", partner, [association, partner], "any")).toEqual({ ok: true });
    expect(checkCanSign("u-assoc", association, [association, partner], "any")).toEqual({ ok: true });
  });

  it("with 'association first', partners wait until every association has signed", () => {
    expect(turnHasCome(partner, [association, partner], "association_first")).toBe(false);
    expect(checkCanSign("u-partner", partner, [association, partner], "association_first")).toEqual({
      ok: false,
      reason: "notYourTurn",
    });
    const signed = { ...association, signed: true };
    expect(checkCanSign("u-partner", partner, [signed, partner], "association_first")).toEqual({ ok: true });
    expect(turnHasCome(association, [association, partner], "association_first")).toBe(true);
  });

  it("only the party's designated signatory signs, and only once", () => {
    expect(checkCanSign("u-assoc", partner, [association, partner], "any")).toEqual({
      ok: false,
      reason: "notSignatory",
    });
    expect(checkCanSign("u-partner", { ...partner, signed: true }, [association, partner], "any")).toEqual({
      ok: false,
      reason: "alreadySigned",
    });
  });

  it("the agreement is signed when every party has signed, and never with no party", () => {
    expect(everyoneSigned([{ ...association, signed: true }, partner])).toBe(false);
    expect(
      everyoneSigned([
        { ...association, signed: true },
        { ...partner, signed: true },
      ]),
    ).toBe(true);
    expect(everyoneSigned([])).toBe(false);
  });

  it("a drawn signature is accepted only as a bounded PNG data URL", () => {
    expect(isAcceptableDrawing("data:image/png;base64,iVBORw0KGgo=")).toBe(true);
    expect(isAcceptableDrawing("data:image/svg+xml;base64,PHN2Zz4=")).toBe(false);
    expect(isAcceptableDrawing("javascript:alert(1)")).toBe(false);
    expect(isAcceptableDrawing(`data:image/png;base64,${"A".repeat(400_000)}`)).toBe(false);
  });
});
