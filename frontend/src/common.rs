//! What two or more audiences use: layout, toasts, form fields, the directory, times and
//! session items. Their words live in `crate::i18n`.

pub mod answers_text;
pub mod clipboard;
pub mod directory_state;
pub mod download;
pub mod failure_notice;
pub mod field;
pub mod figure_definitions;
pub mod figure_words;
pub mod filing_fields;
pub mod form_kit;
pub mod lang_switch;
pub mod layout;
pub mod loading_line;
pub mod page_title;
pub mod photo_js;
pub mod photo_picker;
pub mod photo_uploads;
pub mod push_bridge;
pub mod question_fields;
pub mod session_item;
pub mod signed_out;
pub mod staff_fields;
pub mod staff_names;
pub mod stage_clock;
pub mod status_chip;
pub mod take_over;
pub mod timeline;
pub mod toast;
pub mod trend_chart;
pub mod when;
