//! The queue's search box: a case code for every reader, and part of a party's name, phone or
//! address for staff who may read contact details. It checks what was typed with the rule the
//! API applies (`accord_shared::search`) and says beside the field what is wrong, keeping it.

use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n};
use accord_shared::fields::FieldProblem;
use accord_shared::search::SearchQuery;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// What the search box says is wrong with a query, if anything.
pub fn query_problem(raw: &str, may_search_contact: bool) -> Option<StaffMsg> {
    match SearchQuery::parse(raw) {
        Ok(query) if query.needs_contact() && !may_search_contact => Some(StaffMsg::SearchCodeOnly),
        Ok(_) => None,
        Err(FieldProblem::TooLong { .. }) => Some(StaffMsg::ProblemTooLongAny),
        Err(_) => Some(StaffMsg::SearchTooShort),
    }
}

/// `searching` holds the query the queue shows results for ("" for the queue itself);
/// `on_search` runs when it changes. `error` is the problem shown beside the field (the page
/// sets it too, when the API refuses the query).
#[component]
pub fn QueueSearch(
    searching: RwSignal<String>,
    error: RwSignal<Option<StaffMsg>>,
    may_search_contact: bool,
    on_search: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(searching.get_untracked());
    let hint = if may_search_contact {
        StaffMsg::SearchHintContact
    } else {
        StaffMsg::SearchHintCode
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let raw = typed.get_untracked();
        if raw.trim().is_empty() {
            error.set(None);
            if !searching.get_untracked().is_empty() {
                searching.set(String::new());
                on_search.run(());
            }
            return;
        }
        if let Some(problem) = query_problem(&raw, may_search_contact) {
            error.set(Some(problem));
            return;
        }
        error.set(None);
        searching.set(raw.trim().to_owned());
        on_search.run(());
    };
    let clear = move |_| {
        typed.set(String::new());
        error.set(None);
        searching.set(String::new());
        on_search.run(());
    };
    view! {
        <form class="queue-search" role="search" on:submit=submit novalidate>
            <div class="field" class:has-error=move || error.with(Option::is_some)>
                <label for="queue-q">{t(StaffMsg::SearchLabel)}</label>
                <p class="help" id="queue-q-help">{t(hint)}</p>
                <div class="search-row">
                    <input
                        id="queue-q"
                        type="search"
                        enterkeyhint="search"
                        autocomplete="off"
                        maxlength="40"
                        aria-describedby="queue-q-help queue-q-error"
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || typed.get()
                        on:input=move |ev| {
                            typed.set(event_target_value(&ev));
                            error.set(None);
                        }
                    />
                    <button type="submit" class="button secondary">{t(StaffMsg::SearchButton)}</button>
                </div>
                <p class="error" id="queue-q-error">
                    {move || error.get().map(|msg| msg.text(i18n.lang()))}
                </p>
            </div>
            <Show when=move || !searching.with(String::is_empty)>
                <button type="button" class="link-button" on:click=clear>{t(StaffMsg::SearchClear)}</button>
            </Show>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_refuses_what_the_api_would() {
        assert_eq!(query_problem("ZH01-2026-0001", false), None);
        assert_eq!(query_problem("张三", true), None);
        assert_eq!(query_problem("张三", false), Some(StaffMsg::SearchCodeOnly));
        assert_eq!(query_problem("张", true), Some(StaffMsg::SearchTooShort));
        assert_eq!(
            query_problem(&"1".repeat(41), true),
            Some(StaffMsg::ProblemTooLongAny)
        );
    }
}
