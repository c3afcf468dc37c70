/**
 * The PDF worker thread's entry (built beside the server as build/pdf-worker.js, see the `build`
 * script): the tasks declared with `workerTask` in the PDF modules, served to the request thread
 * (app/lib/worker-tasks.server.ts). It bundles only what drawing a PDF needs, not React, Remix and the
 * routes: a second V8 isolate loading the whole server took ~35–70 MB more.
 */
import "./domain/signing/agreement-pdf.server";
import "./domain/delivery/receipt-pdf.server";
import "./domain/committee/minutes-pdf.server";
import "./domain/dashboard/impact-report.server";
import { warmUpPdf } from "./lib/pdf/document.server";
import { serveWorkerTasks } from "./lib/worker-tasks.server";

serveWorkerTasks();
// The first document after start would wait for the fonts and the subsetter to load: load them now.
warmUpPdf().catch(() => {
  // a real document will report what is wrong
});
