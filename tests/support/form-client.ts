/**
 * Forms posted to a test server as a script would (no browser): each request from an address of its
 * own (X-Forwarded-For, trusted by the test servers), so that login throttling in one test never locks
 * out another. `prefix` keeps each file's addresses apart ("172.29" → 172.29.0.1, 172.29.0.2…).
 */
import { expect } from "vitest";

export function formClient(baseURL: string, prefix: string) {
  let seq = 0;
  const freshIp = () => `${prefix}.${Math.floor(++seq / 250)}.${(seq % 250) + 1}`;
  const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${baseURL}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": freshIp(), ...headers },
      body: new URLSearchParams(body).toString(),
    });
  /** Logs in with the demo password; the session cookie to send back. */
  const sessionCookie = async (email: string, password = "charaka-demo-2026"): Promise<string> => {
    const res = await post("/login", { email, password });
    expect(res.status).toBe(302);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  };
  return { freshIp, post, sessionCookie };
}
