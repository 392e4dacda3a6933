/// <reference types="node" />
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FONT_MONO, FONT_SANS, FONT_VARS } from "./fonts";

const src = fileURLToPath(new URL("..", import.meta.url));
const ui = resolve(src, "..");
const fontsCss = readFileSync(join(src, "fonts.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
const faces = [...fontsCss.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => m[1] ?? "");
const prop = (block: string, name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(block)?.[1]?.trim();

/** Every stylesheet the UI has: the .css files and the <style> blocks of the components. */
function styles(dir: string = src): [string, string][] {
  return readdirSync(dir).flatMap((name): [string, string][] => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return styles(path);
    if (path.endsWith(".css")) return [[path, readFileSync(path, "utf8")]];
    if (path.endsWith(".svelte")) {
      return [...readFileSync(path, "utf8").matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(
        (m): [string, string] => [path, m[1] ?? ""],
      );
    }
    return [];
  });
}

describe("bundled fonts", () => {
  it("declare only the app's own family names, each shown only once loaded", () => {
    expect(faces.length).toBeGreaterThanOrEqual(3);
    for (const face of faces) {
      expect([`"${FONT_SANS}"`, `"${FONT_MONO}"`]).toContain(prop(face, "font-family"));
      expect(prop(face, "font-display")).toBe("block");
      expect(prop(face, "font-style")).toBe("normal");
    }
  });

  it("ship PT Sans in the weights the UI asks for (400, and 700 for 600 and bold)", () => {
    const weights = faces.filter((f) => prop(f, "font-family") === `"${FONT_SANS}"`).map((f) => prop(f, "font-weight"));
    expect(weights.sort()).toEqual(["400", "700"]);
  });

  it("load every face from a file of the app, never from the system or the network", () => {
    for (const face of faces) {
      const source = prop(face, "src") ?? "";
      expect(source).not.toMatch(/local\(|https?:|data:/);
      for (const [, url] of source.matchAll(/url\("([^"]+)"\)/g)) {
        const path = url!.startsWith(".") ? resolve(src, url!) : join(ui, "node_modules", url!);
        expect(existsSync(path), url).toBe(true);
      }
    }
  });

  it("keep their licences beside the files", () => {
    expect(existsSync(join(ui, "../crates/consent-forms/fonts/LICENSE-ParaType.txt"))).toBe(true);
    expect(readFileSync(join(ui, "node_modules/@fontsource/pt-mono/LICENSE"), "utf8")).toMatch(/Open Font License/);
  });

  it("name the bundled face first in each stack, with only a generic family after it", () => {
    const root = /:root\s*\{([^}]*)\}/.exec(fontsCss)?.[1] ?? "";
    expect(prop(root, FONT_VARS.sans)).toBe(`"${FONT_SANS}", sans-serif`);
    expect(prop(root, FONT_VARS.mono)).toBe(`"${FONT_MONO}", monospace`);
    expect(prop(root, "font-synthesis")).toBe("none");
  });

  it("are the only families any stylesheet names", () => {
    const found = styles().flatMap(([path, css]) =>
      [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/(?<![-\w])font-family:\s*([^;]+);/g)].map(
        (m) => `${path.slice(src.length)}: ${m[1]}`,
      ),
    );
    expect(found.length).toBeGreaterThan(0);
    const allowed = /: (var\(--font-(sans|mono)\)|inherit|"Consent Desk (Sans|Mono)")$/;
    expect(found.filter((line) => !allowed.test(line))).toEqual([]);
    // `font:` shorthands may only inherit (a shorthand with a family would bypass the stacks).
    const shorthands = styles().flatMap(([, css]) => [...css.matchAll(/(?<![-\w])font:\s*([^;]+);/g)].map((m) => m[1]));
    expect(shorthands.filter((value) => value !== "inherit")).toEqual([]);
  });
});

