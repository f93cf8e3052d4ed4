// Builds the client into dist/: index.html, and hashed files under dist/assets/ that the
// server may let browsers keep for a year (a new build has new names). Nothing is inlined
// into index.html (the server's Content-Security-Policy allows no inline script or style).
import { defineConfig } from "vitest/config";

export default defineConfig({
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: "es2022",
  },
  css: {
    // GOV.UK Frontend keeps an old browser hack, "(min-width: 0\0)", that lightningcss cannot
    // parse: the minifier drops that one rule (a warning) instead of failing the build.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        // MoJ Frontend's Sass names GOV.UK Frontend as "node_modules/govuk-frontend/...",
        // found from web/ (where every script runs vite).
        loadPaths: ["."],
      },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
