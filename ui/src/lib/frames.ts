/** Resolves after two animation frames: by then the browser has painted what the last update rendered. */
export function afterTwoFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
