//! The staff console: sign-in, the queue of open cases and a case's details.

use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::page_title::set_page_title;
use crate::common::staff_names::StaffNames;
use crate::common::toast::Toasts;
use crate::i18n::figures::FigMsg;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{role_msg, t, use_i18n, I18n, Msg};
use crate::router::{Link, Router, StaffRoute};
use crate::staff::admin::audit_page::AuditPage;
use crate::staff::admin::directory_page::{
    CommunityPage, DirectoryPage, DistrictSettingsPage, QuestionsPage, StreetSettingsPage,
};
use crate::staff::admin::import_page::ImportPage;
use crate::staff::admin::open311_page::Open311Page;
use crate::staff::admin::users_page::UsersPage;
use crate::staff::agenda_page::AgendaPage;
use crate::staff::case_detail_page::CaseDetailPage;
use crate::staff::case_file_page::CaseFilePage;
use crate::staff::document_page::DocumentPage;
use crate::staff::figure_cases_page::FigureCasesPage;
use crate::staff::figure_definitions_page::FigureDefinitionsPage;
use crate::staff::figures_page::FiguresPage;
use crate::staff::figures_report_page::FiguresReportPage;
use crate::staff::intake_page::IntakePage;
use crate::staff::login_page::LoginPage;
use crate::staff::not_found_page::NotFoundPage;
use crate::staff::notice_count::NoticeCount;
use crate::staff::notices_page::NoticesPage;
use crate::staff::page_titles::staff_title;
use crate::staff::password_page::PasswordPage;
use crate::staff::queue_page::QueuePage;
use crate::staff::session_hours_page::SessionHoursPage;
use crate::staff::sign_in::{LoginState, StaffLogin};
use crate::staff::volunteers_page::VolunteersPage;
use accord_shared::policy::{Action, Reach};
use accord_shared::wire::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Whether the policy lets `me` take `action` anywhere: the screens for it are offered.
fn offered(me: &Me, action: Action) -> bool {
    me.reach(action) != Reach::None
}

/// The first screen of a role, from what the policy lets it do: the queue for those who list
/// cases, the accounts for an admin, else the agenda, else the password page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Home {
    Queue,
    Accounts,
    Agenda,
    Password,
}

fn home_of(me: &Me) -> Home {
    if offered(me, Action::ListCases) {
        Home::Queue
    } else if offered(me, Action::ManageUsers) {
        Home::Accounts
    } else if offered(me, Action::KeepOwnCalendar) {
        Home::Agenda
    } else {
        Home::Password
    }
}

#[component]
pub fn StaffApp() -> impl IntoView {
    I18n::provide();
    let i18n = use_i18n();
    let router = Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_directory);
    let login = StaffLogin::provide();
    let route = Memo::new(move |_| StaffRoute::from_path(&router.path()));
    // The unread count beside "Notices", asked again on every change of screen.
    let notice_count = NoticeCount::provide();
    Effect::new(move |_| {
        route.track();
        if let LoginState::SignedIn(me) = login.0.get() {
            if offered(&me, Action::ListCases) && !me.must_change_password {
                notice_count.refresh();
            }
        }
    });
    let signed_in = Memo::new(move |_| match login.0.get() {
        LoginState::SignedIn(me) => Some(me),
        _ => None,
    });
    // The tab's title follows the screen and the language.
    Effect::new(move |_| {
        let signed = signed_in.with(Option::is_some);
        set_page_title(&staff_title(&route.get(), signed, i18n.lang()));
    });
    // Colleagues' names, asked once per sign-in.
    let names = StaffNames::provide();
    let signed_in_as = Memo::new(move |_| signed_in.get().map(|me| me.username));
    Effect::new(move |_| {
        if signed_in_as.get().is_some() {
            spawn_local(async move {
                if let Ok(list) = crate::api::staff_names().await {
                    names.set(
                        list.into_iter()
                            .map(|n| (n.username, n.display_name))
                            .collect(),
                    );
                }
            });
        }
    });
    let nav = view! {
        {move || {
            signed_in
                .get()
                .map(|me| {
                    let role = me.role;
                    if me.must_change_password {
                        // Nothing else works until the temporary password is replaced.
                        return view! {
                            <span class="who-am-i">{me.display_name}</span>
                            <button type="button" class="link-button" on:click=move |_| login.sign_out()>
                                {t(StaffMsg::SignOut)}
                            </button>
                        }
                        .into_any();
                    }
                    let admin = offered(&me, Action::ManageUsers).then(|| {
                        view! {
                            <Link href="/staff/admin/users".to_owned()>{t(StaffMsg::AdminUsersNav)}</Link>
                            <Link href="/staff/admin/directory".to_owned()>{t(StaffMsg::AdminDirectoryNav)}</Link>
                            <Link href="/staff/admin/audit".to_owned()>{t(StaffMsg::AdminAuditNav)}</Link>
                            <Link href="/staff/admin/open311".to_owned()>{t(StaffMsg::ClientsNav)}</Link>
                        }
                    });
                    let volunteers = offered(&me, Action::ManageVolunteers).then(|| {
                        view! { <Link href="/staff/volunteers".to_owned()>{t(StaffMsg::VolunteersNav)}</Link> }
                    });
                    let records = offered(&me, Action::RecordIntake);
                    let intake = records.then(|| {
                        view! { <Link href="/staff/intake".to_owned()>{t(StaffMsg::IntakeNav)}</Link> }
                    });
                    // Only the screens the policy lets this role open.
                    let queue = offered(&me, Action::ListCases).then(|| {
                        view! { <Link href="/staff".to_owned()>{t(StaffMsg::QueueTitle)}</Link> }
                    });
                    let calendar = offered(&me, Action::KeepOwnCalendar);
                    let agenda = calendar.then(|| {
                        view! { <Link href="/staff/agenda".to_owned()>{t(SessionMsg::AgendaNav)}</Link> }
                    });
                    let hours = calendar.then(|| {
                        view! { <Link href="/staff/availability".to_owned()>{t(SessionMsg::HoursNav)}</Link> }
                    });
                    let figures = offered(&me, Action::ReadFigures).then(|| {
                        view! { <Link href="/staff/figures".to_owned()>{t(FigMsg::FiguresNav)}</Link> }
                    });
                    let notices = offered(&me, Action::ListCases).then(|| {
                        let unread = move || {
                            let n = notice_count.0.get();
                            (n > 0).then(|| view! {
                                <span class="nav-count">
                                    {n}
                                    <span class="visually-hidden">{t(StaffMsg::NoticesUnread)}</span>
                                </span>
                            })
                        };
                        view! { <Link href="/staff/notices".to_owned()>{t(StaffMsg::NoticesNav)}{unread}</Link> }
                    });
                    let import = offered(&me, Action::ImportHistory).then(|| {
                        view! { <Link href="/staff/admin/import".to_owned()>{t(FigMsg::ImportNav)}</Link> }
                    });
                    view! {
                        {queue}
                        {notices}
                        {agenda}
                        {intake}
                        {volunteers}
                        {figures}
                        {admin}
                        {import}
                        {hours}
                        <Link href="/staff/password".to_owned()>{t(StaffMsg::PasswordNav)}</Link>
                        <span class="who-am-i">
                            {me.display_name}
                            " · "
                            {move || role_msg(role).text(i18n.lang())}
                        </span>
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| login.sign_out()
                        >
                            {t(StaffMsg::SignOut)}
                        </button>
                    }
                    .into_any()
                })
        }}
    }
    .into_any();
    view! {
        <Layout home_href="/staff" nav=nav>
            {move || match login.0.get() {
                LoginState::Checking => {
                    view! {
                        <h1 class="visually-hidden">{t(StaffMsg::StaffConsole)}</h1>
                        <p class="loading">
                            <span class="spinner" aria-hidden="true"></span>
                            {t(Msg::Loading)}
                        </p>
                    }
                        .into_any()
                }
                LoginState::SignedOut { ended } => view! { <LoginPage ended=ended /> }.into_any(),
                LoginState::SignedIn(me) if me.must_change_password => {
                    view! { <PasswordPage forced=true /> }.into_any()
                }
                LoginState::SignedIn(me) => {
                    let admin = offered(&me, Action::ManageUsers);
                    let issues_links = offered(&me, Action::ManageVolunteers);
                    let lists = offered(&me, Action::ListCases);
                    let calendar = offered(&me, Action::KeepOwnCalendar);
                    let records = offered(&me, Action::RecordIntake);
                    let reads_figures = offered(&me, Action::ReadFigures);
                    let imports = offered(&me, Action::ImportHistory);
                    let home = move |me: Me| match home_of(&me) {
                        Home::Queue => view! { <QueuePage me=me /> }.into_any(),
                        Home::Accounts => view! { <UsersPage me=me /> }.into_any(),
                        Home::Agenda => view! { <AgendaPage me=me /> }.into_any(),
                        Home::Password => view! { <PasswordPage forced=false /> }.into_any(),
                    };
                    match route.get() {
                        StaffRoute::Queue if lists => view! { <QueuePage me=me /> }.into_any(),
                        StaffRoute::Agenda if calendar => view! { <AgendaPage me=me /> }.into_any(),
                        StaffRoute::Availability if calendar => view! { <SessionHoursPage /> }.into_any(),
                        StaffRoute::Case(code) => view! { <CaseDetailPage code=code /> }.into_any(),
                        StaffRoute::CaseFile(code) => view! { <CaseFilePage code=code /> }.into_any(),
                        StaffRoute::Document(id) => view! { <DocumentPage id=id /> }.into_any(),
                        StaffRoute::Intake if records => view! { <IntakePage me=me /> }.into_any(),
                        StaffRoute::Password => view! { <PasswordPage forced=false /> }.into_any(),
                        StaffRoute::AdminUsers if admin => view! { <UsersPage me=me /> }.into_any(),
                        StaffRoute::AdminDirectory if admin => view! { <DirectoryPage me=me /> }.into_any(),
                        StaffRoute::AdminCommunity(id) if admin => view! { <CommunityPage me=me id=Some(id) /> }.into_any(),
                        StaffRoute::AdminNewCommunity(street) if admin => view! { <CommunityPage me=me id=None street=street /> }.into_any(),
                        StaffRoute::AdminStreet(id) if admin => view! { <StreetSettingsPage me=me id=id /> }.into_any(),
                        StaffRoute::AdminDistrict if admin => view! { <DistrictSettingsPage me=me /> }.into_any(),
                        StaffRoute::AdminQuestions(id) if admin => view! { <QuestionsPage me=me id=id /> }.into_any(),
                        StaffRoute::AdminAudit if admin => view! { <AuditPage /> }.into_any(),
                        StaffRoute::AdminOpen311 if admin => view! { <Open311Page me=me /> }.into_any(),
                        StaffRoute::Volunteers if issues_links => view! { <VolunteersPage me=me /> }.into_any(),
                        StaffRoute::Figures if reads_figures => view! { <FiguresPage me=me /> }.into_any(),
                        StaffRoute::FiguresReport if reads_figures => view! { <FiguresReportPage /> }.into_any(),
                        StaffRoute::FigureDefinitions => view! { <FigureDefinitionsPage /> }.into_any(),
                        StaffRoute::FigureCases if reads_figures => view! { <FigureCasesPage me=me /> }.into_any(),
                        StaffRoute::AdminImport if imports => view! { <ImportPage /> }.into_any(),
                        StaffRoute::Notices if lists => view! { <NoticesPage /> }.into_any(),
                        StaffRoute::NotFound => view! { <NotFoundPage /> }.into_any(),
                        // A screen this role may not open: its own first screen instead.
                        StaffRoute::Queue
                        | StaffRoute::Intake
                        | StaffRoute::Agenda
                        | StaffRoute::Availability
                        | StaffRoute::AdminUsers
                        | StaffRoute::AdminDirectory
                        | StaffRoute::AdminCommunity(_)
                        | StaffRoute::AdminNewCommunity(_)
                        | StaffRoute::AdminStreet(_)
                        | StaffRoute::AdminDistrict
                        | StaffRoute::AdminQuestions(_)
                        | StaffRoute::AdminAudit
                        | StaffRoute::AdminOpen311
                        | StaffRoute::Volunteers
                        | StaffRoute::Figures
                        | StaffRoute::FiguresReport
                        | StaffRoute::FigureCases
                        | StaffRoute::AdminImport
                        | StaffRoute::Notices => home(me),
                    }
                }
            }}
        </Layout>
    }
}
