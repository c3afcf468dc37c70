/**
 * The server's route matching (patches/@remix-run+router+*.patch, applied by `patch-package` on
 * install): the route tree is flattened and ranked once per shape and each pathname matched once,
 * instead of on every call. These tests prove the answers are the ones the unpatched router gives, on
 * the app's own route tree.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
// The ESM build of the same version, which the patch leaves alone (the browser bundle uses it): the reference.
import * as unpatchedBuild from "@remix-run/router/dist/router.js";
import type * as Router from "@remix-run/router";

const unpatched = unpatchedBuild as unknown as typeof Router;
const require = createRequire(import.meta.url);
/** What the server loads (`main`: router.cjs.js), patched. */
const patched = require("@remix-run/router") as typeof Router;
const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
  flatRoutes: (
    appDirectory: string,
    ignored: string[],
  ) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;
};

interface Route {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: Route[];
}

/** The app's route tree, built from app/routes the way @remix-run/server-runtime builds it. */
function appRoutes(): Route[] {
  const manifest = Object.values(flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.*"]));
  const tree = (parentId: string): Route[] =>
    manifest
      .filter((r) => (r.parentId ?? "root") === parentId && r.id !== "root")
      .map((r) => {
        const children = tree(r.id);
        return {
          id: r.id,
          path: r.path,
          index: r.index,
          caseSensitive: r.caseSensitive,
          ...(children.length ? { children } : {}),
        };
      });
  return [{ id: "root", path: "", children: tree("root") }];
}

/** A pathname for each route (its params filled in), and a few that match nothing or oddly. */
function samplePathnames(routes: Route[]): string[] {
  const out = new Set(["/", "/nope", "/agreements/", "/AGREEMENTS", "/agreements/a%20b", "//agreements", "/a/b/c/d/e"]);
  const walk = (list: Route[], prefix: string) => {
    for (const route of list) {
      const here = route.path
        ? `${prefix}/${route.path
            .split("/")
            .map((s) => (s === "*" ? "rest/of/it" : s.startsWith(":") ? "x1" : s.replace(/\?$/, "")))
            .join("/")}`
        : prefix;
      out.add(here || "/");
      if (route.children) walk(route.children, here);
    }
  };
  walk(routes, "");
  return [...out];
}

const clone = (routes: Route[]): Route[] => JSON.parse(JSON.stringify(routes)) as Route[];
type Matches = ReturnType<typeof Router.matchRoutes>;
/** `matchRoutes` of one build of the router, on our plain route objects. */
const matchWith = (router: typeof Router) => (routes: Route[], pathname: string) =>
  router.matchRoutes(routes as Router.AgnosticRouteObject[], pathname);
const matchPatched = matchWith(patched);
const matchUnpatched = matchWith(unpatched);
const described = (matches: Matches) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ??
  null;

describe("route matching on the server (patched @remix-run/router)", () => {
  it("is the patched router that the server loads (patch-package ran on install)", () => {
    expect(fs.readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("rankedBranchesOf(routes)");
  });

  it("gives every pathname the matches the unpatched router gives, call after call and tree after tree", () => {
    const routes = appRoutes();
    const pathnames = samplePathnames(routes);
    expect(pathnames.length).toBeGreaterThan(80);
    // The same tree twice (found once, then reused), then a new tree of the same shape, as Remix
    // builds for every render: its matches must hold its own route objects.
    for (const tree of [routes, routes, clone(routes)]) {
      for (const pathname of pathnames) {
        const expected = matchUnpatched(tree, pathname);
        const actual = matchPatched(tree, pathname);
        expect(described(actual), pathname).toEqual(described(expected));
        actual?.forEach((m, i) => expect(m.route).toBe(expected![i]!.route));
      }
    }
  });

  it("keeps trees of different shapes apart and hands out matches a caller may change", () => {
    const routes = appRoutes();
    const changed = clone(routes);
    changed[0]!.children!.unshift({ id: "catch-all", path: "*" });
    expect(matchPatched(routes, "/nope")?.at(-1)?.route.id).toBe(matchUnpatched(routes, "/nope")?.at(-1)?.route.id);
    expect(matchPatched(changed, "/nope")?.at(-1)?.route.id).toBe("catch-all");
    const first = matchPatched(routes, "/agreements/x1")!;
    (first[0]!.params as Record<string, string>).agreementId = "changed";
    first[0]!.pathname = "changed";
    expect(described(matchPatched(routes, "/agreements/x1"))).toEqual(
      described(matchUnpatched(routes, "/agreements/x1")),
    );
  });
});
