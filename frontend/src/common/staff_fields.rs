//! Small form controls of the staff console: a visible label, optional help, and the error
//! under the control linked by `aria-describedby`. What was typed lives in the caller's signal,
//! so it survives the form being drawn again.

mod check_box;
mod field_props;
mod radio_group;
mod select;
mod text_area;
mod text_input;
pub use check_box::CheckBox;
pub use field_props::InputKind;
pub use radio_group::RadioGroup;
pub use select::Select;
pub use text_area::TextArea;
pub use text_input::TextInput;
