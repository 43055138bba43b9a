//! The risk factors of a case as form fields, and the level they give (staff console only).

use crate::common::staff_fields::{CheckBox, InputKind, TextInput};
use crate::i18n::staff::StaffMsg;
use crate::i18n::t;
use crate::staff::risk_badge::RiskBadge;
use accord_shared::risk::{assess_risk, RiskFactors};
use leptos::prelude::*;

/// The factors as typed: numbers stay text until sent, so a wrong one is kept and explained.
#[derive(Debug, Clone, Copy)]
pub struct FactorDraft {
    pub violence: RwSignal<bool>,
    pub people: RwSignal<String>,
    pub vulnerable: RwSignal<bool>,
    pub repeat: RwSignal<String>,
    pub months: RwSignal<String>,
    pub failed: RwSignal<String>,
}

fn number_text(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        n.to_string()
    }
}

impl FactorDraft {
    pub fn new() -> Self {
        FactorDraft {
            violence: RwSignal::new(false),
            people: RwSignal::new(String::new()),
            vulnerable: RwSignal::new(false),
            repeat: RwSignal::new(String::new()),
            months: RwSignal::new(String::new()),
            failed: RwSignal::new(String::new()),
        }
    }

    pub fn fill(self, factors: &RiskFactors) {
        self.violence.set(factors.violence_threatened);
        self.people.set(number_text(factors.people_involved));
        self.vulnerable.set(factors.vulnerable_parties);
        self.repeat.set(number_text(factors.repeat_reports));
        self.months.set(number_text(factors.conflict_months));
        self.failed.set(number_text(factors.failed_mediations));
    }

    /// The factors, or the id of the first number that is not a whole number (empty is 0).
    pub fn read(self) -> Result<RiskFactors, &'static str> {
        let number = |id: &'static str, signal: RwSignal<String>| -> Result<u32, &'static str> {
            let raw = signal.get_untracked();
            let raw = raw.trim();
            if raw.is_empty() {
                Ok(0)
            } else {
                raw.parse::<u32>().map_err(|_| id)
            }
        };
        Ok(RiskFactors {
            violence_threatened: self.violence.get_untracked(),
            people_involved: number("rf-people", self.people)?,
            vulnerable_parties: self.vulnerable.get_untracked(),
            repeat_reports: number("rf-repeat", self.repeat)?,
            conflict_months: number("rf-months", self.months)?,
            failed_mediations: number("rf-failed", self.failed)?,
        })
    }
}

impl Default for FactorDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The six factors and, as they are typed, the level they give.
#[component]
pub fn RiskFactorFields(
    draft: FactorDraft,
    /// The error beside one factor: `(id, words)`.
    #[prop(into)]
    error: Signal<Option<(&'static str, String)>>,
) -> impl IntoView {
    let error_of = move |id: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, text)| text)
        })
    };
    let preview = move || {
        draft
            .read()
            .ok()
            .map(|factors| view! { <RiskBadge level=assess_risk(&factors) /> })
    };
    let track = move || {
        // Read every factor so the preview follows the typing.
        draft.violence.track();
        draft.people.track();
        draft.vulnerable.track();
        draft.repeat.track();
        draft.months.track();
        draft.failed.track();
        preview()
    };
    view! {
        <CheckBox id="rf-violence" label=StaffMsg::FactorViolence value=draft.violence />
        <CheckBox id="rf-vulnerable" label=StaffMsg::FactorVulnerable value=draft.vulnerable />
        <div class="factor-numbers">
            <TextInput id="rf-people" label=StaffMsg::FactorPeople value=draft.people error=error_of("rf-people") kind=InputKind::Number />
            <TextInput id="rf-repeat" label=StaffMsg::FactorRepeat value=draft.repeat error=error_of("rf-repeat") kind=InputKind::Number />
            <TextInput id="rf-months" label=StaffMsg::FactorMonths value=draft.months error=error_of("rf-months") kind=InputKind::Number />
            <TextInput id="rf-failed" label=StaffMsg::FactorFailed value=draft.failed error=error_of("rf-failed") kind=InputKind::Number />
        </div>
        <p class="risk-preview" aria-live="polite">
            {t(StaffMsg::RiskLabel)}
            ": "
            {track}
        </p>
    }
}
