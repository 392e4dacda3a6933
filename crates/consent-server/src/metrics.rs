//! `/metrics` in Prometheus' text format: rows stored, pushes, pulls, refusals by reason, waiting
//! long-polls, and request latency histograms by route. Counters are atomics: recording never
//! blocks a request.

use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

use consent_wire::Refusal;

use crate::storage::Counts;

/// Latency buckets' upper bounds, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
pub struct Metrics {
    pushes: AtomicU64,
    pulls: AtomicU64,
    rows_accepted: AtomicU64,
    refused: [AtomicU64; Refusal::ALL.len()],
    long_polls: AtomicI64,
    latency: Mutex<Vec<(&'static str, Histogram)>>,
}

/// Counts a waiting long-poll while it lives.
#[derive(Debug)]
pub struct LongPoll<'a>(&'a Metrics);

impl Drop for LongPoll<'_> {
    fn drop(&mut self) {
        self.0.long_polls.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    pub fn push(&self, rows_accepted: u64) {
        self.pushes.fetch_add(1, Ordering::Relaxed);
        self.rows_accepted
            .fetch_add(rows_accepted, Ordering::Relaxed);
    }

    pub fn pull(&self) {
        self.pulls.fetch_add(1, Ordering::Relaxed);
    }

    pub fn refused(&self, refusal: Refusal) {
        if let Some(i) = Refusal::ALL.iter().position(|r| *r == refusal) {
            self.refused[i].fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn long_poll(&self) -> LongPoll<'_> {
        self.long_polls.fetch_add(1, Ordering::Relaxed);
        LongPoll(self)
    }

    pub fn observe(&self, route: &'static str, took: Duration) {
        let seconds = took.as_secs_f64();
        let Ok(mut all) = self.latency.lock() else {
            return;
        };
        let index = match all.iter().position(|(r, _)| *r == route) {
            Some(i) => i,
            None => {
                all.push((route, Histogram::default()));
                all.len() - 1
            }
        };
        let h = &mut all[index].1;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// The text `/metrics` answers with.
    pub fn render(&self, counts: Option<Counts>) -> String {
        let mut out = String::new();
        if let Some(c) = counts {
            for (name, help, value) in [
                (
                    "consent_rows_stored",
                    "Ledger rows the server holds.",
                    c.rows,
                ),
                (
                    "consent_desks",
                    "Desks enrolled (revoked included).",
                    c.desks,
                ),
                ("consent_subject_keys", "Wrapped subject keys held.", c.keys),
            ] {
                let _ = writeln!(
                    out,
                    "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
                );
            }
        }
        let counter = |out: &mut String, name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        };
        counter(
            &mut out,
            "consent_pushes_total",
            "Pushes accepted.",
            self.pushes.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "consent_rows_accepted_total",
            "Rows new to the server, from accepted pushes.",
            self.rows_accepted.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "consent_pulls_total",
            "Pull pages answered.",
            self.pulls.load(Ordering::Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP consent_refused_total Requests refused, by reason.\n\
             # TYPE consent_refused_total counter"
        );
        for (i, r) in Refusal::ALL.iter().enumerate() {
            let _ = writeln!(
                out,
                "consent_refused_total{{reason=\"{}\"}} {}",
                r.code(),
                self.refused[i].load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP consent_long_polls Pulls waiting for news now.\n\
             # TYPE consent_long_polls gauge\nconsent_long_polls {}",
            self.long_polls.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP consent_request_seconds Request latency by route.\n\
             # TYPE consent_request_seconds histogram"
        );
        if let Ok(all) = self.latency.lock() {
            for (route, h) in all.iter() {
                for (i, bound) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "consent_request_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {}",
                        h.counts[i]
                    );
                }
                let _ = writeln!(
                    out,
                    "consent_request_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                     consent_request_seconds_sum{{route=\"{route}\"}} {}\n\
                     consent_request_seconds_count{{route=\"{route}\"}} {}",
                    h.count, h.sum, h.count
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_recorded_is_what_is_rendered() {
        let m = Metrics::default();
        m.push(3);
        m.push(2);
        m.refused(Refusal::Fork);
        m.observe("/api/v1/push", Duration::from_millis(3));
        let poll = m.long_poll();
        let text = m.render(Some(Counts {
            rows: 5,
            desks: 2,
            keys: 1,
        }));
        assert!(text.contains("consent_pushes_total 2\n"), "{text}");
        assert!(text.contains("consent_rows_accepted_total 5\n"), "{text}");
        assert!(
            text.contains("consent_refused_total{reason=\"fork\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("consent_refused_total{reason=\"gap\"} 0\n"),
            "{text}"
        );
        assert!(text.contains("consent_long_polls 1\n"), "{text}");
        assert!(text.contains("consent_rows_stored 5\n"), "{text}");
        assert!(
            text.contains(
                "consent_request_seconds_bucket{route=\"/api/v1/push\",le=\"0.0025\"} 0\n"
            ) && text.contains(
                "consent_request_seconds_bucket{route=\"/api/v1/push\",le=\"0.005\"} 1\n"
            ),
            "{text}"
        );
        drop(poll);
        assert!(m.render(None).contains("consent_long_polls 0\n"));
    }
}
