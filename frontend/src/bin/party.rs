//! Entry point of a party's session page (`/s#<token>`): residents open it from a text
//! message, so it carries nothing but that page.

fn main() {
    accord_frontend::common::take_over::remove_prerendered();
    leptos::mount::mount_to_body(accord_frontend::party::party_app::PartyApp);
}
