//! Fetching the next bundle ahead: the filing's while the resident reads the home page, the
//! tracking's while they type (the screen shown after filing is that bundle's); each then
//! opens without a visible wait.

/// Adds prefetch hints for the tracking bundle (once per page).
pub fn prefetch_tracking() {
    prefetch_bundle("track");
}

/// Adds prefetch hints for the bundle `app` (`/pkg/{app}.js` and its wasm), once per page.
pub fn prefetch_bundle(app: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let first = format!("prefetch-{app}");
    if document.get_element_by_id(&first).is_some() {
        return;
    }
    for (id, href) in [
        (first.clone(), format!("/pkg/{app}.js")),
        (format!("{first}-wasm"), format!("/pkg/{app}_bg.wasm")),
    ] {
        if let Ok(link) = document.create_element("link") {
            link.set_id(&id);
            let _ = link.set_attribute("rel", "prefetch");
            let _ = link.set_attribute("href", &href);
            if let Some(head) = document.head() {
                let _ = head.append_child(&link);
            }
        }
    }
}
