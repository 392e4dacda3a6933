/// <reference types="vite/client" />
// In-app PDF rendering with pdf.js (pdfjs-dist): the printed forms are shown from bytes held in memory,
// page by page on <canvas>. Nothing is written to disk and nothing is fetched.
//
// pdf.js is loaded on first use (dynamic import), so the start-up bundle carries only this file and
// the worker's URL. The worker script is a same-origin file that Vite emits next to the bundle: the
// CSP's `script-src 'self'` (which `worker-src` falls back to) allows it, no `blob:`, no eval.
//
// - Where the page has a real origin, pdf.js starts a module Worker from that file; if the Worker
//   cannot start, pdf.js itself falls back to running the same file in the main thread.
// - Where the page's origin is opaque (`URL.origin === "null"`, as custom schemes can be), pdf.js
//   would wrap the worker in a `blob:` URL, which the CSP forbids, so the worker code is imported
//   into the main thread from the start (`globalThis.pdfjsWorker`, pdf.js's documented hook).
//
// Options that would make pdf.js reach outside the document are off: no standard font data or CMaps
// (the forms embed their fonts, PT Sans, with Identity-H encoding), no system fonts, no WebAssembly
// (it would need `wasm-unsafe-eval` and files to fetch), no worker fetches. pdf.js 5 would compile
// PostScript functions with `new Function` (and probe for it, a CSP violation): `isEvalSupported: false`
// keeps it on the interpreter. (pdf.js is pinned to the 5.6 line: 6.x needs Node 22 to install.)
//
// The legacy build, not the modern one: the modern build calls what only the newest engines have
// (`Promise.withResolvers`, `Map.prototype.getOrInsertComputed`) with no fallback, while the app's
// build target is Safari 16-era WebKitGTK; the legacy build
// carries those polyfills (core-js, no eval in a browser) in both the library and the worker.

import type { PDFDocumentLoadingTask, RenderTask } from "pdfjs-dist/legacy/build/pdf.mjs";
import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?url";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

/** CSS pixels per PDF point: the size pdf.js shows at "100 %" (96 dpi / 72 pt per inch). */
export const CSS_PX_PER_PT = 96 / 72;

/** Upper bound of one page canvas, in device pixels (16.7 Mpx, 64 MiB of RGBA). */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

export interface PdfRenderOptions {
  /** Zoom relative to fitting the container's width: 1 (the default) fits, 2 is twice as wide. */
  scale?: number;
  /** Upper bound of one page canvas in device pixels; sharpness is reduced to stay under it. */
  maxCanvasPixels?: number;
  /** Aborting it stops the rendering at once, as `destroy()` would, and the promise rejects. */
  signal?: AbortSignal;
}

export interface RenderedPdf {
  /** Number of pages drawn (all of the document's pages). */
  pages: number;
  /** Cancels what is still running, removes the canvases and frees pdf.js's copy of the document. */
  destroy(): void;
}

export interface PageGeometry {
  /** CSS pixels per PDF point. */
  cssScale: number;
  /** Device pixels per PDF point: the scale the page is rendered at. */
  pixelScale: number;
  /** Canvas size in device pixels. */
  pixelWidth: number;
  pixelHeight: number;
  /** Canvas size in CSS pixels. */
  cssWidth: number;
  cssHeight: number;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Size of one page's canvas. `page` is the page's size in PDF points (rotation applied),
 * `containerWidth` the width available in CSS pixels (0 when unknown, e.g. the container is hidden:
 * the page is then shown at 100 %), `devicePixelRatio` the window's.
 */
export function pageGeometry(
  page: { width: number; height: number },
  containerWidth: number,
  devicePixelRatio: number,
  opts: PdfRenderOptions = {},
): PageGeometry {
  const zoom = positive(opts.scale, 1);
  const fit = containerWidth > 0 && page.width > 0 ? containerWidth / page.width : CSS_PX_PER_PT;
  const cssScale = fit * zoom;
  const maxPixels = positive(opts.maxCanvasPixels, MAX_CANVAS_PIXELS);
  let pixelScale = cssScale * positive(devicePixelRatio, 1);
  const area = page.width * page.height * pixelScale * pixelScale;
  if (area > maxPixels) pixelScale *= Math.sqrt(maxPixels / area);
  return {
    cssScale,
    pixelScale,
    pixelWidth: Math.max(1, Math.floor(page.width * pixelScale)),
    pixelHeight: Math.max(1, Math.floor(page.height * pixelScale)),
    cssWidth: page.width * cssScale,
    cssHeight: page.height * cssScale,
  };
}

/** True when pdf.js can start its Worker from `workerUrl` without a `blob:` wrapper. */
function workerUsable(): boolean {
  if (typeof Worker === "undefined") return false;
  try {
    const page = new URL(location.href);
    return page.origin !== "null" && new URL(workerUrl, page).origin === page.origin;
  } catch {
    return false;
  }
}

let pdfjsLoading: Promise<PdfJs> | null = null;

/** Loads pdf.js once (a lazy chunk) and sets up its worker. A failed load is retried on the next call. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    if (!workerUsable()) {
      const worker: unknown = await import(/* @vite-ignore */ workerUrl);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    }
    return pdfjs;
  })();
  pdfjsLoading.catch(() => {
    pdfjsLoading = null;
  });
  return pdfjsLoading;
}

function cancelled(signal: AbortSignal | undefined): unknown {
  return signal?.aborted ? signal.reason : new Error("PDF rendering was cancelled");
}

function contentWidth(element: HTMLElement): number {
  const style = getComputedStyle(element);
  const padding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
  return Math.max(0, element.clientWidth - padding);
}

/**
 * Renders every page of the PDF in `bytes` into `container`, one `<canvas data-testid="pdf-page">`
 * per page, appended in order. The canvases are as wide as the container (times `opts.scale`) and
 * drawn at the device pixel ratio. `bytes` is copied, the caller's array stays usable.
 *
 * Rejects if the document cannot be read or drawn; whatever was added to `container` is removed then.
 * Call `destroy()` of the result when the pages are no longer shown.
 */
export async function renderPdf(
  bytes: Uint8Array,
  container: HTMLElement,
  opts: PdfRenderOptions = {},
): Promise<RenderedPdf> {
  const pdfjs = await loadPdfJs();
  opts.signal?.throwIfAborted();
  const loadingTask: PDFDocumentLoadingTask = pdfjs.getDocument({
    // pdf.js takes ownership of (transfers) the array it is given.
    data: bytes.slice(),
    useSystemFonts: false,
    disableFontFace: false,
    useWasm: false,
    useWorkerFetch: false,
    enableXfa: false,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });

  const canvases: HTMLCanvasElement[] = [];
  let renderTask: RenderTask | null = null;
  let destroyed = false;
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    renderTask?.cancel();
    for (const canvas of canvases) {
      // Releases the backing store now rather than at garbage collection.
      canvas.width = 0;
      canvas.height = 0;
      canvas.remove();
    }
    canvases.length = 0;
    opts.signal?.removeEventListener("abort", destroy);
    void loadingTask.destroy();
  };
  opts.signal?.addEventListener("abort", destroy, { once: true });

  try {
    const doc = await loadingTask.promise;
    const available = contentWidth(container);
    const zoom = positive(opts.scale, 1);
    for (let number = 1; number <= doc.numPages; number++) {
      if (destroyed) throw cancelled(opts.signal);
      const page = await doc.getPage(number);
      const geometry = pageGeometry(page.getViewport({ scale: 1 }), available, window.devicePixelRatio, opts);
      const canvas = document.createElement("canvas");
      canvas.width = geometry.pixelWidth;
      canvas.height = geometry.pixelHeight;
      canvas.className = "pdf-page";
      canvas.dataset.testid = "pdf-page";
      canvas.dataset.page = String(number);
      // CSSOM, not a style attribute: allowed by `style-src 'self'`. A percentage keeps the page
      // fitting when the container is resized; the height follows the canvas's aspect ratio.
      canvas.style.display = "block";
      canvas.style.width = available > 0 ? `${zoom * 100}%` : `${geometry.cssWidth}px`;
      canvas.style.maxWidth = "none";
      canvas.style.height = "auto";
      container.append(canvas);
      canvases.push(canvas);
      renderTask = page.render({ canvas, viewport: page.getViewport({ scale: geometry.pixelScale }) });
      await renderTask.promise;
      renderTask = null;
      page.cleanup();
    }
    if (destroyed) throw cancelled(opts.signal);
    return { pages: doc.numPages, destroy };
  } catch (error) {
    destroy();
    throw error;
  }
}
