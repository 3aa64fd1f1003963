import { readFileSync } from "node:fs";
import { defineConfig } from "vite";

// Bundled libraries whose licences ask for their notice to travel with them; served at /assets/licenses/.
const LICENSES = ["echarts/LICENSE", "echarts/NOTICE", "zrender/LICENSE", "tslib/LICENSE.txt"];

const licenses = {
  name: "third-party-licenses",
  generateBundle() {
    for (const file of LICENSES)
      this.emitFile({ type: "asset", fileName: `assets/licenses/${file.split("/")[0]}-${file.split("/")[1].replace(".txt", "")}.txt`,
        source: readFileSync(new URL(`./node_modules/${file}`, import.meta.url)) });
  }
};

// JSX goes through Vite's own esbuild with the automatic runtime; no React plugin is needed for a production build.
// The service serves dist/ behind sign-in: index.html for every page, the hashed files under /assets.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  plugins: [licenses],
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
