//! Parsers for single spreadsheet cell values: dates, numbers, yes/no and
//! submission channels, in the forms Vietnamese officials actually type.
//!
//! Every parser is total (any string in, a typed answer out, never a panic)
//! and cheap on the common ASCII path, because intake runs them over every
//! cell of files with up to a million rows. Column-level helpers
//! ([`detect_number_style`], [`column_is_x_blank`]) resolve conventions that
//! a single cell cannot.

mod channel;
mod dates;
mod flags;
mod numbers;

pub use channel::{parse_channel, Channel};
pub use dates::{compact_ymd, excel_serial_to_date, parse_date_text, DateParse, TWO_DIGIT_YEAR_PIVOT};
pub use flags::{column_is_x_blank, parse_yes_no};
pub use numbers::{detect_number_style, parse_number, parse_number_with, Number, NumberStyle};
