//! The two languages, the text of a message in each, and the `messages!` macro that declares
//! the tables in `i18n/` (with the checks its generated tests run).

use accord_shared::directory::Name;

/// The two languages of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

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

    pub(super) fn from_stored(value: &str) -> Option<Lang> {
        match value {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub(super) fn stored(self) -> &'static str {
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
        $( $crate::i18n::lang::messages!(@section $(#[$meta])* $name { $($body)* }); )*

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

        impl $crate::i18n::lang::Text for $name {
            fn text(self, lang: $crate::i18n::lang::Lang) -> &'static str {
                match lang {
                    $crate::i18n::lang::Lang::Zh => match self { $($name::$key => $zh),* },
                    $crate::i18n::lang::Lang::En => match self { $($name::$key => $en),* },
                }
            }
        }

        impl $name {
            pub fn text(self, lang: $crate::i18n::lang::Lang) -> &'static str {
                $crate::i18n::lang::Text::text(self, lang)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en) in [$((stringify!($key), $zh, $en)),*] {
                    $crate::i18n::lang::check(key, zh, en, &[]);
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
                match self { $($name::$key => ($zh, $en, $crate::i18n::lang::messages!(@one $en $(, $one)?))),* }
            }

            /// The text for `n`, in the form `n` asks for.
            pub fn with(self, lang: $crate::i18n::lang::Lang, n: usize) -> String {
                let (zh, other, one) = self.templates();
                $crate::i18n::lang::fill_n($crate::i18n::lang::plural(lang, n, zh, other, one), n)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en, one) in [$((stringify!($key), $zh, $en, $crate::i18n::lang::messages!(@one $en $(, $one)?))),*] {
                    $crate::i18n::lang::check(key, zh, en, &["{n}"]);
                    $crate::i18n::lang::check_holes(key, one, &[], &["{n}"]);
                }
            }
        }
    };

    (@section $(#[$meta:meta])* $name:ident { $($key:ident(x) => $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            fn templates(self, lang: $crate::i18n::lang::Lang) -> &'static str {
                match lang {
                    $crate::i18n::lang::Lang::Zh => match self { $($name::$key => $zh),* },
                    $crate::i18n::lang::Lang::En => match self { $($name::$key => $en),* },
                }
            }

            /// The text with `{x}` replaced by other words.
            pub fn with(self, lang: $crate::i18n::lang::Lang, x: &str) -> String {
                self.templates(lang).replace("{x}", x)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en) in [$((stringify!($key), $zh, $en)),*] {
                    $crate::i18n::lang::check(key, zh, en, &["{x}"]);
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
                match self { $($name::$key => ($zh, $en, $crate::i18n::lang::messages!(@one $en $(, $one)?))),* }
            }

            /// The text for two numbers; the form follows `n`.
            pub fn with(self, lang: $crate::i18n::lang::Lang, n: usize, m: usize) -> String {
                let (zh, other, one) = self.templates();
                $crate::i18n::lang::fill_n($crate::i18n::lang::plural(lang, n, zh, other, one), n)
                    .replace("{m}", &m.to_string())
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en, one) in [$((stringify!($key), $zh, $en, $crate::i18n::lang::messages!(@one $en $(, $one)?))),*] {
                    $crate::i18n::lang::check(key, zh, en, &["{n}", "{m}"]);
                    $crate::i18n::lang::check_holes(key, one, &["{m}"], &["{n}", "{m}"]);
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
                match self { $($name::$key => ($zh, $en, $crate::i18n::lang::messages!(@one $en $(, $one)?))),* }
            }

            /// The text with other words and a number; the form follows `n`.
            pub fn with(self, lang: $crate::i18n::lang::Lang, x: &str, n: usize) -> String {
                let (zh, other, one) = self.templates();
                $crate::i18n::lang::fill_n($crate::i18n::lang::plural(lang, n, zh, other, one), n).replace("{x}", x)
            }

            #[cfg(test)]
            fn check() {
                for (key, zh, en, one) in [$((stringify!($key), $zh, $en, $crate::i18n::lang::messages!(@one $en $(, $one)?))),*] {
                    $crate::i18n::lang::check(key, zh, en, &["{x}", "{n}"]);
                    $crate::i18n::lang::check_holes(key, one, &["{x}"], &["{x}", "{n}"]);
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
