import { describe, expect, it } from "vitest";
import { scrollContainer } from "./focus";

interface Node {
  name: string;
  overflowY: string;
  parentElement: Node | null;
}
const node = (name: string, overflowY: string, parentElement: Node | null): Node => ({ name, overflowY, parentElement });

describe("scrollContainer", () => {
  const html = node("html", "visible", null);
  const body = node("body", "hidden", html);
  const main = node("main", "auto", body);
  const section = node("section", "visible", main);
  const button = node("button", "visible", section);

  it("is the nearest ancestor that scrolls (the shell's main, not the hidden body)", () => {
    expect(scrollContainer(button, (e) => e.overflowY)?.name).toBe("main");
  });

  it("takes overflow: scroll too, and is never the element itself", () => {
    const pane = node("pane", "scroll", section);
    const inner = node("inner", "auto", pane);
    expect(scrollContainer(inner, (e) => e.overflowY)?.name).toBe("pane");
  });

  it("is null when only the window scrolls", () => {
    expect(scrollContainer(node("p", "visible", body), (e) => e.overflowY)).toBeNull();
  });
});
