//! The calendar file of a party's session, offered as a download.

use crate::common::download::download_text;

/// Offers `text` as a download named `session.ics`.
pub(super) fn download_ics(text: &str) {
    download_text(text, "text/calendar", "session.ics");
}
