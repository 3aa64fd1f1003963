import { defineConfig } from "vite";

// JSX goes through Vite's own esbuild with the automatic runtime; no React plugin is needed for a production build.
// The service serves dist/ behind sign-in: index.html for every page, the hashed files under /assets.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    // The polyfill would be a script of its own; every browser we support preloads modules natively.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      // react-router marks its modules "use client" for server components, which a browser-only bundle does not use.
      onwarn(warning, warn) { if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning); }
    }
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:5080", "/auth": "http://127.0.0.1:5080" }
  }
});
