// Keyboard-first: the first field of a screen takes the focus when it appears.

/** A Svelte action: focuses the element once it is in the document (when `enabled`). */
export function focusOnMount(element: HTMLElement, enabled: boolean = true): void {
  if (enabled) queueMicrotask(() => element.focus());
}

/** What `scrollContainer` needs of an element: its parent and how it overflows. */
export interface Scrollable {
  parentElement: Scrollable | null;
}

/**
 * The nearest ancestor of `element` that scrolls its content (overflow-y auto or scroll): in the shell
 * that is `main`. Null when nothing but the window scrolls.
 */
export function scrollContainer<T extends Scrollable>(
  element: T,
  overflowY: (element: T) => string = (e) => getComputedStyle(e as unknown as Element).overflowY,
): T | null {
  for (let parent = element.parentElement as T | null; parent; parent = parent.parentElement as T | null) {
    const overflow = overflowY(parent);
    if (overflow === "auto" || overflow === "scroll") return parent;
  }
  return null;
}

/**
 * A Svelte action for the first action of something newly opened (a patient's card): what scrolls it
 * goes back to its top, whatever the previous view's scroll position was, and the element takes the
 * focus without scrolling away from there.
 */
export function openAtTop(element: HTMLElement): void {
  queueMicrotask(() => {
    const container = scrollContainer(element);
    if (container) container.scrollTop = 0;
    else window.scrollTo(0, 0);
    element.focus({ preventScroll: true });
  });
}
