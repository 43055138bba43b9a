//! Entry point of the filing (`/report`).

fn main() {
    accord_frontend::common::take_over::remove_prerendered();
    leptos::mount::mount_to_body(accord_frontend::resident::report_app::ReportApp);
}
