//! The agreement on the resident's tracking page: where it stands (waiting for the parties,
//! in effect, the last day to apply for judicial confirmation, the court's decision), its
//! text, and each term with whether it was carried out. A term past its date and not carried
//! out says the case was reopened: a defaulted agreement is never silently closed. The
//! resident confirms from their own party link, not here.

use crate::i18n::party::PartyMsg;
use crate::i18n::{party_msg, t, use_i18n};
use accord_shared::agreement::JudicialOutcome;
use accord_shared::wire::{fen_to_yuan, ResidentAgreementView, TermStanding};
use leptos::prelude::*;

fn standing_msg(standing: TermStanding) -> PartyMsg {
    match standing {
        TermStanding::Due => PartyMsg::TermDue,
        TermStanding::Performed => PartyMsg::TermPerformed,
        TermStanding::NotPerformed => PartyMsg::TermNotPerformed,
        TermStanding::Defaulted => PartyMsg::TermDefaulted,
    }
}

#[component]
pub fn TrackAgreement(agreement: ResidentAgreementView) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let state = if agreement.in_effect {
            PartyMsg::AgreementInEffect
        } else {
            PartyMsg::TrackAgreementDraft
        };
        let parties = agreement
            .parties
            .iter()
            .map(|(role, name, confirmed)| {
                let said = if *confirmed {
                    PartyMsg::PartyConfirmed
                } else {
                    PartyMsg::PartyNotConfirmed
                };
                view! {
                    <dt>{party_msg(*role).text(lang)}</dt>
                    <dd>{format!("{name} · {}", said.text(lang))}</dd>
                }
            })
            .collect_view();
        let defaulted = agreement
            .terms
            .iter()
            .any(|term| term.standing == TermStanding::Defaulted)
            .then(|| view! { <p class="notice warning-notice" role="note">{t(PartyMsg::DefaultNotice)}</p> });
        let clock = agreement
            .clock
            .filter(|clock| clock.open && agreement.decision.is_none())
            .map(|clock| view! { <p>{format!("{}{}", PartyMsg::ClockBy.text(lang), clock.last_day)}</p> });
        let decision = agreement.decision.as_ref().map(|decision| {
            let said = match decision.outcome {
                JudicialOutcome::Confirmed => PartyMsg::DecisionConfirmed,
                JudicialOutcome::NotConfirmed => PartyMsg::DecisionNotConfirmed,
            };
            view! { <p>{format!("{}{} ({})", said.text(lang), decision.ruling_number, decision.ruling_date)}</p> }
        });
        let terms = agreement
            .terms
            .iter()
            .map(|term| {
                let amount = term
                    .amount_fen
                    .map(|fen| format!(" · ¥{}", fen_to_yuan(fen)))
                    .unwrap_or_default();
                let standing = term.standing;
                view! {
                    <li class="agreement-term" class:term-defaulted=standing == TermStanding::Defaulted>
                        <strong>{party_msg(term.who).text(lang)}</strong>
                        {format!(" {} · {} {}{amount}", term.what, PartyMsg::AgreementBy.text(lang), term.by)}
                        <span class="term-standing">{format!(" · {}", standing_msg(standing).text(lang))}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="case-card track-agreement" aria-labelledby="track-agreement-title">
                <h2 id="track-agreement-title">{t(PartyMsg::AgreementTitle)}</h2>
                <p>{t(state)}</p>
                {defaulted}
                {decision}
                {clock}
                <dl class="facts">{parties}</dl>
                <h3>{t(PartyMsg::AgreementFacts)}</h3>
                <p class="description">{agreement.facts.clone()}</p>
                <h3>{t(PartyMsg::AgreementTerms)}</h3>
                <ol>{terms}</ol>
                <p class="help">
                    {format!(
                        "{} {}",
                        PartyMsg::AgreementFingerprint.text(lang),
                        agreement.content_hash.get(..16).unwrap_or_default(),
                    )}
                </p>
            </section>
        }
    }
}
