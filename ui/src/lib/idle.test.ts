import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchIdle } from "./idle";

describe("watchIdle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("fires once after the idle time, and activity postpones it", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    watchIdle(target, 60, onIdle);
    vi.advanceTimersByTime(59_000);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    target.dispatchEvent(new Event("mousemove"));
    vi.advanceTimersByTime(61_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("stops watching when asked", () => {
    const onIdle = vi.fn();
    const stop = watchIdle(new EventTarget(), 2, onIdle);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("locks at once when the clock jumps (the machine slept)", () => {
    let clock = 0;
    const onIdle = vi.fn();
    watchIdle(new EventTarget(), 300, onIdle, () => clock);
    clock = 3_600_000;
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
