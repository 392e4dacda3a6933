//! The xmlcalendar exchange format (xmlcalendar.ru), the de-facto way Russian software
//! passes production calendars around.
//!
//! ```xml
//! <calendar year="2025" lang="ru" date="2024.10.05" country="ru">
//!   <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
//!   <days>
//!     <day d="01.01" t="1" h="1"/>   <!-- day off, holiday 1 -->
//!     <day d="03.07" t="2"/>         <!-- shortened working day -->
//!     <day d="11.01" t="3"/>         <!-- working Saturday -->
//!     <day d="11.03" t="1" f="11.01"/> <!-- day off moved from 01.11 -->
//!   </days>
//! </calendar>
//! ```
//! Days not listed follow the Monday–Friday rule.

mod export;
mod import;

pub(super) use export::export;
pub(super) use import::import;
