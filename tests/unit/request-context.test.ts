/**
 * What a request reads once (oncePerRequest): shared by its parts, read again after one of its writes
 * commits, never shared between requests, and read each time outside a request.
 */
import { describe, expect, it } from "vitest";
import { forgetReadsOnce, oncePerRequest, runWithRequestContext } from "~/lib/request-context.server";

function counter() {
  let reads = 0;
  return { read: () => Promise.resolve(++reads), reads: () => reads };
}

const inRequest = <T>(fn: () => Promise<T>) => runWithRequestContext({ requestId: "r", userId: null }, fn);

describe("a fact read once per request", () => {
  it("is read once for every part of a request that asks, and again after a write of the request", async () => {
    const c = counter();
    await inRequest(async () => {
      expect(await Promise.all([oncePerRequest("k", c.read), oncePerRequest("k", c.read)])).toEqual([1, 1]);
      expect(await oncePerRequest("other", c.read)).toBe(2);
      forgetReadsOnce();
      expect(await oncePerRequest("k", c.read)).toBe(3);
    });
    expect(c.reads()).toBe(3);
  });

  it("is read by each request for itself, and each time outside any request", async () => {
    const c = counter();
    expect(await inRequest(() => oncePerRequest("k", c.read))).toBe(1);
    expect(await inRequest(() => oncePerRequest("k", c.read))).toBe(2);
    expect(await oncePerRequest("k", c.read)).toBe(3);
    expect(await oncePerRequest("k", c.read)).toBe(4);
  });
});
