// The font families the UI ships (declared in src/fonts.css, used through --font-sans and --font-mono).
// Unique names, so a font installed on the machine cannot be taken instead: tests ask the document
// whether these faces are loaded and rendering.

/** PT Sans Regular and Bold, from crates/consent-forms/fonts. */
export const FONT_SANS = "Consent Desk Sans";

/** PT Mono Regular, from @fontsource/pt-mono. */
export const FONT_MONO = "Consent Desk Mono";

/** The CSS custom properties on :root that hold the stacks (the bundled face, then a generic family). */
export const FONT_VARS = { sans: "--font-sans", mono: "--font-mono" } as const;

/** Text that touches every subset a face is split into (Latin, Cyrillic, №): `document.fonts.load`
 *  loads only the unicode-range files its sample text needs, so a Latin-only sample would leave the
 *  Cyrillic mono file to load on first use, in the fallback face's width meanwhile. */
export const FONT_SAMPLE = "Aa Zz Ёё Яя Ґґ Ӂӂ № 0";
