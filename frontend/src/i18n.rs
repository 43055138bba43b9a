//! Every word the screens show, in Chinese (zh-CN) and English, and the reader's language.
//!
//! The tables sit in `i18n/`, split by who reads them so that a bundle links only its own:
//! `common` and `session_words` (every bundle), `staff` and `sessions` (the staff console's
//! scheduling; reached only from staff code), `party`. Each is one `messages!` table, and each
//! kind of message is its own type, so a message is only ever given the arguments it declares.

use accord_shared::directory::Name;
use leptos::prelude::*;

pub mod common;
pub mod party;
pub mod session_words;
pub mod sessions;
pub mod staff;

pub use common::*;

/// The two languages of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

const STORAGE_KEY: &str = "accord.lang";

impl Lang {
    /// The value of `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language a browser asks for (`navigator.language`); Chinese unless it is English.
    pub fn from_browser_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    fn from_stored(value: &str) -> Option<Lang> {
        match value {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn stored(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// A directory name in this language.
    pub fn pick(self, name: &Name) -> String {
        match self {
            Lang::Zh => name.zh.clone(),
            Lang::En => name.en.clone(),
        }
    }
}

/// A message without arguments: its text is a `&'static str`.
pub trait Text: Copy + Send + Sync + 'static {
    fn text(self, lang: Lang) -> &'static str;
}

/// The template for `n` things: Chinese has one form, English a singular for exactly one.
pub fn plural(
    lang: Lang,
    n: usize,
    zh: &'static str,
    other: &'static str,
    one: &'static str,
) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En if n == 1 => one,
        Lang::En => other,
    }
}

/// `template` with `{n}` replaced by a number.
pub fn fill_n(template: &str, n: usize) -> String {
    template.replace("{n}", &n.to_string())
}

/// Declares one table of messages, in sections; each section is one type and holds one kind:
///
/// ```text
/// Msg   { Key => "中文", "English"; }                               // .text(lang) -> &'static str
/// MsgN  { Key(n) => "{n} 天", "{n} days" | "{n} day"; }             // .with(lang, n): plural by n
/// MsgX  { Key(x) => "承办：{x}", "Handled by: {x}"; }               // .with(lang, x: &str)
/// MsgNM { Key(n, m) => "第 {n} 步，共 {m} 步", "Step {n} of {m}"; } // .with(lang, n, m)
/// MsgXN { Key(x, n) => "{x} 容纳 {n} 人", "{x} holds {n} people" | "{x} holds {n} person"; }
/// ```
///
/// The English singular after `|` is optional (it defaults to the plural template). The table
/// gets one generated test: every text is non-empty in both languages, the Chinese is written
/// in Chinese (or the English is, for the language switch), and each template has exactly the
/// placeholders its kind declares.
macro_rules! messages {
    ($($(#[$meta:meta])* $name:ident { $($body:tt)* })*) => {
        $( $crate::i18n::messages!(@section $(#[$meta])* $name { $($body)* }); )*

        #[cfg(test)]
        mod completeness {
            #[test]
            fn every_message_has_both_languages_and_exactly_its_placeholders() {
                $( super::$name::check(); )*
            }
        }
    };

    (@section $(#[$meta:meta])* $name:ident { $($key:ident => $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $crate::i18n::Text for $name {
            fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Zh => match self { $($name::$key => $zh),* },
                    $crate::i18n::Lang::En => match self { $($name::$key => $en),* },
                }
            }
        }

        impl $name {
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                $crate::i18n::Text::text(self, lang)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en) in [$((stringify!($key), $zh, $en)),*] {
                    $crate::i18n::check(key, zh, en, &[]);
                }
            }
        }
    };

    (@section $(#[$meta:meta])* $name:ident { $($key:ident(n) => $zh:literal, $en:literal $(| $one:literal)?;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// Chinese, English plural, English singular.
            fn templates(self) -> (&'static str, &'static str, &'static str) {
                match self { $($name::$key => ($zh, $en, $crate::i18n::messages!(@one $en $(, $one)?))),* }
            }

            /// The text for `n`, in the form `n` asks for.
            pub fn with(self, lang: $crate::i18n::Lang, n: usize) -> String {
                let (zh, other, one) = self.templates();
                $crate::i18n::fill_n($crate::i18n::plural(lang, n, zh, other, one), n)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en, one) in [$((stringify!($key), $zh, $en, $crate::i18n::messages!(@one $en $(, $one)?))),*] {
                    $crate::i18n::check(key, zh, en, &["{n}"]);
                    $crate::i18n::check_holes(key, one, &[], &["{n}"]);
                }
            }
        }
    };

    (@section $(#[$meta:meta])* $name:ident { $($key:ident(x) => $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            fn templates(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Zh => match self { $($name::$key => $zh),* },
                    $crate::i18n::Lang::En => match self { $($name::$key => $en),* },
                }
            }

            /// The text with `{x}` replaced by other words.
            pub fn with(self, lang: $crate::i18n::Lang, x: &str) -> String {
                self.templates(lang).replace("{x}", x)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en) in [$((stringify!($key), $zh, $en)),*] {
                    $crate::i18n::check(key, zh, en, &["{x}"]);
                }
            }
        }
    };

    (@section $(#[$meta:meta])* $name:ident { $($key:ident(n, m) => $zh:literal, $en:literal $(| $one:literal)?;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            fn templates(self) -> (&'static str, &'static str, &'static str) {
                match self { $($name::$key => ($zh, $en, $crate::i18n::messages!(@one $en $(, $one)?))),* }
            }

            /// The text for two numbers; the form follows `n`.
            pub fn with(self, lang: $crate::i18n::Lang, n: usize, m: usize) -> String {
                let (zh, other, one) = self.templates();
                $crate::i18n::fill_n($crate::i18n::plural(lang, n, zh, other, one), n)
                    .replace("{m}", &m.to_string())
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en, one) in [$((stringify!($key), $zh, $en, $crate::i18n::messages!(@one $en $(, $one)?))),*] {
                    $crate::i18n::check(key, zh, en, &["{n}", "{m}"]);
                    $crate::i18n::check_holes(key, one, &["{m}"], &["{n}", "{m}"]);
                }
            }
        }
    };

    (@section $(#[$meta:meta])* $name:ident { $($key:ident(x, n) => $zh:literal, $en:literal $(| $one:literal)?;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            fn templates(self) -> (&'static str, &'static str, &'static str) {
                match self { $($name::$key => ($zh, $en, $crate::i18n::messages!(@one $en $(, $one)?))),* }
            }

            /// The text with other words and a number; the form follows `n`.
            pub fn with(self, lang: $crate::i18n::Lang, x: &str, n: usize) -> String {
                let (zh, other, one) = self.templates();
                $crate::i18n::fill_n($crate::i18n::plural(lang, n, zh, other, one), n).replace("{x}", x)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en, one) in [$((stringify!($key), $zh, $en, $crate::i18n::messages!(@one $en $(, $one)?))),*] {
                    $crate::i18n::check(key, zh, en, &["{x}", "{n}"]);
                    $crate::i18n::check_holes(key, one, &["{x}"], &["{x}", "{n}"]);
                }
            }
        }
    };

    (@one $other:literal) => { $other };
    (@one $other:literal, $one:literal) => { $one };
}
pub(crate) use messages;

/// One message's texts: both non-empty, the Chinese in Chinese (the language switch names the
/// other language, so there the English is), and each holding exactly `holes`.
#[cfg(test)]
pub(crate) fn check(key: &str, zh: &str, en: &str, holes: &[&str]) {
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    assert!(
        !zh.trim().is_empty() && !en.trim().is_empty(),
        "{key}: empty text"
    );
    assert!(
        zh.chars().any(is_cjk) || en.chars().any(is_cjk),
        "{key}: Chinese not in Chinese"
    );
    check_holes(key, zh, holes, holes);
    check_holes(key, en, holes, holes);
}

/// `text` holds every one of `required` and no placeholder beyond `allowed`.
#[cfg(test)]
pub(crate) fn check_holes(key: &str, text: &str, required: &[&str], allowed: &[&str]) {
    assert!(!text.trim().is_empty(), "{key}: empty text");
    let mut rest = text.to_owned();
    for hole in required {
        assert!(rest.contains(hole), "{key}: {text:?} lacks {hole}");
    }
    for hole in allowed {
        rest = rest.replace(hole, "");
    }
    assert!(
        !rest.contains('{') && !rest.contains('}'),
        "{key}: {text:?} has a placeholder it is not given"
    );
}

/// The reader's language, shared by every component through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// Reads the remembered choice, else the browser's language, and keeps `<html lang>` and
    /// the remembered choice up to date.
    pub fn provide() -> I18n {
        let initial = remembered_lang().unwrap_or_else(|| {
            let tag = window().navigator().language().unwrap_or_default();
            Lang::from_browser_tag(&tag)
        });
        let i18n = I18n(RwSignal::new(initial));
        provide_context(i18n);
        Effect::new(move |_| {
            let lang = i18n.0.get();
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            if let Ok(Some(storage)) = window().local_storage() {
                let _ = storage.set_item(STORAGE_KEY, lang.stored());
            }
        });
        i18n
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }

    pub fn switch(self) {
        self.0.update(|lang| *lang = lang.other());
    }
}

fn remembered_lang() -> Option<Lang> {
    let storage = window().local_storage().ok()??;
    Lang::from_stored(&storage.get_item(STORAGE_KEY).ok()??)
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Reactive text of a message from any table: `<h1>{t(Msg::HomeTitle)}</h1>`.
pub fn t<M: Text>(msg: M) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || msg.text(i18n.lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_asking_for_english_get_english_and_the_rest_chinese() {
        assert_eq!(Lang::from_browser_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_browser_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser_tag(""), Lang::Zh);
    }
}
