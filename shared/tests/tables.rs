//! Snapshots of the tables a reviewer must see change: the transition table of the closed
//! loop, the session transition table and the authorization policy. One line per row; a changed row shows up as a diff of
//! this file (`UPDATE_EXPECT=1 cargo test -p accord-shared --test tables` rewrites it).

use accord_shared::lifecycle::TRANSITIONS;
use accord_shared::policy::{Action, Reach, POLICY};
use accord_shared::scheduling::SESSION_TRANSITIONS;
use expect_test::expect;
use serde::Serialize;

/// The serialized name of a unit variant (`in_progress`, `change_case`, …).
fn name(value: impl Serialize) -> String {
    match serde_json::to_value(value).expect("a plain enum") {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

#[test]
fn the_transition_table_reads_as_reviewed() {
    let rows: Vec<String> = TRANSITIONS
        .iter()
        .map(|t| {
            let from: Vec<String> = t.from.iter().map(|s| name(*s)).collect();
            let to = t.to.map_or_else(|| "(stays)".to_owned(), name);
            format!("{:<20} {} -> {to}", name(t.command), from.join(", "))
        })
        .collect();
    expect![[r#"
        accept               reported -> accepted
        reject               reported -> rejected
        recategorize         reported, accepted, assigned, in_progress -> (stays)
        assess_risk          reported, accepted, assigned, in_progress, resolved, mediation_failed, referred, follow_up -> (stays)
        override_risk        reported, accepted, assigned, in_progress, resolved, mediation_failed, referred, follow_up -> (stays)
        set_handlers         accepted -> assigned
        set_handlers         assigned, in_progress, mediation_failed, referred, follow_up -> (stays)
        start                assigned -> in_progress
        add_note             reported, rejected, accepted, assigned, in_progress, resolved, mediation_failed, referred, follow_up, closed -> (stays)
        resolve              in_progress -> resolved
        fail_mediation       in_progress -> mediation_failed
        refer                mediation_failed -> referred
        begin_follow_up      resolved, referred -> follow_up
        record_visit         follow_up -> (stays)
        give_feedback        resolved, referred, follow_up -> (stays)
        close                follow_up -> closed
        reopen               follow_up, closed -> in_progress
        escalate             reported, accepted, assigned, in_progress, resolved, mediation_failed, referred, follow_up -> (stays)
        set_conflict_since   reported, accepted, assigned, in_progress, resolved, mediation_failed, referred, follow_up -> (stays)
        merge_into           reported, accepted, assigned, in_progress -> closed
        absorb_duplicate     reported, accepted, assigned, in_progress -> (stays)
        transfer_out         reported, accepted, assigned, in_progress -> closed
        transfer_in          reported -> reported"#]].assert_eq(&rows.join("\n"));
}

#[test]
fn the_policy_reads_as_reviewed() {
    let mut rows = Vec::new();
    for (role, grants) in POLICY {
        for action in Action::ALL {
            let reach = grants
                .iter()
                .find(|(a, _)| *a == action)
                .map_or(Reach::None, |(_, r)| *r);
            if reach != Reach::None {
                rows.push(format!(
                    "{:<20} {:<20} {}",
                    name(*role),
                    name(action),
                    name(reach)
                ));
            }
        }
    }
    expect![[r#"
        coordinator          list_cases           street
        coordinator          read_case            street
        coordinator          read_party_contact   street
        coordinator          change_case          street
        coordinator          record_intake        street
        coordinator          merge_cases          street
        coordinator          list_people          street
        coordinator          run_escalation       street
        coordinator          manage_volunteers    street
        coordinator          schedule_sessions    street
        coordinator          answer_sessions      street
        coordinator          keep_own_calendar    street
        coordinator          read_figures         street
        coordinator          issue_documents      street
        admin                run_escalation       street
        admin                manage_users         street
        admin                manage_directory     street
        admin                read_audit           street
        admin                run_retention        street
        admin                keep_own_calendar    street
        admin                read_figures         street
        admin                import_history       street
        mediator             list_cases           community
        mediator             read_case            community
        mediator             read_party_contact   community
        mediator             change_case          community
        mediator             record_intake        community
        mediator             merge_cases          community
        mediator             list_people          community
        mediator             manage_volunteers    community
        mediator             schedule_sessions    community
        mediator             answer_sessions      community
        mediator             keep_own_calendar    street
        mediator             read_figures         community
        mediator             issue_documents      community
        grid_worker          list_cases           community
        grid_worker          read_case            community
        grid_worker          read_party_contact   community
        grid_worker          change_case          community
        grid_worker          record_intake        community
        grid_worker          schedule_sessions    community
        grid_worker          answer_sessions      community
        grid_worker          keep_own_calendar    street
        grid_worker          issue_documents      community
        district_coordinator list_cases           district
        district_coordinator read_case            district
        district_coordinator read_party_contact   district
        district_coordinator change_case          district
        district_coordinator record_intake        district
        district_coordinator merge_cases          district
        district_coordinator list_people          district
        district_coordinator run_escalation       district
        district_coordinator manage_volunteers    district
        district_coordinator schedule_sessions    district
        district_coordinator answer_sessions      district
        district_coordinator keep_own_calendar    district
        district_coordinator transfer_cases       district
        district_coordinator read_figures         district
        district_coordinator issue_documents      district
        district_admin       run_escalation       district
        district_admin       manage_users         district
        district_admin       manage_directory     district
        district_admin       read_audit           district
        district_admin       run_retention        district
        district_admin       keep_own_calendar    district
        district_admin       read_figures         district
        district_admin       import_history       district
        police               list_cases           assigned
        police               read_case            assigned
        police               read_party_contact   assigned
        police               change_case          assigned
        police               schedule_sessions    assigned
        police               answer_sessions      community
        police               keep_own_calendar    street
        prosecutor           list_cases           assigned
        prosecutor           read_case            assigned
        prosecutor           read_party_contact   assigned
        prosecutor           change_case          assigned
        prosecutor           schedule_sessions    assigned
        prosecutor           answer_sessions      community
        prosecutor           keep_own_calendar    street
        judge                list_cases           assigned
        judge                read_case            assigned
        judge                read_party_contact   assigned
        judge                change_case          assigned
        judge                schedule_sessions    assigned
        judge                answer_sessions      community
        judge                keep_own_calendar    street
        counselor            list_cases           assigned
        counselor            read_case            assigned
        counselor            read_party_contact   assigned
        counselor            change_case          assigned
        counselor            schedule_sessions    assigned
        counselor            answer_sessions      community
        counselor            keep_own_calendar    street
        counselor            keep_confidential_notes assigned
        department_liaison   list_cases           assigned
        department_liaison   read_case            assigned
        department_liaison   read_party_contact   assigned
        department_liaison   change_case          assigned
        department_liaison   schedule_sessions    assigned
        department_liaison   answer_sessions      community
        department_liaison   keep_own_calendar    street"#]]
    .assert_eq(&rows.join("\n"));
}

#[test]
fn the_session_transition_table_reads_as_reviewed() {
    let rows: Vec<String> = SESSION_TRANSITIONS
        .iter()
        .map(|(from, action, to)| format!("{:<15} {} -> {}", name(*action), name(*from), name(*to)))
        .collect();
    expect![[r#"
        answer          proposed -> proposed
        confirm         proposed -> confirmed
        cancel          proposed -> cancelled
        ask_reschedule  proposed -> proposed
        reschedule      confirmed -> confirmed
        cancel          confirmed -> cancelled
        attend          confirmed -> confirmed
        ask_reschedule  confirmed -> confirmed
        record_held     confirmed -> held
        record_no_show  confirmed -> no_show"#]]
    .assert_eq(&rows.join("\n"));
}
