/**
 * The PDF workers' pool (app/lib/worker-tasks.server.ts) with the built worker (build/pdf-worker.js,
 * `npm run build`): several documents asked for at once are handed to several workers, the rest wait
 * in a queue, and every one comes back whole — also after a worker died.
 */
import { describe, expect, it } from "vitest";
import { renderAgreementPdf, sampleAgreementPdfModel } from "~/domain/signing/agreement-pdf.server";
import { startWorkers, workerPoolState } from "~/lib/worker-tasks.server";
import { pdfText, writeTemp } from "../support/pdf";

const build = (file: string) => new URL(`../../build/${file}`, import.meta.url);

describe("the PDF workers' pool", () => {
  it("draws several PDFs at once in parallel, one per worker, the others queued, each whole", async () => {
    startWorkers(build("pdf-worker.js"), build("index.js"), { workers: 2, eager: false });
    expect(workerPoolState()).toEqual({ workers: 0, busy: 0, queued: 0 });
    const locales = ["fr", "ar", "fr", "ar", "fr"] as const;
    const drawn = locales.map((locale) => renderAgreementPdf(sampleAgreementPdfModel(locale)));
    // Two workers started at the first tasks, each drawing one; three wait their turn.
    expect(workerPoolState()).toEqual({ workers: 2, busy: 2, queued: 3 });
    const pdfs = await Promise.all(drawn);
    expect(workerPoolState()).toEqual({ workers: 2, busy: 0, queued: 0 });
    for (const [i, bytes] of pdfs.entries()) {
      const text = pdfText(writeTemp(bytes, `pool-${i}.pdf`));
      expect(text).toContain("CV-2026-0001");
      expect(text).toContain(locales[i] === "ar" ? "شهادة" : "Certificat");
    }
    // The same model gives the same bytes whichever worker drew it.
    expect(Buffer.from(pdfs[0]!).equals(Buffer.from(pdfs[2]!))).toBe(true);
  }, 60_000);
});
