//! The clock of a case's current stage, the same for residents and staff: "due in 2 days",
//! "overdue by 3 h", with the deadline in the reader's language.

use crate::common::when::format_when;
use crate::i18n::{use_i18n, Lang, Msg, MsgN, MsgX};
use accord_shared::time_limits::{Stage, StageClock};
use leptos::prelude::*;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// An amount of time in the largest unit that fits: days from one day on, hours from one
/// hour on, else minutes (at least one).
pub fn span_text(seconds: i64, lang: Lang) -> String {
    let seconds = seconds.abs();
    if seconds >= DAY {
        MsgN::UnitDays.with(lang, (seconds / DAY) as usize)
    } else if seconds >= HOUR {
        MsgN::UnitHours.with(lang, (seconds / HOUR) as usize)
    } else {
        MsgN::UnitMinutes.with(lang, (seconds / 60).max(1) as usize)
    }
}

/// "due in 2 days" or "overdue by 3 h".
pub fn clock_text(clock: &StageClock, lang: Lang) -> String {
    let span = span_text(clock.seconds_left, lang);
    if clock.overdue {
        MsgX::ClockOverdue.with(lang, &span)
    } else {
        MsgX::ClockDueIn.with(lang, &span)
    }
}

pub fn stage_msg(stage: Stage) -> Msg {
    match stage {
        Stage::Triage => Msg::StageTriage,
        Stage::Dispatch => Msg::StageDispatch,
        Stage::Handling => Msg::StageHandling,
        Stage::FollowUp => Msg::StageFollowUp,
    }
}

/// `ok`, `soon` (less than a day left) or `overdue`: the colour, never the only signal.
pub fn clock_class(clock: &StageClock) -> &'static str {
    if clock.overdue {
        "clock clock-overdue"
    } else if clock.seconds_left < DAY {
        "clock clock-soon"
    } else {
        "clock clock-ok"
    }
}

#[component]
pub fn StageClockView(
    clock: StageClock,
    /// Whether to name the stage ("Handling: due in 2 days").
    #[prop(optional)]
    with_stage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let lang = i18n.lang();
        let when = clock_text(&clock, lang);
        if with_stage {
            format!("{}: {when}", stage_msg(clock.stage).text(lang))
        } else {
            when
        }
    };
    let due = move || format_when(clock.due_at, i18n.lang());
    view! {
        <span class=clock_class(&clock) title=due>
            <svg class="clock-icon" viewBox="0 0 16 16" aria-hidden="true" width="14" height="14">
                <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.8"></circle>
                <path d="M8 4.2V8l2.6 1.6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"></path>
            </svg>
            {text}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn clock(seconds_left: i64) -> StageClock {
        let now = Utc::now();
        StageClock {
            stage: Stage::Handling,
            started_at: now,
            due_at: now,
            seconds_left,
            overdue: seconds_left < 0,
        }
    }

    #[test]
    fn the_clock_speaks_in_the_largest_unit_that_fits() {
        assert_eq!(clock_text(&clock(2 * DAY + 5), Lang::En), "due in 2 days");
        assert_eq!(clock_text(&clock(DAY + 5), Lang::En), "due in 1 day");
        assert_eq!(
            clock_text(&clock(-3 * HOUR - 20), Lang::En),
            "overdue by 3 h"
        );
        assert_eq!(clock_text(&clock(30), Lang::En), "due in 1 min");
        assert_eq!(clock_text(&clock(2 * DAY), Lang::Zh), "2 天后到期");
        assert_eq!(clock_text(&clock(-3 * HOUR), Lang::Zh), "已超期 3 小时");
    }

    #[test]
    fn less_than_a_day_left_looks_urgent_and_overdue_looks_late() {
        assert_eq!(clock_class(&clock(3 * DAY)), "clock clock-ok");
        assert_eq!(clock_class(&clock(HOUR)), "clock clock-soon");
        assert_eq!(clock_class(&clock(-1)), "clock clock-overdue");
    }
}
