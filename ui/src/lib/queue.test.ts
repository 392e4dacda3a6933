import { describe, expect, it } from "vitest";
import type { QueueItem } from "./ipc";
import { compareUrgency, emptyFilter, foldName, matches, tally, urgency, urgencyIcon, visibleQueue } from "./queue";

let counter = 0;
function item(left: number | null, extra: Partial<QueueItem> = {}): QueueItem {
  counter += 1;
  return {
    requestId: `r${counter}`,
    patientId: `p${counter}`,
    patientName: "Иванов Иван Иванович",
    kind: "withdrawal",
    status: "received",
    receivedOn: "2025-10-24",
    channel: "in_person",
    extended: false,
    next:
      left === null
        ? null
        : { obligation: "stop_processing", due: `2025-11-${String(20 + left).padStart(2, "0")}`, workingDaysLeft: left, overdue: left < 0 },
    unknownYear: null,
    assignee: null,
    assignedToMe: false,
    ...extra,
  };
}

describe("queue urgency", () => {
  it("reads overdue, today, soon, later, unknown year and nothing due", () => {
    expect(urgency(item(-3))).toBe("overdue");
    expect(urgency(item(0))).toBe("today");
    expect(urgency(item(2))).toBe("soon");
    expect(urgency(item(3))).toBe("later");
    expect(urgency(item(null, { unknownYear: 2031 }))).toBe("unknownYear");
    expect(urgency(item(null))).toBe("nothingDue");
  });

  it("marks the urgent ones with an icon besides the words", () => {
    expect(urgencyIcon("overdue")).toBe("stop");
    expect(urgencyIcon("today")).toBe("warning");
    expect(urgencyIcon("soon")).toBe("clock");
    expect(urgencyIcon("unknownYear")).toBe("question");
    expect(urgencyIcon("later")).toBeNull();
    expect(urgencyIcon("nothingDue")).toBeNull();
  });

  it("sorts the most urgent first, then by due date, then by received date", () => {
    const later = item(8);
    const soon = item(1);
    const overdue = item(-1);
    const today = item(0);
    const unknown = item(null, { unknownYear: 2031 });
    const earlierReceived = item(8, { receivedOn: "2025-10-01" });
    const sorted = [later, unknown, soon, earlierReceived, overdue, today].sort(compareUrgency);
    expect(sorted.map((i) => i.requestId)).toEqual(
      [overdue, today, soon, earlierReceived, later, unknown].map((i) => i.requestId),
    );
  });
});

describe("queue filters", () => {
  it("filter by kind, status, assignee and due", () => {
    const mine = item(4, { assignee: "Менеджер Борис", assignedToMe: true, status: "in_progress" });
    const theirs = item(9, { assignee: "Менеджер Вера", kind: "access" });
    const free = item(-2);
    const all = [mine, theirs, free];
    const ids = (filter: Partial<ReturnType<typeof emptyFilter>>) =>
      visibleQueue(all, { ...emptyFilter(), ...filter }).map((i) => i.requestId);
    expect(ids({})).toEqual([free, mine, theirs].map((i) => i.requestId));
    expect(ids({ kind: "access" })).toEqual([theirs.requestId]);
    expect(ids({ status: "in_progress" })).toEqual([mine.requestId]);
    expect(ids({ assignee: "mine" })).toEqual([mine.requestId]);
    expect(ids({ assignee: "unassigned" })).toEqual([free.requestId]);
    expect(ids({ due: "overdue" })).toEqual([free.requestId]);
    expect(ids({ due: "week" })).toEqual([free.requestId, mine.requestId]);
  });

  it("search the patient's name regardless of case and ё", () => {
    const elkina = item(3, { patientName: "Ёлкина Дарья Игоревна" });
    expect(matches(elkina, { ...emptyFilter(), search: "елкина" })).toBe(true);
    expect(matches(elkina, { ...emptyFilter(), search: "  ДАРЬЯ " })).toBe(true);
    expect(matches(elkina, { ...emptyFilter(), search: "Иванов" })).toBe(false);
    expect(foldName("Ёж  Ёлкин")).toBe("еж елкин");
  });

  it("count for the dashboard over the whole queue", () => {
    const counts = tally([item(-1), item(0), item(4), item(9), item(null, { unknownYear: 2031 })]);
    expect(counts).toEqual({ open: 5, overdue: 1, today: 1, week: 3, unknownYear: 1 });
  });
});
