// Keyboard-first: the first field of a screen takes the focus when it appears.

/** A Svelte action: focuses the element once it is in the document (when `enabled`). */
export function focusOnMount(element: HTMLElement, enabled: boolean = true): void {
  if (enabled) queueMicrotask(() => element.focus());
}
