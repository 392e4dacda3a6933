import { describe, expect, it } from "vitest";
import { deadlineLine, deadlineText, nextDeadline, todayTyped } from "./deadlines";
import type { DeadlineView } from "./ipc";

const d = (due: string, left: number): DeadlineView => ({
  obligation: "stop_processing",
  due,
  workingDaysLeft: left,
  overdue: left < 0,
});

describe("deadlines", () => {
  it("read as days left, today or overdue", () => {
    expect(deadlineText(d("2025-11-10", 7))).toEqual(["deadline.left", { date: "10.11.2025", n: 7 }]);
    expect(deadlineText(d("2025-11-10", 0))).toEqual(["deadline.today", { date: "10.11.2025" }]);
    expect(deadlineText(d("2025-11-10", -2))).toEqual(["deadline.overdue", { date: "10.11.2025", n: 2 }]);
  });

  it("read as one line with the obligation, in the UI's language", () => {
    expect(deadlineLine(d("2025-11-01", 6))).toBe("прекратить обработку: срок 01.11.2025, осталось 6 раб. дн.");
  });

  it("pick the soonest", () => {
    expect(nextDeadline([d("2025-11-20", 10), d("2025-11-10", 4)])?.due).toBe("2025-11-10");
    expect(nextDeadline([])).toBeUndefined();
  });

  it("type the clinic's today (Moscow time) as DD.MM.YYYY, whatever the PC's time zone", () => {
    expect(todayTyped(new Date(Date.UTC(2025, 0, 5, 12, 0)))).toBe("05.01.2025");
    // 21:30 UTC is already the next day in Moscow; 20:59 UTC is not.
    expect(todayTyped(new Date(Date.UTC(2026, 11, 6, 21, 30)))).toBe("07.12.2026");
    expect(todayTyped(new Date(Date.UTC(2026, 11, 6, 20, 59)))).toBe("06.12.2026");
    expect(todayTyped(new Date(Date.UTC(2025, 11, 31, 21, 0)))).toBe("01.01.2026");
  });
});
