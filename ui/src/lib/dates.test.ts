import { describe, expect, it } from "vitest";
import { formatDate } from "./dates";

describe("formatDate", () => {
  it("writes DD.MM.YYYY", () => {
    expect(formatDate("2025-10-24")).toBe("24.10.2025");
    expect(formatDate("2026-01-09T10:00:00Z")).toBe("09.01.2026");
  });

  it("leaves what it does not recognise alone", () => {
    expect(formatDate("")).toBe("");
    expect(formatDate("24.10.2025")).toBe("24.10.2025");
  });
});
