//! Fetching the tracking bundle ahead, while the resident types: the screen shown after
//! filing is that bundle's, and it then opens without a visible wait.

/// Adds prefetch hints for the tracking bundle (once per page).
pub fn prefetch_tracking() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if document.get_element_by_id("prefetch-track").is_some() {
        return;
    }
    for (id, href) in [
        ("prefetch-track", "/pkg/track.js"),
        ("prefetch-track-wasm", "/pkg/track_bg.wasm"),
    ] {
        if let Ok(link) = document.create_element("link") {
            link.set_id(id);
            let _ = link.set_attribute("rel", "prefetch");
            let _ = link.set_attribute("href", href);
            if let Some(head) = document.head() {
                let _ = head.append_child(&link);
            }
        }
    }
}
