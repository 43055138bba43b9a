//! The name of each staff screen, for the browser tab's title.

use crate::i18n::documents::DocMsg;
use crate::i18n::figures::FigMsg;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::staff::StaffMsg;
use crate::i18n::Lang;
use crate::router::StaffRoute;

/// The tab's title of a screen: its name, and the case's code where it shows one case.
pub fn staff_title(route: &StaffRoute, signed_in: bool, lang: Lang) -> String {
    if !signed_in {
        return StaffMsg::LoginTitle.text(lang).to_owned();
    }
    let name = match route {
        StaffRoute::Queue => StaffMsg::QueueTitle.text(lang),
        StaffRoute::Intake => StaffMsg::IntakeNav.text(lang),
        StaffRoute::Case(code) => return code.clone(),
        StaffRoute::CaseFile(code) => {
            return format!("{code} · {}", DocMsg::CaseFile.text(lang));
        }
        StaffRoute::Document(_) => DocMsg::ColDocument.text(lang),
        StaffRoute::Password => StaffMsg::PasswordNav.text(lang),
        StaffRoute::AdminUsers => StaffMsg::UsersTitle.text(lang),
        StaffRoute::AdminDirectory => StaffMsg::DirectoryTitle.text(lang),
        StaffRoute::AdminCommunity(id) => {
            return format!("{id} · {}", StaffMsg::DirectoryTitle.text(lang));
        }
        StaffRoute::AdminNewCommunity(_) => StaffMsg::NewCommunity.text(lang),
        StaffRoute::AdminStreet(_) => StaffMsg::StreetSettingsLink.text(lang),
        StaffRoute::AdminDistrict => StaffMsg::DistrictSettingsTitle.text(lang),
        StaffRoute::AdminQuestions(_) => StaffMsg::QuestionsTitle.text(lang),
        StaffRoute::AdminAudit => StaffMsg::AuditTitle.text(lang),
        StaffRoute::AdminOpen311 => StaffMsg::ClientsTitle.text(lang),
        StaffRoute::Volunteers => StaffMsg::VolunteersTitle.text(lang),
        StaffRoute::Agenda => SessionMsg::AgendaTitle.text(lang),
        StaffRoute::Availability => SessionMsg::HoursTitle.text(lang),
        StaffRoute::Figures => FigMsg::FiguresTitle.text(lang),
        StaffRoute::FiguresReport => FigMsg::ReportTitle.text(lang),
        StaffRoute::FigureDefinitions => FigMsg::Definitions.text(lang),
        StaffRoute::FigureCases => FigMsg::CasesBehind.text(lang),
        StaffRoute::AdminImport => FigMsg::ImportTitle.text(lang),
        StaffRoute::Notices => StaffMsg::NoticesTitle.text(lang),
        StaffRoute::NotFound => StaffMsg::NotFoundTitle.text(lang),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screens_have_titles_of_their_own() {
        let routes = [
            StaffRoute::Queue,
            StaffRoute::Intake,
            StaffRoute::AdminAudit,
            StaffRoute::AdminOpen311,
            StaffRoute::Agenda,
            StaffRoute::Figures,
            StaffRoute::Notices,
        ];
        for lang in [Lang::Zh, Lang::En] {
            let titles: std::collections::BTreeSet<String> =
                routes.iter().map(|r| staff_title(r, true, lang)).collect();
            assert_eq!(titles.len(), routes.len(), "{lang:?}");
        }
        assert_eq!(
            staff_title(&StaffRoute::Case("ZH01-2026-0001".into()), true, Lang::En),
            "ZH01-2026-0001"
        );
        assert_eq!(
            staff_title(&StaffRoute::Queue, false, Lang::En),
            "Staff sign-in"
        );
    }
}
