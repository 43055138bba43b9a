//! Entry point of the staff console (`/staff`, `/staff/cases/{code}`) and of the volunteer's
//! pages (`/v`), which share this bundle so that residents download neither.

fn main() {
    accord_frontend::common::take_over::remove_prerendered();
    let path = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    if path == "/v" || path.starts_with("/v/") {
        leptos::mount::mount_to_body(accord_frontend::volunteer::volunteer_app::VolunteerApp);
    } else {
        leptos::mount::mount_to_body(accord_frontend::staff::staff_app::StaffApp);
    }
}
