//! Errors of the calendar. `Display` is English for logs; `code()` is the stable key
//! another layer translates for people.

use chrono::NaiveDate;

/// A date, or a computation stepping into a date, in a year the calendar has no data for.
///
/// Deliberately not recoverable by guessing Monday–Friday: the caller must either import
/// the year or tell the user the deadline cannot be computed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the production calendar has no data for year {year}")]
pub struct UnknownYear {
    /// The year that is missing.
    pub year: i32,
}

impl UnknownYear {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "calendar_unknown_year"
    }
}

/// Why an xmlcalendar document was refused. The calendar is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is not well-formed XML, or uses what xmlcalendar does not (a DTD, text content).
    #[error("malformed XML at line {line}, column {column}: {reason}")]
    MalformedXml {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong there.
        reason: &'static str,
    },
    /// The root element is not `<calendar>`.
    #[error("the root element is <{found}>, expected <calendar>")]
    NotACalendar {
        /// Name of the root element found.
        found: String,
    },
    /// An element appears where the format has no such element.
    #[error("unexpected element <{element}> inside <{parent}>")]
    UnexpectedElement {
        /// The unexpected element.
        element: String,
        /// Its parent.
        parent: String,
    },
    /// An element appears twice where the format allows it once.
    #[error("element <{element}> appears more than once")]
    RepeatedElement {
        /// The repeated element.
        element: &'static str,
    },
    /// An attribute the format does not define.
    #[error("unknown attribute {attribute:?} on <{element}>")]
    UnknownAttribute {
        /// Element carrying it.
        element: &'static str,
        /// The attribute.
        attribute: String,
    },
    /// A required attribute is absent.
    #[error("<{element}> lacks the required attribute {attribute:?}")]
    MissingAttribute {
        /// Element lacking it.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
    },
    /// `year` is not a number in the supported range.
    #[error("invalid year {value:?}: expected a year from 2013 to 2100")]
    InvalidYear {
        /// The attribute text.
        value: String,
    },
    /// The file describes another country (xmlcalendar also publishes by, kz, ua …).
    #[error("the calendar is for country {value:?}, expected \"ru\"")]
    WrongCountry {
        /// The attribute text.
        value: String,
    },
    /// The document has no `<days>` element, so it cannot be a complete year.
    #[error("the calendar has no <days> element")]
    MissingDays,
    /// A `<holiday id>` is not a number from 1 to 255.
    #[error("invalid holiday id {value:?}")]
    InvalidHolidayId {
        /// The attribute text.
        value: String,
    },
    /// Two `<holiday>` elements share an id.
    #[error("holiday id {id} is defined twice")]
    DuplicateHolidayId {
        /// The id.
        id: u8,
    },
    /// `d` (or `f`) is not an existing date written as MM.DD.
    #[error("invalid day {value:?}: expected an existing date of the year as MM.DD")]
    InvalidDay {
        /// The attribute text.
        value: String,
    },
    /// `t` is not 1, 2 or 3.
    #[error("day {day}: unknown type t={value:?}, expected 1, 2 or 3")]
    UnknownDayType {
        /// The day.
        day: NaiveDate,
        /// The attribute text.
        value: String,
    },
    /// `h` is not a holiday id defined in `<holidays>`.
    #[error("day {day}: holiday reference h={value:?} is not defined in <holidays>")]
    UnknownHolidayRef {
        /// The day.
        day: NaiveDate,
        /// The attribute text.
        value: String,
    },
    /// `h` or `f` on a working day (t=2 or t=3), which the format reserves for days off.
    #[error("day {day}: attribute {attribute:?} is only allowed on a day off (t=1)")]
    AttributeOnWorkingDay {
        /// The day.
        day: NaiveDate,
        /// `h` or `f`.
        attribute: &'static str,
    },
    /// The same date is listed twice.
    #[error("day {day} is listed more than once")]
    DuplicateDay {
        /// The day.
        day: NaiveDate,
    },
    /// t=3 ("working weekend day") on a Monday–Friday.
    #[error("day {day} is marked as a working weekend day (t=3) but is not a Saturday or Sunday")]
    WorkingWeekendOnWeekday {
        /// The day.
        day: NaiveDate,
    },
    /// A Labour Code Art. 112 public holiday would be a working day.
    #[error("day {day} is a public holiday (Labour Code Art. 112) but would be a working day")]
    StatutoryHolidayWorking {
        /// The day.
        day: NaiveDate,
    },
}

impl ImportError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MalformedXml { .. } => "calendar_xml_malformed",
            Self::NotACalendar { .. } => "calendar_xml_not_a_calendar",
            Self::UnexpectedElement { .. } => "calendar_xml_unexpected_element",
            Self::RepeatedElement { .. } => "calendar_xml_repeated_element",
            Self::UnknownAttribute { .. } => "calendar_xml_unknown_attribute",
            Self::MissingAttribute { .. } => "calendar_xml_missing_attribute",
            Self::InvalidYear { .. } => "calendar_xml_invalid_year",
            Self::WrongCountry { .. } => "calendar_xml_wrong_country",
            Self::MissingDays => "calendar_xml_missing_days",
            Self::InvalidHolidayId { .. } => "calendar_xml_invalid_holiday_id",
            Self::DuplicateHolidayId { .. } => "calendar_xml_duplicate_holiday_id",
            Self::InvalidDay { .. } => "calendar_xml_invalid_day",
            Self::UnknownDayType { .. } => "calendar_xml_unknown_day_type",
            Self::UnknownHolidayRef { .. } => "calendar_xml_unknown_holiday_ref",
            Self::AttributeOnWorkingDay { .. } => "calendar_xml_attribute_on_working_day",
            Self::DuplicateDay { .. } => "calendar_xml_duplicate_day",
            Self::WorkingWeekendOnWeekday { .. } => "calendar_xml_working_weekend_on_weekday",
            Self::StatutoryHolidayWorking { .. } => "calendar_xml_statutory_holiday_working",
        }
    }
}
