//! Entry point of the resident app (`/`, `/report`, `/track`).

fn main() {
    leptos::mount::mount_to_body(accord_frontend::resident::resident_app::ResidentApp);
}
