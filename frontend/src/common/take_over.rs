//! The page's HTML carries the home screen so that it paints before the app arrives; every
//! app removes that copy (hidden on its other pages) in the same task in which it mounts its
//! own, so nothing flashes and no second copy stays in the page.

/// Removes the server's copy of the screen (`#prerendered`), if the page has one.
pub fn remove_prerendered() {
    let copy = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("prerendered"));
    if let Some(copy) = copy {
        copy.remove();
    }
}
