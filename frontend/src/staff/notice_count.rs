//! How many of the reader's notices are unread, shown beside "Notices" in the navigation:
//! asked of the server when the console opens and on every change of screen.

use crate::api::notices;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, Copy)]
pub struct NoticeCount(pub RwSignal<u32>);

impl NoticeCount {
    pub fn provide() -> NoticeCount {
        let count = NoticeCount(RwSignal::new(0));
        provide_context(count);
        count
    }

    /// Asks the server again (a failure leaves the count as it was).
    pub fn refresh(self) {
        spawn_local(async move {
            if let Ok(page) = notices::page(None).await {
                self.0.set(page.unread);
            }
        });
    }
}

pub fn use_notice_count() -> NoticeCount {
    expect_context::<NoticeCount>()
}
