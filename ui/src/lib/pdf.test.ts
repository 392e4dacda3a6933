import { describe, expect, it } from "vitest";
import { CSS_PX_PER_PT, pageGeometry } from "./pdf";

// An A4 page in PDF points.
const A4 = { width: 595.276, height: 841.89 };

describe("pageGeometry", () => {
  it("fits the page to the container's width", () => {
    const g = pageGeometry(A4, 874, 1);
    expect(g.cssWidth).toBeCloseTo(874, 6);
    expect(g.cssHeight).toBeCloseTo((874 * A4.height) / A4.width, 6);
    expect(g.pixelWidth).toBe(874);
    expect(g.pixelHeight).toBe(Math.floor((874 * A4.height) / A4.width));
  });

  it("draws at the device pixel ratio, the CSS size unchanged", () => {
    const one = pageGeometry(A4, 874, 1);
    const two = pageGeometry(A4, 874, 2);
    expect(two.cssWidth).toBeCloseTo(one.cssWidth, 6);
    expect(two.pixelScale).toBeCloseTo(2 * one.pixelScale, 9);
    expect(two.pixelWidth).toBe(1748);
    expect(pageGeometry(A4, 874, 1.5).pixelWidth).toBe(1311);
  });

  it("zooms relative to the fitted width", () => {
    const g = pageGeometry(A4, 600, 1, { scale: 2 });
    expect(g.cssWidth).toBeCloseTo(1200, 6);
    expect(g.pixelWidth).toBe(1200);
  });

  it("shows the page at 100 % when the container has no width yet", () => {
    const g = pageGeometry(A4, 0, 1);
    expect(g.cssScale).toBe(CSS_PX_PER_PT);
    expect(g.pixelWidth).toBe(Math.floor(A4.width * CSS_PX_PER_PT));
  });

  it("ignores a zoom or pixel ratio that is not a positive number", () => {
    const fitted = pageGeometry(A4, 800, 1);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(pageGeometry(A4, 800, bad).pixelWidth).toBe(fitted.pixelWidth);
      expect(pageGeometry(A4, 800, 1, { scale: bad }).pixelWidth).toBe(fitted.pixelWidth);
    }
  });

  it("keeps the canvas under the pixel limit, at the same CSS size and aspect", () => {
    const limit = 1_000_000;
    const g = pageGeometry(A4, 2000, 3, { maxCanvasPixels: limit });
    expect(g.cssWidth).toBeCloseTo(2000, 6);
    expect(g.pixelWidth * g.pixelHeight).toBeLessThanOrEqual(limit);
    expect(g.pixelWidth * g.pixelHeight).toBeGreaterThan(0.99 * limit);
    expect(g.pixelHeight / g.pixelWidth).toBeCloseTo(A4.height / A4.width, 2);
  });
});
