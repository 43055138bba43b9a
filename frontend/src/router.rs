//! A tiny History-API router: the current path as a signal, `pushState` to move, `popstate` to
//! follow the back button, and links that navigate without reloading the page.

use leptos::ev;
use leptos::prelude::*;

/// The current path, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Router {
    path: RwSignal<String>,
}

impl Router {
    /// Reads `location.pathname` and follows the browser's back and forward buttons.
    pub fn provide() -> Router {
        let router = Router {
            path: RwSignal::new(current_path()),
        };
        provide_context(router);
        let handle = window_event_listener(ev::popstate, move |_| {
            router.path.set(current_path());
            after_navigation();
        });
        on_cleanup(move || handle.remove());
        router
    }

    pub fn path(self) -> String {
        self.path.get()
    }

    /// Moves to `path`, adding a history entry.
    pub fn navigate(self, path: &str) {
        if self.path.get_untracked() == path {
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
        }
        self.path.set(path.to_owned());
        window().scroll_to_with_x_and_y(0.0, 0.0);
        after_navigation();
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

fn current_path() -> String {
    window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".to_owned())
}

/// A parameter of the page's query string (`?month=2026-11`), decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    param_in(&search, name)
}

/// Every parameter of the page's query string, decoded, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let search = window().location().search().unwrap_or_default();
    pairs_in(&search)
}

/// The parameters of a query string (with or without its `?`), decoded, in order.
pub fn pairs_in(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .map(|(key, value)| {
            (
                percent_decode(key),
                percent_decode(&value.replace('+', " ")),
            )
        })
        .collect()
}

/// A parameter of a query string (with or without its `?`): `+` is a space, `%XX` a byte.
pub fn param_in(search: &str, name: &str) -> Option<String> {
    pairs_in(search)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Moves focus to the new screen's heading so screen readers announce it.
fn after_navigation() {
    request_animation_frame(|| {
        if let Some(heading) = document().query_selector("main h1").ok().flatten() {
            use wasm_bindgen::JsCast;
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        }
    });
}

/// An `<a>` that navigates inside the app unless the reader asks for a new tab or window.
#[component]
pub fn Link(
    href: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let target = href.clone();
    let current = href.clone();
    let aria_current = move || (router.path() == current).then_some("page");
    let on_click = move |event: ev::MouseEvent| {
        let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
        if event.button() != 0 || modified {
            return;
        }
        event.prevent_default();
        router.navigate(&target);
    };
    view! {
        <a href=href class=class aria-current=aria_current on:click=on_click>
            {children()}
        </a>
    }
}

/// The screens of the resident app (tracking, `/track`, is the track bundle's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentRoute {
    Home,
    Report,
    /// An address that names no page (the server answers it 404).
    Missing,
}

impl ResidentRoute {
    pub fn from_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "" => ResidentRoute::Home,
            "/report" => ResidentRoute::Report,
            _ => ResidentRoute::Missing,
        }
    }
}

/// The screens of the staff console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffRoute {
    Queue,
    Intake,
    Case(String),
    Password,
    AdminUsers,
    AdminDirectory,
    /// One community of the directory (`/staff/admin/directory/communities/{id}`).
    AdminCommunity(String),
    /// A new community of a street (`/staff/admin/directory/streets/{id}/new`).
    AdminNewCommunity(String),
    /// A street's own settings (`/staff/admin/directory/streets/{id}`).
    AdminStreet(String),
    /// The district's settings.
    AdminDistrict,
    /// A category's extra questions (`/staff/admin/directory/categories/{id}`).
    AdminQuestions(String),
    AdminAudit,
    /// The Open311 clients and their keys.
    AdminOpen311,
    Volunteers,
    Agenda,
    Availability,
    /// The dashboard of figures.
    Figures,
    /// The printable monthly report (`?month=YYYY-MM&community=`).
    FiguresReport,
    /// How each figure is defined.
    FigureDefinitions,
    /// The cases behind one number of the dashboard (`?metric=&from=&to=&community=&by=&value=`).
    FigureCases,
    /// The history import and the recount check.
    AdminImport,
    /// A case's file (卷宗), printable (`/staff/cases/{code}/file`).
    CaseFile(String),
    /// One issued document, printable (`/staff/documents/{code~kind~year~seq}`).
    Document(String),
    /// The reader's notices.
    Notices,
    /// A path under `/staff` that names no screen.
    NotFound,
}

impl StaffRoute {
    /// `/staff` is the first screen, `/staff/cases/{code}` a case; a path that names no
    /// screen is not found.
    pub fn from_path(path: &str) -> Self {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        match path {
            "/staff" | "" => return StaffRoute::Queue,
            "/staff/intake" => return StaffRoute::Intake,
            "/staff/password" => return StaffRoute::Password,
            "/staff/admin/users" => return StaffRoute::AdminUsers,
            "/staff/admin/directory" => return StaffRoute::AdminDirectory,
            "/staff/admin/directory/district" => return StaffRoute::AdminDistrict,
            "/staff/admin/audit" => return StaffRoute::AdminAudit,
            "/staff/admin/open311" => return StaffRoute::AdminOpen311,
            "/staff/volunteers" => return StaffRoute::Volunteers,
            "/staff/agenda" => return StaffRoute::Agenda,
            "/staff/availability" => return StaffRoute::Availability,
            "/staff/figures" => return StaffRoute::Figures,
            "/staff/figures/report" => return StaffRoute::FiguresReport,
            "/staff/figures/definitions" => return StaffRoute::FigureDefinitions,
            "/staff/figures/cases" => return StaffRoute::FigureCases,
            "/staff/admin/import" => return StaffRoute::AdminImport,
            "/staff/notices" => return StaffRoute::Notices,
            _ => {}
        }
        let one = |rest: &str| !rest.is_empty() && !rest.contains('/');
        if let Some(id) = path.strip_prefix("/staff/admin/directory/communities/") {
            return if one(id) {
                StaffRoute::AdminCommunity(id.to_owned())
            } else {
                StaffRoute::NotFound
            };
        }
        if let Some(id) = path.strip_prefix("/staff/admin/directory/categories/") {
            return if one(id) {
                StaffRoute::AdminQuestions(id.to_owned())
            } else {
                StaffRoute::NotFound
            };
        }
        if let Some(rest) = path.strip_prefix("/staff/admin/directory/streets/") {
            return match rest.strip_suffix("/new") {
                Some(id) if one(id) => StaffRoute::AdminNewCommunity(id.to_owned()),
                None if one(rest) => StaffRoute::AdminStreet(rest.to_owned()),
                _ => StaffRoute::NotFound,
            };
        }
        if let Some(id) = path.strip_prefix("/staff/documents/") {
            return if id.is_empty() || id.contains('/') {
                StaffRoute::NotFound
            } else {
                StaffRoute::Document(id.to_owned())
            };
        }
        if let Some(code) = path
            .strip_prefix("/staff/cases/")
            .and_then(|rest| rest.strip_suffix("/file"))
            .filter(|code| !code.is_empty() && !code.contains('/'))
        {
            return StaffRoute::CaseFile(code.to_owned());
        }
        match path.strip_prefix("/staff/cases/") {
            Some(code) if !code.is_empty() && !code.contains('/') => {
                StaffRoute::Case(code.to_owned())
            }
            _ => StaffRoute::NotFound,
        }
    }

    pub fn case_path(code: &str) -> String {
        format!("/staff/cases/{code}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_its_file_and_a_document_have_their_own_paths() {
        assert_eq!(
            StaffRoute::from_path("/staff/cases/ZH01-2026-0001"),
            StaffRoute::Case("ZH01-2026-0001".into())
        );
        assert_eq!(
            StaffRoute::from_path("/staff/cases/ZH01-2026-0001/file"),
            StaffRoute::CaseFile("ZH01-2026-0001".into())
        );
        assert_eq!(
            StaffRoute::from_path("/staff/documents/ZH01-2026-0001~acceptance_notice~2026~1"),
            StaffRoute::Document("ZH01-2026-0001~acceptance_notice~2026~1".into())
        );
        for path in [
            "/staff/cases//file",
            "/staff/cases/a/b/file",
            "/staff/documents/",
            "/staff/documents/a/b",
        ] {
            assert_eq!(StaffRoute::from_path(path), StaffRoute::NotFound, "{path}");
        }
    }

    #[test]
    fn query_parameters_are_found_and_decoded() {
        assert_eq!(
            param_in("?month=2026-11&community=zh01", "community"),
            Some("zh01".into())
        );
        assert_eq!(param_in("month=2026-11", "month"), Some("2026-11".into()));
        assert_eq!(param_in("?q=%E4%B8%AD+x", "q"), Some("中 x".into()));
        assert_eq!(param_in("?month", "month"), Some(String::new()));
        assert_eq!(param_in("?a=1", "b"), None);
        assert_eq!(param_in("?a=%zz", "a"), Some("%zz".into()));
        assert_eq!(
            pairs_in("?metric=filed&value=%E5%99%AA+x&&empty"),
            vec![
                ("metric".into(), "filed".into()),
                ("value".into(), "噪 x".into()),
                ("empty".into(), String::new())
            ]
        );
    }

    #[test]
    fn resident_paths_map_to_screens_and_unknown_ones_to_none() {
        assert_eq!(ResidentRoute::from_path("/"), ResidentRoute::Home);
        assert_eq!(ResidentRoute::from_path("/report"), ResidentRoute::Report);
        assert_eq!(ResidentRoute::from_path("/report/"), ResidentRoute::Report);
        assert_eq!(ResidentRoute::from_path("/nowhere"), ResidentRoute::Missing);
        assert_eq!(ResidentRoute::from_path("/track/x"), ResidentRoute::Missing);
    }

    #[test]
    fn staff_paths_name_a_screen_or_none() {
        assert_eq!(StaffRoute::from_path("/staff"), StaffRoute::Queue);
        assert_eq!(StaffRoute::from_path("/staff/"), StaffRoute::Queue);
        assert_eq!(
            StaffRoute::from_path("/staff/figures/cases?metric=filed"),
            StaffRoute::FigureCases
        );
        assert_eq!(
            StaffRoute::from_path("/staff/cases/ZH07-2026-0001"),
            StaffRoute::Case("ZH07-2026-0001".into())
        );
        assert_eq!(StaffRoute::from_path("/staff/cases/"), StaffRoute::NotFound);
        assert_eq!(StaffRoute::from_path("/staff/nope"), StaffRoute::NotFound);
        assert_eq!(StaffRoute::from_path("/staff/notices"), StaffRoute::Notices);
        assert_eq!(StaffRoute::from_path("/staff/intake/"), StaffRoute::Intake);
        assert_eq!(
            StaffRoute::from_path("/staff/cases/a/b"),
            StaffRoute::NotFound
        );
        assert_eq!(
            StaffRoute::from_path("/staff/password"),
            StaffRoute::Password
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/audit/"),
            StaffRoute::AdminAudit
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/open311"),
            StaffRoute::AdminOpen311
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/directory/communities/zh07"),
            StaffRoute::AdminCommunity("zh07".into())
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/directory/streets/zhoushuizi"),
            StaffRoute::AdminStreet("zhoushuizi".into())
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/directory/streets/zhoushuizi/new"),
            StaffRoute::AdminNewCommunity("zhoushuizi".into())
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/directory/district"),
            StaffRoute::AdminDistrict
        );
        assert_eq!(
            StaffRoute::from_path("/staff/admin/directory/categories/fire_escape"),
            StaffRoute::AdminQuestions("fire_escape".into())
        );
        for path in [
            "/staff/admin/directory/communities/",
            "/staff/admin/directory/communities/a/b",
            "/staff/admin/directory/streets/a/b",
        ] {
            assert_eq!(StaffRoute::from_path(path), StaffRoute::NotFound, "{path}");
        }
        assert_eq!(
            StaffRoute::from_path("/staff/volunteers"),
            StaffRoute::Volunteers
        );
        assert_eq!(
            StaffRoute::from_path("/staff/figures/report"),
            StaffRoute::FiguresReport
        );
        assert_eq!(
            StaffRoute::case_path("ZH07-2026-0001"),
            "/staff/cases/ZH07-2026-0001"
        );
    }
}
