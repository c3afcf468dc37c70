import { describe, expect, it } from "vitest";
import { checkUpload, sniffFileKind } from "~/lib/uploads.server";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("uploaded files are typed by their content", () => {
  it("recognises PDF, PNG and JPEG by their first bytes, whatever the name", () => {
    expect(sniffFileKind(new TextEncoder().encode("%PDF-1.7\n..."))).toBe("pdf");
    expect(sniffFileKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("png");
    expect(sniffFileKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
  });

  it("refuses HTML (or anything else) presented as a PDF or a photo", () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect(sniffFileKind(html)).toBeNull();
    expect(checkUpload(html, ["pdf"], 1000)).toEqual({ ok: false, error: "wrongType" });
    expect(checkUpload(html, ["png", "jpeg"], 1000)).toEqual({ ok: false, error: "wrongType" });
  });

  it("refuses an empty file and one over the size limit, and a kind not allowed here", () => {
    expect(checkUpload(new Uint8Array(), ["pdf"], 1000)).toEqual({ ok: false, error: "empty" });
    const pdf = new TextEncoder().encode(`%PDF-1.7${" ".repeat(2000)}`);
    expect(checkUpload(pdf, ["pdf"], 1000)).toEqual({ ok: false, error: "tooLarge" });
    expect(checkUpload(pdf, ["png"], 10_000)).toEqual({ ok: false, error: "wrongType" });
    expect(checkUpload(pdf, ["pdf"], 10_000)).toEqual({ ok: true, kind: "pdf" });
  });
});
