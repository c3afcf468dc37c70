/**
 * The PDF worker thread's entry (built beside the server as build/pdf-worker.js, see the `build`
 * script): the tasks declared with `workerTask` in the PDF modules, served to the request thread
 * (app/lib/worker-tasks.server.ts). It bundles only what drawing a PDF needs, not React, Remix and the
 * routes: a second V8 isolate loading the whole server took ~35–70 MB more.
 */
import { warmUpAgreementPdf } from "./domain/signing/agreement-pdf.server";
import "./domain/delivery/receipt-pdf.server";
import "./domain/committee/minutes-pdf.server";
import "./domain/dashboard/impact-report.server";
import "./domain/finance/call-for-funds-pdf.server";
import "./domain/finance/receipt-ack-pdf.server";
import "./domain/report/report-pdf.server";
import { warmUpPdf } from "./lib/pdf/document.server";
import { env } from "./lib/env.server";
import { serveWorkerTasks } from "./lib/worker-tasks.server";

// The first document after start would wait for the fonts and the subsetter to load, and run code
// not yet optimised: load them, then draw a made-up agreement; tasks sent meanwhile wait their turn.
// PDF_WARM_UP=off (test servers) skips it: the first document then loads what it needs itself.
serveWorkerTasks(
  env().PDF_WARM_UP === "off"
    ? undefined
    : async () => {
        await warmUpPdf();
        await warmUpAgreementPdf();
      },
);
