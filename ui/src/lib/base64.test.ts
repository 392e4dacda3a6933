import { describe, expect, it } from "vitest";
import { fromBase64 } from "./base64";

describe("fromBase64", () => {
  it("decodes bytes, including ones above 127", () => {
    expect([...fromBase64("JVBERv8A")]).toEqual([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]);
    expect(fromBase64("").length).toBe(0);
  });
});
