/**
 * Classic Remix compiler (no Vite). The custom Express server in app/server.ts is
 * compiled together with the app into build/index.js, so `node build/index.js`
 * is the whole production server.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  appDirectory: "app",
  server: "./app/server.ts",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  tailwind: true,
  postcss: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
