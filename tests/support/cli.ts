/** An `npm run` script of ours (a `db/cli/*.ts` file) as a real child process, run by tsx. */
import { spawn } from "node:child_process";
import path from "node:path";
import { root } from "./app-server";

export function runCli(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [script, ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}
