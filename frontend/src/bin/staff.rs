//! Entry point of the staff console (`/staff`, `/staff/cases/{code}`).

fn main() {
    leptos::mount::mount_to_body(accord_frontend::staff_app::StaffApp);
}
