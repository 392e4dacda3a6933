// The font families the UI ships (declared in src/fonts.css, used through --font-sans and --font-mono).
// Unique names, so a font installed on the machine cannot be taken instead: tests ask the document
// whether these faces are loaded and rendering.

/** PT Sans Regular and Bold, from crates/consent-forms/fonts. */
export const FONT_SANS = "Consent Desk Sans";

/** PT Mono Regular, from @fontsource/pt-mono. */
export const FONT_MONO = "Consent Desk Mono";

/** The CSS custom properties on :root that hold the stacks (the bundled face, then a generic family). */
export const FONT_VARS = { sans: "--font-sans", mono: "--font-mono" } as const;
