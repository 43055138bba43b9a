//! Entry point of the resident app (`/`, `/report`): the home page and the filing.

fn main() {
    accord_frontend::common::take_over::remove_prerendered();
    leptos::mount::mount_to_body(accord_frontend::resident::resident_app::ResidentApp);
}
