/**
 * The Node flags `npm run serve` (and so `npm start`) gives the server: its heap limits (README,
 * Production). Read from package.json, the one place they are written, so that the browser
 * suites and the benchmarks run the server exactly as users do.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageJson = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");

export function serveNodeFlags(): string[] {
  const serve: string = JSON.parse(fs.readFileSync(packageJson, "utf8")).scripts.serve;
  const command = serve.slice(serve.indexOf(" node ") + " node ".length, serve.indexOf("build/index.js"));
  return command.split(/\s+/).filter((flag) => flag.startsWith("--"));
}
