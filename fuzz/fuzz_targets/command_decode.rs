//! Lifecycle command decoding: any JSON body that decodes as a command request (or a bare
//! command) encodes back to the same value, and `execute` of what it decodes to, on a dispute
//! and a hazard in every status, keeps every promise of the loop (see `check_step`).
//!
//! The Worker reads bodies through `api/src/request_body.rs` (which first writes `4.0` as
//! `4`) into these same shared types with serde_json; that step lives in the API crate.

#![no_main]

use accord_fuzz::{
    cases_in_every_status, check_history, check_step, directory, staff, usual_actor,
};
use accord_shared::case::Actor;
use accord_shared::lifecycle::{execute, Command};
use accord_shared::staff::Role;
use accord_shared::wire::CommandRequest;
use chrono::Duration;
use libfuzzer_sys::fuzz_target;

fn exercise(command: &Command, salt: usize) {
    let others = [
        Actor::Resident,
        Actor::System,
        staff("mediator01", Role::Mediator),
        staff("grid02", Role::GridWorker),
        staff("district", Role::DistrictCoordinator),
        Actor::Volunteer {
            link: "v1".into(),
            name: "王阿姨".into(),
        },
    ];
    for (i, case) in cases_in_every_status().iter().enumerate() {
        let other = others[(salt + i) % others.len()].clone();
        for actor in [usual_actor(command.kind()), other] {
            let last = case.timeline.last().map(|e| e.at).unwrap_or(case.filed_at);
            let now = last + Duration::minutes((salt % 7) as i64 - 3);
            let result = execute(case, command, &actor, now, directory());
            check_step(case, command, &actor, now, &result);
            if let Ok((next, _)) = result {
                check_history(&next);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = serde_json::from_slice::<CommandRequest>(data) {
        let json = serde_json::to_vec(&request).expect("a request serializes");
        let back: CommandRequest = serde_json::from_slice(&json).expect("its encoding decodes");
        assert_eq!(back, request, "a command request survives JSON");
        exercise(&request.command, data.len());
    }
    if let Ok(command) = serde_json::from_slice::<Command>(data) {
        let json = serde_json::to_vec(&command).expect("a command serializes");
        let back: Command = serde_json::from_slice(&json).expect("its encoding decodes");
        assert_eq!(back, command, "a command survives JSON");
        exercise(&command, data.len());
    }
});
