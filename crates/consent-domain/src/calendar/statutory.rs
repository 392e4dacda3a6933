//! Public holidays fixed by Labour Code Art. 112 (wording in force since 2013).
//!
//! Both the built-in years and the import check use this list, so an imported file that
//! would make 9 May a working day is refused instead of silently shortening deadlines.

use chrono::{Month, NaiveDate};

/// First year in which Art. 112 has this list (New Year holidays 1–6 and 8 January were
/// set by Federal Law No. 35-FZ of 23.04.2012). Earlier years cannot be checked, so they
/// are not accepted.
pub(crate) const FIRST_YEAR: i32 = 2013;

/// Upper bound for imported years; far enough for the app's life, near enough to catch
/// a typo such as 20255.
pub(crate) const LAST_YEAR: i32 = 2100;

/// Holiday ids and titles as xmlcalendar numbers them; built-in years use exactly these.
pub(crate) const TITLES: [(u8, &str); 8] = [
    (1, "Новогодние каникулы"),
    (2, "Рождество Христово"),
    (3, "День защитника Отечества"),
    (4, "Международный женский день"),
    (5, "Праздник Весны и Труда"),
    (6, "День Победы"),
    (7, "День России"),
    (8, "День народного единства"),
];

/// Every Art. 112 non-working holiday as (month, day, holiday id).
const HOLIDAYS: [(Month, u8, u8); 14] = [
    (Month::January, 1, 1),
    (Month::January, 2, 1),
    (Month::January, 3, 1),
    (Month::January, 4, 1),
    (Month::January, 5, 1),
    (Month::January, 6, 1),
    (Month::January, 7, 2),
    (Month::January, 8, 1),
    (Month::February, 23, 3),
    (Month::March, 8, 4),
    (Month::May, 1, 5),
    (Month::May, 9, 6),
    (Month::June, 12, 7),
    (Month::November, 4, 8),
];

/// The Art. 112 holidays of `year` with their ids, in date order.
pub(crate) fn holidays(year: i32) -> impl Iterator<Item = (NaiveDate, u8)> {
    HOLIDAYS.iter().filter_map(move |&(month, day, id)| {
        NaiveDate::from_ymd_opt(year, month.number_from_month(), u32::from(day))
            .map(|date| (date, id))
    })
}
