import { describe, expect, it } from "vitest";
import { formatPhone } from "./phone";

describe("formatPhone", () => {
  it("groups a Russian number and leaves others as they are", () => {
    expect(formatPhone("+79123456789")).toBe("+7 912 345-67-89");
    expect(formatPhone("+4930123456")).toBe("+4930123456");
  });
});
