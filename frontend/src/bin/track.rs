//! Entry point of the tracking app (`/track`).

fn main() {
    accord_frontend::common::take_over::remove_prerendered();
    leptos::mount::mount_to_body(accord_frontend::resident::track_app::TrackApp);
}
