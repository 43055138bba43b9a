//! The wording of the seven templates, in Chinese and English. Each function is one fixed
//! template; its version is `DocumentKind::template_version`, and the snapshots under
//! `shared/tests/snapshots/documents/` show every change of wording as a diff.
//!
//! The templates follow the forms of people's mediation (人民调解法: the parties' rights and
//! duties in 第二十三、二十四条, the agreement's effect in 第三十一条, judicial confirmation in
//! 第三十三条); the English is a faithful reading aid, not a legal translation.

use crate::case::{Actor, Case, Change, EventKind, NoteCode, Outcome, ReferralTarget};
use crate::directory::Name;
use crate::documents::document::{Document, DocumentError, Missing, Section};
use crate::documents::input::{AgreementDraft, DocumentInput, Site};
use crate::documents::kind::{DocLang, DocumentKind};
use crate::documents::number::DocumentNumber;
use crate::scheduling::calendar::PlaceKind;
use crate::scheduling::session::{Participant, SessionOutcome, Venue};
use crate::time::{local_date, to_local};
use crate::vocabulary::{CaseKind, Channel, Party, PartyRole};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Renders a kind whose requirements `check` has passed; a requirement found missing here
/// anyway is still an error, never a panic.
pub(crate) fn render(
    kind: DocumentKind,
    input: &DocumentInput<'_>,
    lang: DocLang,
) -> Result<Document, DocumentError> {
    let site = input.site()?;
    let short = short_street_name(&site.street.name);
    let number = DocumentNumber::new(&short.zh, kind, input.issued_on.year(), input.seq)
        .ok_or(DocumentError::InvalidNumber)?;
    let number_text = match lang {
        DocLang::Zh => number.to_string(),
        DocLang::En => number.english(&short.en),
    };
    let w = Words {
        lang,
        input,
        site: &site,
    };
    let body = match kind {
        DocumentKind::MediationApplication => application(&w),
        DocumentKind::AcceptanceNotice => acceptance(&w),
        DocumentKind::MediationRecord => record(&w)?,
        DocumentKind::MediationAgreement => agreement(&w)?,
        DocumentKind::JudicialConfirmationApplication => judicial_confirmation(&w)?,
        DocumentKind::ReferralLetter => referral(&w)?,
        DocumentKind::ReturnVisitRecord => return_visit(&w),
    };
    Ok(Document {
        kind,
        number,
        number_text,
        template_version: kind.template_version(),
        lang,
        issuer: body.issuer,
        title: body.title,
        sections: body.sections,
        signature_lines: body.signature_lines,
        seal_line: body.seal_line,
    })
}

/// What a template gives back; `render` adds the number and the version.
struct Body {
    issuer: String,
    title: String,
    sections: Vec<Section>,
    signature_lines: Vec<String>,
    seal_line: bool,
}

fn section(heading: Option<String>, paragraphs: Vec<String>) -> Section {
    Section {
        heading,
        paragraphs,
    }
}

/// The street's name as numbers carry it: "中华路街道" → "中华路", "Zhonghua Road Street" →
/// "Zhonghua Road".
pub(crate) fn short_street_name(street: &Name) -> Name {
    let zh = street.zh.trim();
    let en = street.en.trim();
    Name {
        zh: zh.strip_suffix("街道").unwrap_or(zh).trim().to_owned(),
        en: en.strip_suffix(" Street").unwrap_or(en).trim().to_owned(),
    }
}

/// The template's view of its input in one language, with the phrases every template shares.
struct Words<'a, 'b> {
    lang: DocLang,
    input: &'a DocumentInput<'b>,
    site: &'a Site<'b>,
}

impl Words<'_, '_> {
    /// The fixed text in the document's language.
    fn t(&self, zh: &str, en: &str) -> String {
        match self.lang {
            DocLang::Zh => zh.to_owned(),
            DocLang::En => en.to_owned(),
        }
    }

    fn name(&self, name: &Name) -> String {
        match self.lang {
            DocLang::Zh => name.zh.clone(),
            DocLang::En => name.en.clone(),
        }
    }

    fn case(&self) -> &Case {
        self.input.case
    }

    fn committee(&self) -> String {
        let street = &self.site.street.name;
        match self.lang {
            DocLang::Zh => format!("{}人民调解委员会", street.zh),
            DocLang::En => format!("People's Mediation Committee of {}", street.en),
        }
    }

    /// A hazard is handled by the street itself, not its mediation committee.
    fn street_office(&self) -> String {
        let street = &self.site.street.name;
        match self.lang {
            DocLang::Zh => format!("{}办事处", street.zh),
            DocLang::En => format!("{} Office", street.en),
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        match self.lang {
            DocLang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
            DocLang::En => format!(
                "{} {} {}",
                date.day(),
                MONTHS[date.month0() as usize % 12],
                date.year()
            ),
        }
    }

    fn day_of(&self, at: DateTime<Utc>) -> String {
        self.date(local_date(at))
    }

    fn moment(&self, at: DateTime<Utc>) -> String {
        let local = to_local(at);
        match self.lang {
            DocLang::Zh => format!("{} {}", self.day_of(at), local.format("%H:%M")),
            DocLang::En => format!("{}, {}", self.day_of(at), local.format("%H:%M")),
        }
    }

    fn amount(&self, fen: u64) -> String {
        let yuan = group_thousands(fen / 100);
        let cents = fen % 100;
        match self.lang {
            DocLang::Zh => format!("人民币{yuan}.{cents:02}元"),
            DocLang::En => format!("CNY {yuan}.{cents:02}"),
        }
    }

    fn role(&self, role: PartyRole) -> String {
        match role {
            PartyRole::Applicant => self.t("申请人", "Applicant"),
            PartyRole::Respondent => self.t("被申请人", "Respondent"),
        }
    }

    /// The names of the parties with `role`, joined; "(not given)" if there are none.
    fn names(&self, parties: &[Party], role: PartyRole) -> String {
        let names: Vec<&str> = parties
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.name.as_str())
            .collect();
        if names.is_empty() {
            self.t("（未提供）", "(not given)")
        } else {
            names.join(&self.t("、", ", "))
        }
    }

    /// "申请人：张三" for each party, applicants first.
    fn party_lines(&self, parties: &[Party], with_phone: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for role in [PartyRole::Applicant, PartyRole::Respondent] {
            let of_role: Vec<&Party> = parties.iter().filter(|p| p.role == role).collect();
            if of_role.is_empty() {
                lines.push(format!(
                    "{}{}{}",
                    self.role(role),
                    self.colon(),
                    self.t("（未提供）", "(not given)")
                ));
            }
            for party in of_role {
                let phone = match (&party.phone, with_phone) {
                    (Some(phone), true) => match self.lang {
                        DocLang::Zh => format!("，联系电话：{}", phone.as_str()),
                        DocLang::En => format!(", telephone {}", phone.as_str()),
                    },
                    _ => String::new(),
                };
                lines.push(format!(
                    "{}{}{}{phone}",
                    self.role(role),
                    self.colon(),
                    party.name.as_str()
                ));
            }
        }
        lines
    }

    /// "中华路12号（中华路社区）" / "12 Zhonghua Road (Zhonghua Road)".
    fn bracketed(&self, text: &str, aside: &str) -> String {
        match self.lang {
            DocLang::Zh => format!("{text}（{aside}）"),
            DocLang::En => format!("{text} ({aside})"),
        }
    }

    fn colon(&self) -> &'static str {
        match self.lang {
            DocLang::Zh => "：",
            DocLang::En => ": ",
        }
    }

    /// The salutation of a letter: "张三：" / "张三:".
    fn addressed_to(&self, whom: &str) -> String {
        format!("{whom}{}", self.colon().trim_end())
    }

    /// "Label: value" in the document's language.
    fn field(&self, zh: &str, en: &str, value: &str) -> String {
        format!("{}{}{value}", self.t(zh, en), self.colon())
    }

    fn signature(&self, zh: &str, en: &str) -> String {
        match self.lang {
            DocLang::Zh => format!("{zh}（签名）："),
            DocLang::En => format!("{en} (signature):"),
        }
    }

    fn case_code_line(&self) -> String {
        self.field("案件编号", "Case number", &self.case().code.to_string())
    }

    fn category(&self) -> String {
        self.name(&self.input.category_name())
    }

    fn community(&self) -> String {
        self.name(&self.site.community.name)
    }

    /// The closing block: the issuer and the date of issue.
    fn closing(&self, issuer: String) -> Section {
        section(None, vec![issuer, self.date(self.input.issued_on)])
    }

    /// Who did something on the timeline, as printed.
    fn actor(&self, actor: &Actor) -> String {
        match actor {
            Actor::Staff { username, .. } => self.input.person_name(username),
            Actor::Volunteer { name, .. } => match self.lang {
                DocLang::Zh => format!("{name}（志愿者）"),
                DocLang::En => format!("{name} (volunteer)"),
            },
            Actor::Resident => self.t("当事人", "the party"),
            Actor::System => self.t("系统", "the system"),
        }
    }

    fn channel(&self, channel: Channel) -> String {
        match channel {
            Channel::Web => self.t("网上申请", "online"),
            Channel::WalkIn => self.t("来访申请", "in person"),
            Channel::Hotline => self.t("热线电话", "by the hotline"),
            Channel::GridPatrol => self.t("网格巡查发现", "found on grid patrol"),
            Channel::ReferralIn => self.t("外单位转入", "referred by another body"),
            Channel::Volunteer => self.t("志愿者协助申请", "with a volunteer's help"),
        }
    }

    /// What the case is about and where, in one sentence.
    fn dispute_between(&self) -> String {
        let parties = &self.case().parties;
        let applicant = self.names(parties, PartyRole::Applicant);
        let respondent = self.names(parties, PartyRole::Respondent);
        match self.lang {
            DocLang::Zh => format!("{applicant}与{respondent}之间的{}", self.category()),
            DocLang::En => format!(
                "the dispute between {applicant} and {respondent} ({})",
                self.category().to_lowercase()
            ),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// 1234567 → "1,234,567".
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 1 → "一", …, 10 → "十"; larger counts in digits (a list of terms rarely runs past ten).
fn chinese_count(n: usize) -> String {
    const WORDS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    n.checked_sub(1)
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The paragraphs of a free text: one per non-blank line.
fn paragraphs_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// 人民调解申请书: who applies against whom, about what, and the request to mediate.
fn application(w: &Words<'_, '_>) -> Body {
    let case = w.case();
    let mut facts = vec![
        w.field("纠纷类型", "Kind of dispute", &w.category()),
        w.field(
            "纠纷地点",
            "Where",
            &w.bracketed(case.address.as_str(), &w.community()),
        ),
    ];
    if let Some(since) = case.conflict_since {
        facts.push(w.field("纠纷发生时间", "Since", &w.date(since)));
    }
    facts.extend(paragraphs_of(case.description.as_str()));
    let request = match w.lang {
        DocLang::Zh => format!("申请人自愿申请{}对上述纠纷进行调解。", w.committee()),
        DocLang::En => format!(
            "The applicant, of their own free will, asks the {} to mediate the dispute above.",
            w.committee()
        ),
    };
    Body {
        issuer: w.committee(),
        title: w.t("人民调解申请书", "Application for People's Mediation"),
        sections: vec![
            section(
                None,
                vec![
                    w.case_code_line(),
                    w.field("申请日期", "Date of application", &w.day_of(case.filed_at)),
                    w.field("申请方式", "Applied", &w.channel(case.channel)),
                ],
            ),
            section(
                Some(w.t("当事人", "Parties")),
                w.party_lines(&case.parties, true),
            ),
            section(Some(w.t("纠纷事实", "Facts of the dispute")), facts),
            section(Some(w.t("申请事项", "Request")), vec![request]),
            section(None, vec![w.t("此致", "To"), w.committee()]),
        ],
        signature_lines: vec![w.signature("申请人", "Applicant"), w.t("日期：", "Date:")],
        seal_line: false,
    }
}

/// 受理通知书: the committee took the dispute on; the parties' rights and duties.
fn acceptance(w: &Words<'_, '_>) -> Body {
    let case = w.case();
    let addressee = match case.applicant() {
        Some(applicant) => applicant.name.as_str().to_owned(),
        None => w.t("当事人", "Party"),
    };
    let accepted = w
        .input
        .accepted_at()
        .map_or_else(|| w.date(w.input.issued_on), |at| w.day_of(at));
    let code = case.code.to_string();
    let notice = match w.lang {
        DocLang::Zh => format!(
            "你于{}申请调解的{}（案件编号：{code}），经审查，符合人民调解的受理条件，本委员会已于{accepted}决定受理。",
            w.day_of(case.filed_at),
            w.dispute_between(),
        ),
        DocLang::En => format!(
            "Your application of {} for mediation of {}, case number {code}, meets the conditions of people's mediation; the committee accepted it on {accepted}.",
            w.day_of(case.filed_at),
            w.dispute_between(),
        ),
    };
    let mut body = vec![notice];
    if let Some(mediator) = w.input.lead_handler() {
        body.push(w.field("承办人民调解员", "Mediator in charge", &mediator));
    }
    body.push(w.t(
        "请凭案件编号和查询密码随时查看办理进度。",
        "You can follow the case at any time with its case number and secret.",
    ));
    Body {
        issuer: w.committee(),
        title: w.t("人民调解受理通知书", "Notice of Acceptance for Mediation"),
        sections: vec![
            section(None, vec![w.addressed_to(&addressee)]),
            section(None, body),
            section(
                Some(w.t("当事人的权利", "The parties' rights")),
                vec![
                    w.t(
                        "一、选择或者接受人民调解员；",
                        "1. To choose or accept the mediator;",
                    ),
                    w.t(
                        "二、接受调解、拒绝调解或者要求终止调解；",
                        "2. To accept or refuse mediation, or to ask for it to end;",
                    ),
                    w.t(
                        "三、要求调解公开进行或者不公开进行；",
                        "3. To ask for mediation in public or in private;",
                    ),
                    w.t(
                        "四、自主表达意愿、自愿达成调解协议。",
                        "4. To speak their own mind and to agree only of their own free will.",
                    ),
                ],
            ),
            section(
                Some(w.t("当事人的义务", "The parties' duties")),
                vec![
                    w.t(
                        "一、如实陈述纠纷事实；",
                        "1. To state the facts truthfully;",
                    ),
                    w.t(
                        "二、遵守调解现场秩序，尊重人民调解员；",
                        "2. To keep order at the session and respect the mediator;",
                    ),
                    w.t(
                        "三、尊重对方当事人行使权利。",
                        "3. To respect the other party's rights.",
                    ),
                ],
            ),
            w.closing(w.committee()),
        ],
        signature_lines: vec![
            w.signature("送达人", "Served by"),
            w.signature("受送达人", "Received by"),
        ],
        seal_line: true,
    }
}

/// 调解笔录: when, where, who, the minutes and the outcome of a held session.
fn record(w: &Words<'_, '_>) -> Result<Body, DocumentError> {
    let (session, record) = w.input.held_session()?;
    let case = w.case();
    let when = match (session.start, session.end()) {
        (Some(start), Some(end)) => {
            format!("{}–{}", w.moment(start), to_local(end).format("%H:%M"))
        }
        _ => w.t("（未记录）", "(not recorded)"),
    };
    let venue = match &session.venue {
        Venue::Place { place } => w
            .input
            .directory
            .place(place)
            .map_or_else(|| place.clone(), |p| w.name(&p.name)),
        Venue::Online { .. } => w.t("线上视频调解", "online, by video"),
    };
    let mediators: Vec<String> = session
        .staff
        .iter()
        .map(|u| w.input.person_name(u))
        .collect();
    let attendee = |p: &Participant| match p {
        Participant::Party(role) => format!("{} {}", w.role(*role), w.names(&case.parties, *role)),
        Participant::Staff(username) => w.input.person_name(username),
    };
    let attendees: Vec<String> = record.attendees.iter().map(attendee).collect();
    let outcome = match record.outcome {
        SessionOutcome::AgreementReached => w.t(
            "经调解，当事人自愿达成调解协议。",
            "The parties reached an agreement of their own free will.",
        ),
        SessionOutcome::Failed => w.t(
            "经调解，当事人未能达成协议，本次调解终止。",
            "The parties did not reach an agreement; the mediation ended.",
        ),
        SessionOutcome::Adjourned => w.t(
            "本次调解未结束，另行安排调解。",
            "The session was adjourned; another session will be arranged.",
        ),
    };
    let mut signatures: Vec<String> = [PartyRole::Applicant, PartyRole::Respondent]
        .into_iter()
        .filter(|role| record.attendees.contains(&Participant::Party(*role)))
        .map(|role| match role {
            PartyRole::Applicant => w.signature("申请人", "Applicant"),
            PartyRole::Respondent => w.signature("被申请人", "Respondent"),
        })
        .collect();
    signatures.push(w.signature("人民调解员", "Mediator"));
    signatures.push(w.signature("记录人", "Recorded by"));
    Ok(Body {
        issuer: w.committee(),
        title: w.t("人民调解笔录", "Record of Mediation"),
        sections: vec![
            section(
                None,
                vec![
                    w.case_code_line(),
                    w.field("调解事项", "Matter", &w.dispute_between()),
                    w.field("时间", "Time", &when),
                    w.field("地点", "Place", &venue),
                    w.field("人民调解员", "Mediators", &mediators.join(&w.t("、", ", "))),
                    w.field("到场人员", "Present", &attendees.join(&w.t("；", "; "))),
                ],
            ),
            section(
                Some(w.t("调解经过", "Proceedings")),
                paragraphs_of(&record.minutes),
            ),
            section(Some(w.t("调解结果", "Outcome")), vec![outcome]),
            section(
                None,
                vec![w.t(
                    "以上笔录经当事人阅读（或向其宣读），确认无误。",
                    "The parties have read this record (or had it read to them) and confirm it is accurate.",
                )],
            ),
        ],
        signature_lines: signatures,
        seal_line: false,
    })
}

/// The numbered terms of an agreement: "一、刘四于2026年12月15日前……".
fn term_lines(w: &Words<'_, '_>, agreement: &AgreementDraft) -> Vec<String> {
    agreement
        .terms
        .iter()
        .enumerate()
        .map(|(i, term)| {
            let who = w.names(&agreement.parties, term.who);
            let what = term.what.trim();
            let by = w.date(term.by);
            match (w.lang, term.amount_fen) {
                (DocLang::Zh, Some(fen)) => format!(
                    "{}、{who}于{by}前{what}（金额：{}）。",
                    chinese_count(i + 1),
                    w.amount(fen)
                ),
                (DocLang::Zh, None) => format!("{}、{who}于{by}前{what}。", chinese_count(i + 1)),
                (DocLang::En, Some(fen)) => format!(
                    "{}. By {by}, {who}: {what} (amount: {}).",
                    i + 1,
                    w.amount(fen)
                ),
                (DocLang::En, None) => format!("{}. By {by}, {who}: {what}.", i + 1),
            }
        })
        .collect()
}

/// 人民调解协议书: the parties, the facts, the terms and the agreement's effect.
fn agreement(w: &Words<'_, '_>) -> Result<Body, DocumentError> {
    let agreement = w.input.agreement()?;
    let copies = agreement.parties.len() + 1;
    let copies_line = match w.lang {
        DocLang::Zh => format!(
            "本协议一式{}份，当事人各执一份，人民调解委员会留存一份。",
            chinese_count(copies)
        ),
        DocLang::En => format!(
            "This agreement is made in {copies} copies: one for each party and one kept by the committee."
        ),
    };
    let mut signatures: Vec<String> = agreement
        .parties
        .iter()
        .map(|p| match w.lang {
            DocLang::Zh => format!("{}（签名）：{}", w.role(p.role), p.name.as_str()),
            DocLang::En => format!("{} (signature): {}", w.role(p.role), p.name.as_str()),
        })
        .collect();
    signatures.push(w.signature("人民调解员", "Mediator"));
    Ok(Body {
        issuer: w.committee(),
        title: w.t("人民调解协议书", "People's Mediation Agreement"),
        sections: vec![
            section(None, vec![w.case_code_line()]),
            section(
                Some(w.t("当事人", "Parties")),
                w.party_lines(&agreement.parties, false),
            ),
            section(
                Some(w.t("纠纷主要事实", "Main facts of the dispute")),
                paragraphs_of(&agreement.facts),
            ),
            section(
                Some(w.t(
                    "经调解，当事人自愿达成如下协议",
                    "Through mediation, the parties agree of their own free will as follows",
                )),
                term_lines(w, agreement),
            ),
            section(
                Some(w.t("协议的效力", "Effect of the agreement")),
                vec![
                    w.t(
                        "本协议经各方当事人签名、人民调解员签名并加盖人民调解委员会印章后生效，具有法律约束力，当事人应当按照约定履行。",
                        "This agreement takes effect once every party and the mediator have signed it and the committee has sealed it; it is legally binding and the parties shall perform it as agreed.",
                    ),
                    w.t(
                        "当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。",
                        "Within thirty days of its taking effect, the parties may jointly apply to the people's court for judicial confirmation of this agreement.",
                    ),
                    copies_line,
                ],
            ),
            w.closing(w.committee()),
        ],
        signature_lines: signatures,
        seal_line: true,
    })
}

/// 司法确认申请书: every party of a confirmed agreement asks the court to confirm it.
fn judicial_confirmation(w: &Words<'_, '_>) -> Result<Body, DocumentError> {
    let agreement = w.input.agreement()?;
    let effective = w.input.agreement_in_effect(agreement)?;
    let cited = w
        .input
        .agreement_number
        .ok_or(DocumentError::Missing(Missing::AgreementNumber))?;
    let short = short_street_name(&w.site.street.name);
    let cited = match w.lang {
        DocLang::Zh => cited.to_string(),
        DocLang::En => cited.english(&short.en),
    };
    let court = {
        let district = &w.input.directory.district.name;
        let workstation = w
            .input
            .directory
            .places
            .iter()
            .find(|p| p.street == w.site.street.id && p.kind == PlaceKind::JudgeWorkstation);
        match (w.lang, workstation) {
            (DocLang::Zh, Some(ws)) => format!("{}人民法院（{}）", district.zh, ws.name.zh),
            (DocLang::Zh, None) => format!("{}人民法院", district.zh),
            (DocLang::En, Some(ws)) => format!("{} People's Court ({})", district.en, ws.name.en),
            (DocLang::En, None) => format!("{} People's Court", district.en),
        }
    };
    let applicants: Vec<String> = agreement
        .parties
        .iter()
        .map(|p| {
            let side = match (w.lang, p.role) {
                (DocLang::Zh, PartyRole::Applicant) => "（纠纷申请人）",
                (DocLang::Zh, PartyRole::Respondent) => "（纠纷被申请人）",
                (DocLang::En, PartyRole::Applicant) => " (applicant in the dispute)",
                (DocLang::En, PartyRole::Respondent) => " (respondent in the dispute)",
            };
            format!(
                "{}{}{}{side}",
                w.t("申请人", "Applicant"),
                w.colon(),
                p.name.as_str()
            )
        })
        .collect();
    let confirmations: Vec<String> = agreement
        .parties
        .iter()
        .filter_map(|p| {
            w.input
                .confirmations
                .iter()
                .find(|c| c.role == p.role && c.name.trim() == p.name.as_str())
                .map(|c| match w.lang {
                    DocLang::Zh => format!("{}于{}确认协议。", p.name.as_str(), w.moment(c.at)),
                    DocLang::En => {
                        format!(
                            "{} confirmed the agreement on {}.",
                            p.name.as_str(),
                            w.moment(c.at)
                        )
                    }
                })
        })
        .collect();
    let request = match w.lang {
        DocLang::Zh => format!(
            "请求人民法院确认申请人在{}主持下达成的人民调解协议（{cited}）有效。",
            w.committee()
        ),
        DocLang::En => format!(
            "The applicants ask the people's court to confirm as valid the people's mediation agreement ({cited}) they reached under the {}.",
            w.committee()
        ),
    };
    let reasons = match w.lang {
        DocLang::Zh => vec![
            format!(
                "申请人之间因{}，经{}调解，自愿达成调解协议，该协议于{}经全体当事人确认后生效。",
                w.category(),
                w.committee(),
                w.day_of(effective)
            ),
            "该协议系申请人真实意思表示，内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。".to_owned(),
            "申请人依照《中华人民共和国人民调解法》第三十三条的规定，自调解协议生效之日起三十日内共同提出申请，请予确认。".to_owned(),
        ],
        DocLang::En => vec![
            format!(
                "The applicants, parties to a dispute ({}), reached an agreement of their own free will through the mediation of the {}; it took effect on {} once every party had confirmed it.",
                w.category().to_lowercase(),
                w.committee(),
                w.day_of(effective)
            ),
            "The agreement expresses the applicants' true intentions, breaks no mandatory provision of law or administrative regulation, and harms neither the interests of the state, the public interest nor the lawful rights of others.".to_owned(),
            "Under Article 33 of the People's Mediation Law of the People's Republic of China, the applicants apply jointly within thirty days of the agreement taking effect and ask for its confirmation.".to_owned(),
        ],
    };
    let signatures = agreement
        .parties
        .iter()
        .map(|p| match w.lang {
            DocLang::Zh => format!("申请人（签名）：{}", p.name.as_str()),
            DocLang::En => format!("Applicant (signature): {}", p.name.as_str()),
        })
        .collect();
    Ok(Body {
        issuer: w.committee(),
        title: w.t(
            "司法确认申请书",
            "Joint Application for Judicial Confirmation of a Mediation Agreement",
        ),
        sections: vec![
            section(None, vec![w.case_code_line()]),
            section(Some(w.t("申请人", "Applicants")), applicants),
            section(Some(w.t("请求事项", "Request")), vec![request]),
            section(Some(w.t("事实与理由", "Facts and reasons")), reasons),
            section(
                Some(w.t("当事人确认情况", "Confirmation by the parties")),
                confirmations,
            ),
            section(
                None,
                vec![
                    w.t("此致", "To"),
                    court,
                    w.t(
                        "附：人民调解协议书一份。",
                        "Enclosed: the people's mediation agreement.",
                    ),
                    w.date(w.input.issued_on),
                ],
            ),
        ],
        signature_lines: signatures,
        seal_line: false,
    })
}

/// The note of the latest event of `kind` on the timeline: a reason as it was recorded.
fn latest_note(case: &Case, kind: EventKind) -> Option<(&str, Option<NoteCode>)> {
    case.timeline
        .iter()
        .rev()
        .find(|e| e.kind() == kind)
        .map(|e| (e.note.as_deref().unwrap_or(""), e.note_code))
}

/// 移送函 / 转办函: a failed mediation sent on, or a matter handed to a department.
fn referral(w: &Words<'_, '_>) -> Result<Body, DocumentError> {
    let case = w.case();
    let referral = case
        .referral
        .as_ref()
        .ok_or(DocumentError::Missing(Missing::Referral))?;
    let to_department = referral.target == ReferralTarget::Department;
    let hazard = case.kind == CaseKind::Hazard;
    let issuer = if hazard {
        w.street_office()
    } else {
        w.committee()
    };
    let title = title_of(w, to_department);
    let code = case.code.to_string();
    let filed = w.day_of(case.filed_at);
    let what = if hazard {
        match w.lang {
            DocLang::Zh => format!(
                "本街道于{filed}接到反映：{}（{}）存在{}问题（案件编号：{code}）。",
                case.address.as_str(),
                w.community(),
                w.category()
            ),
            DocLang::En => format!(
                "On {filed} the street was told of a matter ({}) at {} ({}), case number {code}.",
                w.category().to_lowercase(),
                case.address.as_str(),
                w.community()
            ),
        }
    } else {
        match w.lang {
            DocLang::Zh => format!(
                "本委员会于{filed}受理{}（案件编号：{code}），经调解，当事人未能达成协议。",
                w.dispute_between()
            ),
            DocLang::En => format!(
                "On {filed} the committee took on {}, case number {code}; the parties did not reach an agreement through mediation.",
                w.dispute_between()
            ),
        }
    };
    let mut body = vec![what];
    if hazard {
        body.extend(paragraphs_of(case.description.as_str()));
    } else if let Some((note, code)) = latest_note(case, EventKind::MediationFailed) {
        let reason = if code == Some(NoteCode::SessionNoAgreement) || note.trim().is_empty() {
            w.t(
                "调解会上未能达成协议",
                "no agreement was reached at the session",
            )
        } else {
            note.trim().to_owned()
        };
        body.push(w.field("调解未成原因", "Why mediation failed", &reason));
    }
    if let Some((note, _)) = latest_note(case, EventKind::Referred) {
        if !note.trim().is_empty() {
            body.push(if to_department {
                w.field("转办理由", "Reason for transfer", note.trim())
            } else {
                w.field("移送理由", "Reason for referral", note.trim())
            });
        }
    }
    body.push(match (w.lang, to_department) {
        (DocLang::Zh, true) => "该事项属于你单位职责范围，现予转办，请依职责及时处置，并将处理结果反馈我单位。".to_owned(),
        (DocLang::Zh, false) => "现将该纠纷移送你单位依法处理，相关材料随函附送，请将处理结果反馈我单位。".to_owned(),
        (DocLang::En, true) => "The matter falls within your remit and is transferred to you; please deal with it promptly and tell us the result.".to_owned(),
        (DocLang::En, false) => "The dispute is referred to you to be dealt with according to law, with its papers enclosed; please tell us the result.".to_owned(),
    });
    if let Some(handler) = w.input.lead_handler() {
        body.push(w.field("联系人", "Contact", &handler));
    }
    Ok(Body {
        issuer: issuer.clone(),
        title,
        sections: vec![
            section(None, vec![w.addressed_to(&referral.receiving_body)]),
            section(None, body),
            w.closing(issuer),
            section(
                Some(w.t("回执", "Receipt")),
                vec![match w.lang {
                    DocLang::Zh => {
                        format!("{}已收到（案件编号：{code}）。", title_of(w, to_department))
                    }
                    DocLang::En => format!(
                        "We have received this {} (case number {code}).",
                        title_of(w, to_department).to_lowercase()
                    ),
                }],
            ),
        ],
        signature_lines: vec![
            w.signature("经办人", "Handled by"),
            w.signature("接收人", "Received by"),
        ],
        seal_line: true,
    })
}

fn title_of(w: &Words<'_, '_>, to_department: bool) -> String {
    if to_department {
        w.t("转办函", "Letter of Transfer")
    } else {
        w.t("移送函", "Letter of Referral")
    }
}

/// 回访记录: how the case ended, each visit, and the party's answer.
fn return_visit(w: &Words<'_, '_>) -> Body {
    let case = w.case();
    let ended = match (case.outcome, &case.referral) {
        (Some(Outcome::AgreementReached), _) => w.t("经调解达成协议", "settled by agreement"),
        (Some(Outcome::ProblemFixed), _) => w.t("问题已解决", "the problem was fixed"),
        (Some(Outcome::Withdrawn), _) => w.t("当事人撤回", "withdrawn by the party"),
        (None, Some(referral)) => match w.lang {
            DocLang::Zh => format!("已移送{}", referral.receiving_body),
            DocLang::En => format!("referred to {}", referral.receiving_body),
        },
        (None, None) => w.t("（未记录）", "(not recorded)"),
    };
    let visits: Vec<String> = case
        .timeline
        .iter()
        .filter(|e| matches!(e.change, Change::VisitRecorded))
        .map(|e| {
            let note = e.note.as_deref().unwrap_or("").trim();
            match w.lang {
                DocLang::Zh => format!("{}，{}回访：{note}", w.day_of(e.at), w.actor(&e.actor)),
                DocLang::En => format!(
                    "{}, visited by {}: {note}",
                    w.day_of(e.at),
                    w.actor(&e.actor)
                ),
            }
        })
        .collect();
    let answer = match case.feedback {
        Some(feedback) => {
            let settled = if feedback.confirmed {
                w.t(
                    "当事人确认纠纷已解决。",
                    "The party confirms the matter is settled.",
                )
            } else {
                w.t(
                    "当事人认为问题尚未解决。",
                    "The party says the matter is not settled.",
                )
            };
            let score = match w.lang {
                DocLang::Zh => format!("满意度：{}分（满分5分）。", feedback.satisfaction),
                DocLang::En => format!("Satisfaction: {} out of 5.", feedback.satisfaction),
            };
            vec![settled, score]
        }
        None => vec![w.t("当事人尚未评价。", "The party has not answered yet.")],
    };
    let mut details = vec![w.case_code_line(), w.field("事项", "Matter", &w.category())];
    details.extend(w.party_lines(&case.parties, false));
    details.push(w.field("办结情况", "How it ended", &ended));
    let issuer = if case.kind == CaseKind::Hazard {
        w.street_office()
    } else {
        w.committee()
    };
    Body {
        issuer,
        title: w.t("回访记录", "Record of Return Visit"),
        sections: vec![
            section(None, details),
            section(Some(w.t("回访情况", "Visits")), visits),
            section(Some(w.t("当事人评价", "The party's answer")), answer),
        ],
        signature_lines: vec![
            w.signature("回访人", "Visited by"),
            w.signature("被回访人", "Visited party"),
        ],
        seal_line: false,
    }
}
