import { describe, expect, it } from "vitest";
import { checkUpload, MAX_IMAGE_PIXELS, sniffFileKind, uploadError } from "~/lib/uploads.server";
import { blankPng } from "../support/images";

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

describe("uploaded images are checked for their pixel size", () => {
  it("refuses a 20,000 × 20,000 PNG (48 KB of file, 1.6 GB once decoded) and says its size", async () => {
    const png = await blankPng(20_000, 20_000);
    expect(png.byteLength).toBeLessThan(100_000);
    const check = checkUpload(png, ["png", "jpeg"], 2 * 1024 * 1024);
    expect(check).toEqual({ ok: false, error: "tooManyPixels", width: 20_000, height: 20_000 });
    expect(uploadError(check, "upload.error.wrongTypeImage")).toEqual({
      key: "upload.error.tooManyPixels",
      vars: { width: 20_000, height: 20_000, max: 25, side: 10_000 },
    });
  });

  it("refuses a strip longer than 10,000 pixels a side, accepts a phone's photo size", async () => {
    expect(checkUpload(await blankPng(12_000, 100), ["png"], 1e7)).toMatchObject({ error: "tooManyPixels" });
    expect(4032 * 3024).toBeLessThan(MAX_IMAGE_PIXELS);
    expect(checkUpload(await blankPng(4032, 3024), ["png"], 1e7)).toEqual({ ok: true, kind: "png" });
  });

  it("refuses a PNG whose header cannot be read", () => {
    const truncated = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(checkUpload(truncated, ["png"], 1000)).toEqual({ ok: false, error: "wrongType" });
  });
});
