//! Entry point of the public figures page (`/figures`): anyone may open it on a phone, so
//! it carries nothing but that page.

fn main() {
    accord_frontend::common::take_over::remove_prerendered();
    leptos::mount::mount_to_body(accord_frontend::public::figures_app::FiguresApp);
}
