/// <reference types="node" />
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { searchForWorkspaceRoot, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The fonts the UI ships: PT Sans from the same folder the paper forms embed it from (one copy in the
// repository), PT Mono from its npm package. Their licences must travel with them.
const formsFonts = fileURLToPath(new URL("../crates/consent-forms/fonts/", import.meta.url));
const licences: Record<string, string> = {
  "fonts/LICENSE-PT-Sans-ParaType.txt": formsFonts + "LICENSE-ParaType.txt",
  "fonts/LICENSE-PT-Mono-OFL.txt": fileURLToPath(
    new URL("./node_modules/@fontsource/pt-mono/LICENSE", import.meta.url),
  ),
};

/** Puts the fonts' licence texts into the build, next to the app they are bundled with. */
function fontLicences(): Plugin {
  return {
    name: "consent-desk-font-licences",
    apply: "build",
    generateBundle() {
      for (const [fileName, path] of Object.entries(licences)) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(path, "utf8") });
      }
    },
  };
}

// The UI is embedded into the app and served over Tauri's custom protocol: relative asset paths, no
// inline scripts (the CSP allows only 'self'), modern WebKitGTK as the target.
export default defineConfig({
  plugins: [svelte(), fontLicences()],
  base: "./",
  clearScreen: false,
  server: {
    // The dev server may read the forms' font folder outside ui/.
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), formsFonts] },
  },
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
