//! The language printable pages show documents in: the official Chinese text, the English
//! rendering, or both one after the other, as the reader chooses in a radio group that starts
//! at the reader's language.

use crate::i18n::documents::DocMsg;
use crate::i18n::{t, Lang};
use accord_shared::documents::Document;
use accord_shared::wire::DocumentView;
use leptos::prelude::*;

/// Which renderings a page shows and prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Zh,
    En,
    Both,
}

impl Shown {
    /// How the choice is spelled in an address (`?lang=both`).
    pub fn code(self) -> &'static str {
        match self {
            Shown::Zh => "zh",
            Shown::En => "en",
            Shown::Both => "both",
        }
    }

    /// The choice an address spells, if it spells one.
    pub fn parse(code: &str) -> Option<Shown> {
        match code.trim() {
            "zh" => Some(Shown::Zh),
            "en" => Some(Shown::En),
            "both" => Some(Shown::Both),
            _ => None,
        }
    }

    /// The reader's own language, before they choose.
    pub fn of(lang: Lang) -> Shown {
        match lang {
            Lang::Zh => Shown::Zh,
            Lang::En => Shown::En,
        }
    }

    /// The renderings printed for each document, in order: the Chinese first.
    pub fn renderings(self) -> &'static [Lang] {
        match self {
            Shown::Zh => &[Lang::Zh],
            Shown::En => &[Lang::En],
            Shown::Both => &[Lang::Zh, Lang::En],
        }
    }

    /// The language of what goes around the documents (a cover, an index, a history): the
    /// Chinese, the official record, when both are shown.
    pub fn lead(self) -> Lang {
        match self {
            Shown::En => Lang::En,
            Shown::Zh | Shown::Both => Lang::Zh,
        }
    }
}

/// A document's rendering in `lang`.
pub fn rendering(document: &DocumentView, lang: Lang) -> &Document {
    match lang {
        Lang::Zh => &document.zh,
        Lang::En => &document.en,
    }
}

/// The radio group that makes the choice; `on_choose` hears each new one.
#[component]
pub fn LangChoice(
    shown: RwSignal<Shown>,
    #[prop(optional, into)] on_choose: Option<Callback<Shown>>,
) -> impl IntoView {
    let choice = move |value: Shown, label: DocMsg| {
        view! {
            <label class="radio-row">
                <input
                    type="radio"
                    name="doc-lang"
                    value=value.code()
                    prop:checked=move || shown.get() == value
                    on:change=move |_| {
                        shown.set(value);
                        if let Some(on_choose) = on_choose {
                            on_choose.run(value);
                        }
                    }
                />
                <span>{t(label)}</span>
            </label>
        }
    };
    view! {
        <fieldset class="choice-group doc-lang">
            <legend>{t(DocMsg::LangLabel)}</legend>
            {choice(Shown::Zh, DocMsg::LangZh)}
            {choice(Shown::En, DocMsg::LangEn)}
            {choice(Shown::Both, DocMsg::LangBoth)}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_choice_prints_its_renderings_chinese_first_and_reads_back_from_its_code() {
        assert_eq!(Shown::Zh.renderings(), &[Lang::Zh]);
        assert_eq!(Shown::En.renderings(), &[Lang::En]);
        assert_eq!(Shown::Both.renderings(), &[Lang::Zh, Lang::En]);
        assert_eq!(Shown::Zh.lead(), Lang::Zh);
        assert_eq!(Shown::En.lead(), Lang::En);
        assert_eq!(
            Shown::Both.lead(),
            Lang::Zh,
            "both: the cover is the official record"
        );
        for shown in [Shown::Zh, Shown::En, Shown::Both] {
            assert_eq!(Shown::parse(shown.code()), Some(shown));
        }
        for code in ["", "fr", "EN", "zh-CN"] {
            assert_eq!(Shown::parse(code), None, "{code}");
        }
        assert_eq!(Shown::of(Lang::Zh), Shown::Zh);
        assert_eq!(Shown::of(Lang::En), Shown::En);
    }
}
