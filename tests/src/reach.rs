//! Can a person use this control? The probe a person's eyes make before a click: the control is in the
//! document, shown, enabled, scrolled into the visible area, and what lies at its centre is the control
//! itself, not a status bar, a dialog or a neighbour drawn over it.
//!
//! The same probe checks a whole screen at once ([`SWEEP`]): every button, field and link that is shown
//! must be reachable by scrolling and not covered, at every window size a clinic PC has.

use serde::Deserialize;

/// The answer of [`PROBE`] and of each item of [`SWEEP`].
#[derive(Debug, Clone, Deserialize)]
pub struct Reach {
    /// The control can be used now.
    pub ok: bool,
    /// Why not: "not in the document", "not displayed", "disabled", "outside the window", "covered".
    #[serde(default)]
    pub why: String,
    /// The control, described for a failure message (tag, test id, text).
    #[serde(default)]
    pub what: String,
    /// What lies over its centre when it is covered.
    #[serde(default)]
    pub covered_by: String,
}

impl std::fmt::Display for Reach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ok {
            return write!(f, "{} is usable", self.what);
        }
        write!(f, "{} is {}", self.what, self.why)?;
        if !self.covered_by.is_empty() {
            write!(f, " by {}", self.covered_by)?;
        }
        Ok(())
    }
}

/// JavaScript shared by the probe and the sweep: `reach(el)` scrolls `el` into the middle of its
/// scroll containers and says whether a person could use it.
const REACH_FN: &str = r#"
const describe = (n) => {
  if (!n || n.nodeType !== 1) return 'nothing';
  let s = n.tagName.toLowerCase();
  if (n.dataset && n.dataset.testid) s += `[data-testid=${n.dataset.testid}]`;
  else if (n.id) s += '#' + n.id;
  else if (typeof n.className === 'string' && n.className.trim()) s += '.' + n.className.trim().split(/\s+/).join('.');
  const text = (n.innerText || n.value || n.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  if (text) s += ` «${text}»`;
  return s;
};
const reach = (el) => {
  if (!el || !el.isConnected) return { ok: false, why: 'not in the document', what: describe(el) };
  const what = describe(el);
  el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1 || style.visibility === 'hidden' || style.display === 'none')
    return { ok: false, why: 'not displayed', what };
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= vw || y >= vh || r.bottom > vh + 0.5 || r.right > vw + 0.5)
    return { ok: false, why: `outside the window (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${vw}×${vh})`, what };
  const hit = document.elementFromPoint(x, y);
  const own = (n) => n && (n === el || el.contains(n) || (el.labels && [...el.labels].some((l) => l.contains(n))));
  if (!own(hit)) return { ok: false, why: 'covered', what, covered_by: describe(hit) };
  if (el.disabled || el.closest('fieldset:disabled') || el.getAttribute('aria-disabled') === 'true')
    return { ok: false, why: 'disabled', what };
  return { ok: true, what };
};
"#;

/// `arguments[0]`: a CSS selector. Answers a [`Reach`] for its first match.
pub fn probe_script() -> String {
    format!("{REACH_FN}\nreturn reach(document.querySelector(arguments[0]));")
}

/// Answers a [`Reach`] for every shown control of the page (buttons, fields, selects, links, summary
/// toggles), each scrolled into view in turn; the scroll positions are restored afterwards.
pub const SWEEP: &str = "
const controls = [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a[href], summary')]
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
const scrolled = [document.scrollingElement, ...document.querySelectorAll('*')]
  .filter((n) => n && (n.scrollHeight > n.clientHeight || n.scrollWidth > n.clientWidth))
  .map((n) => [n, n.scrollTop, n.scrollLeft]);
const answers = controls.map((el) => {
  const answer = reach(el);
  // A disabled control is shown as such on purpose: what matters is that it can be seen.
  return answer.why === 'disabled' ? { ok: true, what: answer.what } : answer;
});
for (const [n, top, left] of scrolled) { n.scrollTop = top; n.scrollLeft = left; }
return answers;
";

/// The full sweep script.
pub fn sweep_script() -> String {
    format!("{REACH_FN}\n{SWEEP}")
}
