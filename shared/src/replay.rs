//! The reference street's two years, generated as history import lines: Zhonghua Road
//! handled 3,779 cases in two years with a success rate of 99.29 %, 442 of them disputes
//! more than two years old (`DOMAIN.md`). [`reference_history`] writes such a history for the
//! demo street in the format of [`crate::history`], every line accepted by
//! [`crate::history::build_case`], together with the generator's own count of what it wrote
//! ([`ReferenceTruth`]), against which figures computed from the imported cases can be checked.
//!
//! Deterministic for a seed and pure: no clock, no randomness but the seed (SplitMix64).
//!
//! What the counts mean:
//! - a dispute is *resolved* when its last outcome is an agreement, *mediation failed* when a
//!   mediation of it failed (whatever came after: a referral to the court, arbitration, a
//!   department or the judge workstation); a *withdrawn* dispute (the applicant withdrew) and
//!   a *rejected* one count as neither;
//! - success rate = resolved ÷ (resolved + mediation failed) over disputes, as a percentage
//!   rounded half up to two decimals; hazards are counted apart (fixed, or referred to a
//!   department after the owner would not put it right, which the state machine records as a
//!   failed mediation followed by a referral);
//! - *long-standing*: a dispute whose conflict began more than two years before its filing;
//! - *open at end*: not closed or rejected by the end of `end` in the street's zone (recent
//!   filings still in handling, cases in follow-up, failed mediations the parties took no
//!   further); *in handling*: not yet resolved, failed or rejected.

use crate::case::{Outcome, ReferralTarget, Visibility};
use crate::demo::{demo_directory, ZHONGHUA};
use crate::directory::{Community, Directory};
use crate::history::Unnamed;
use crate::history::{ApplicantLine, By, ImportChannel, ImportEvent, ImportLine, RespondentLine};
use crate::lifecycle::Command;
use crate::risk::{assess_risk, RiskFactors, RiskLevel};
use crate::staff::{Handler, Role};
use crate::time::{local_date, SHANGHAI};
use crate::time_limits::EscalationLevel;
use crate::vocabulary::CaseKind;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The reference figures (`DOMAIN.md`).
pub const REFERENCE_CASES: usize = 3_779;
pub const REFERENCE_LONG_STANDING: usize = 442;
/// 99.29 %, in hundredths of a percent.
pub const REFERENCE_SUCCESS_BASIS_POINTS: u64 = 9_929;
/// The days of the two years ending at `end`.
pub const HISTORY_DAYS: i64 = 730;

/// The generated history: the lines of the import file, the same lines typed, and the
/// generator's own count of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceHistory {
    pub lines: Vec<String>,
    pub typed: Vec<ImportLine>,
    pub truth: ReferenceTruth,
}

/// What the generator wrote, counted by the generator from its own lines (see the module
/// documentation for what each count means).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceTruth {
    pub seed: u64,
    pub street: String,
    /// The first and last day of filings.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub cases: usize,
    pub communities: usize,
    pub per_community: BTreeMap<String, usize>,
    pub per_category: BTreeMap<String, usize>,
    pub per_channel: BTreeMap<String, usize>,
    /// By the risk level of the factors known at filing or first assessment.
    pub risk_at_triage: BTreeMap<String, usize>,
    pub disputes: usize,
    pub hazards: usize,
    pub resolved: usize,
    pub mediation_failed: usize,
    pub withdrawn: usize,
    pub rejected: usize,
    pub success_numerator: usize,
    pub success_denominator: usize,
    /// Two decimals, rounded half up: `"99.29"`.
    pub success_rate_percent: String,
    pub hazards_fixed: usize,
    pub hazards_referred_to_department: usize,
    pub long_standing_filed: usize,
    pub long_standing_resolved: usize,
    /// Referrals by target (`court`, `arbitration`, `department`, `judge_workstation`).
    pub referred: BTreeMap<String, usize>,
    pub reopened: usize,
    pub reopened_then_resolved: usize,
    pub escalated: usize,
    pub open_at_end: usize,
    pub in_handling_at_end: usize,
    pub closed: usize,
    pub follow_ups: usize,
    pub visits: usize,
    pub visits_by_volunteers: usize,
    /// Cases whose last feedback stands (a reopening clears it).
    pub feedback_given: usize,
    /// Satisfaction of that feedback, `"1"` to `"5"`.
    pub satisfaction: BTreeMap<String, usize>,
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// Inclusive.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high.saturating_sub(low)).unwrap_or(0);
        low + i64::try_from(self.below(span.saturating_add(1))).unwrap_or(0)
    }

    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        &items[index.min(items.len().saturating_sub(1))]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.below(i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

const DISPUTE_CATEGORIES: [(&str, u64); 10] = [
    ("neighbours", 240),
    ("family", 150),
    ("property_management", 170),
    ("landlord_tenant", 90),
    ("wages_labour", 80),
    ("consumer", 50),
    ("traffic_compensation", 40),
    ("renovation_construction", 90),
    ("debt_contract", 60),
    ("dispute_other", 30),
];

const HAZARD_CATEGORIES: [(&str, u64); 7] = [
    ("fire_escape", 220),
    ("yard_sanitation", 240),
    ("broken_paving", 140),
    ("street_lights", 130),
    ("illegal_construction", 110),
    ("public_security", 80),
    ("hazard_other", 80),
];

const DISPUTE_CHANNELS: [(ImportChannel, u64); 6] = [
    (ImportChannel::WalkIn, 380),
    (ImportChannel::Hotline, 270),
    (ImportChannel::GridPatrol, 110),
    (ImportChannel::Web, 120),
    (ImportChannel::Volunteer, 90),
    (ImportChannel::ReferralIn, 30),
];

const HAZARD_CHANNELS: [(ImportChannel, u64); 6] = [
    (ImportChannel::GridPatrol, 520),
    (ImportChannel::Hotline, 200),
    (ImportChannel::Web, 150),
    (ImportChannel::WalkIn, 80),
    (ImportChannel::Volunteer, 40),
    (ImportChannel::ReferralIn, 10),
];

fn descriptions(category: &str) -> &'static [&'static str] {
    match category {
        "neighbours" => &[
            "楼上住户夜间噪音扰民，多次沟通无果",
            "邻居在楼道堆放杂物，双方因此发生争吵",
            "楼上空调外机滴水至楼下阳台，协商未果",
            "邻居饲养犬只夜间吠叫，影响休息",
        ],
        "family" => &[
            "老人赡养费用分担问题，子女之间意见不一",
            "夫妻因家庭琐事长期争吵，一方要求调解",
            "父母遗留房屋继承份额发生争议",
        ],
        "property_management" => &[
            "业主对物业费上涨不满，拒绝缴纳",
            "小区电梯多次故障，业主与物业公司发生纠纷",
            "物业公司停车管理收费引发业主不满",
        ],
        "landlord_tenant" => &[
            "租户提前退租，房东拒绝退还押金",
            "房东未经协商上调租金，租户不同意",
        ],
        "wages_labour" => &["装修工人被拖欠工资三个月", "商户员工离职后工资结算发生争议"],
        "consumer" => &[
            "在附近商铺购买的预付卡无法使用，商家拒绝退款",
            "家电维修后再次损坏，与维修店协商未果",
        ],
        "traffic_compensation" => &[
            "小区内电动车与行人相撞，赔偿金额协商不成",
            "停车时刮蹭他人车辆，双方对赔偿有争议",
        ],
        "renovation_construction" => &[
            "邻居装修破坏承重墙，楼下墙面开裂",
            "装修公司工期延误且质量不达标",
            "楼上装修导致楼下天花板漏水",
        ],
        "debt_contract" => &[
            "个人借款到期未还，双方同意先行调解",
            "合伙经营小店散伙后账目结算发生争议",
        ],
        "dispute_other" => &["相邻商户因门前占道经营发生纠纷"],
        "fire_escape" => &[
            "楼道消防通道被电动车和杂物堵塞",
            "小区消防通道长期停放私家车",
        ],
        "yard_sanitation" => &[
            "院内杂草丛生半人高，垃圾无人清理",
            "楼后空地堆放建筑垃圾，蚊蝇滋生",
        ],
        "broken_paving" => &[
            "小区主干道方砖破损，老人多次绊倒",
            "人行道路面塌陷，雨天积水",
        ],
        "street_lights" => &["小区路灯多处不亮，夜间出行不安全", "楼前路灯损坏已两周"],
        "illegal_construction" => &["一楼住户私自搭建阳光房占用公共绿地", "楼顶违规加盖彩钢房"],
        "public_security" => &[
            "小区门禁损坏，外来人员随意进出",
            "夜间有人在楼下聚集饮酒喧哗",
        ],
        _ => &["公共区域井盖缺失，存在安全隐患"],
    }
}

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗",
];
const GIVEN: [&str; 20] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "秀英", "桂兰", "玉梅", "建国", "志强",
];
const VOLUNTEERS: [&str; 4] = ["刘阿姨", "孙大爷", "志愿者小王", "陈老师"];

/// The street's mediators: each community has one it turns to first.
const MEDIATORS: [&str; 3] = ["mediator01", "mediator02", "mediator-two"];

fn staff(username: &str, role: Role) -> By {
    By::staff(username, role)
}

fn coordinator() -> By {
    staff("coordinator", Role::Coordinator)
}

fn mediator_of(community: &Community) -> &'static str {
    match community.number {
        1 => "mediator01",
        2 => "mediator02",
        3 => "mediator-two",
        n => MEDIATORS[usize::from(n) % MEDIATORS.len()],
    }
}

/// An instant on a local working day at `hour:minute`.
fn local_at(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let naive = date
        .and_hms_opt(hour.min(23), minute.min(59), 0)
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN));
    SHANGHAI
        .from_local_datetime(&naive)
        .single()
        .map_or_else(|| naive.and_utc(), |at| at.with_timezone(&Utc))
}

/// `at` moved forward into working hours (08:00–19:00 local), never backwards.
fn working(at: DateTime<Utc>, rng: &mut Rng) -> DateTime<Utc> {
    let local = at.with_timezone(&SHANGHAI);
    let minute = u32::try_from(rng.below(90)).unwrap_or(0);
    if local.hour() < 8 {
        local_at(local.date_naive(), 8, 0) + Duration::minutes(i64::from(minute))
    } else if local.hour() >= 19 {
        local_at(local.date_naive() + Duration::days(1), 8, 30)
            + Duration::minutes(i64::from(minute))
    } else {
        at
    }
}

/// What becomes of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Rejected,
    Resolved,
    ReopenedThenResolved,
    Withdrawn,
    /// A failed mediation, then (`true`) a referral.
    Failed(bool),
    Fixed,
    ReferredToDepartment,
}

struct Plan {
    filed_at: DateTime<Utc>,
    kind: CaseKind,
    long_standing: bool,
    fate: Fate,
    triage_at: DateTime<Utc>,
    assigned_at: DateTime<Utc>,
    started_at: DateTime<Utc>,
    concluded_at: DateTime<Utc>,
}

/// Hundredths of a percent, rounded half up.
fn basis_points(numerator: usize, denominator: usize) -> u64 {
    if denominator == 0 {
        return 0;
    }
    let (n, d) = (numerator as u64, denominator as u64);
    (20_000 * n + d) / (2 * d)
}

fn percent(numerator: usize, denominator: usize) -> String {
    let bp = basis_points(numerator, denominator);
    format!("{}.{:02}", bp / 100, bp % 100)
}

fn scaled(cases: usize, reference: usize, per: usize) -> usize {
    (cases * reference + per / 2) / per.max(1)
}

/// The reference street's two years ending at `end` (filings on the 730 days up to and
/// including `end`, events until the end of that day), `cases` cases; with
/// [`REFERENCE_CASES`] the truth shows 442 long-standing disputes and a success rate of
/// 99.29 %, with fewer the same proportions (a small history cannot always hit 99.29 exactly;
/// it gets the nearest rate it can).
pub fn reference_history(seed: u64, cases: usize, end: NaiveDate) -> ReferenceHistory {
    let directory = demo_directory();
    let communities: Vec<&Community> = directory.communities_of(ZHONGHUA).collect();
    let mut rng = Rng(seed ^ 0x5EED_0FAC_C02D_0000);
    let first_day = end - Duration::days(HISTORY_DAYS - 1);
    let cutoff = local_at(end + Duration::days(1), 0, 0);

    // When each case was filed, oldest first.
    let mut filed: Vec<DateTime<Utc>> = (0..cases)
        .map(|_| {
            let day = first_day + Duration::days(rng.between(0, HISTORY_DAYS - 1));
            let hour = u32::try_from(rng.between(8, 18)).unwrap_or(9);
            let minute = u32::try_from(rng.between(0, 59)).unwrap_or(0);
            local_at(day, hour, minute)
        })
        .collect();
    filed.sort();

    // Exactly so many hazards and long-standing disputes, spread at random.
    let hazard_count = scaled(cases, 28, 100);
    let mut kinds: Vec<CaseKind> = (0..cases)
        .map(|i| {
            if i < hazard_count {
                CaseKind::Hazard
            } else {
                CaseKind::Dispute
            }
        })
        .collect();
    rng.shuffle(&mut kinds);
    let mut disputes: Vec<usize> = (0..cases)
        .filter(|&i| kinds[i] == CaseKind::Dispute)
        .collect();
    rng.shuffle(&mut disputes);
    let long_count = scaled(cases, REFERENCE_LONG_STANDING, REFERENCE_CASES).min(disputes.len());
    let mut long_standing = vec![false; cases];
    for &i in &disputes[..long_count] {
        long_standing[i] = true;
    }

    let mut plans: Vec<Plan> = (0..cases)
        .map(|i| {
            let kind = kinds[i];
            let filed_at = filed[i];
            let triage_at = working(filed_at + Duration::minutes(rng.between(20, 600)), &mut rng);
            let assigned_at = working(
                triage_at + Duration::minutes(rng.between(5, 1440)),
                &mut rng,
            );
            let started_at = working(
                assigned_at + Duration::minutes(rng.between(60, 4320)),
                &mut rng,
            );
            let days = match (kind, long_standing[i]) {
                (CaseKind::Hazard, _) => rng.between(1, 14),
                (CaseKind::Dispute, true) => rng.between(20, 120),
                (CaseKind::Dispute, false) => rng.between(2, 28),
            };
            let concluded_at = working(
                started_at + Duration::days(days) + Duration::minutes(rng.between(0, 480)),
                &mut rng,
            );
            Plan {
                filed_at,
                kind,
                long_standing: long_standing[i],
                fate: if kind == CaseKind::Hazard {
                    Fate::Fixed
                } else {
                    Fate::Resolved
                },
                triage_at,
                assigned_at,
                started_at,
                concluded_at,
            }
        })
        .collect();

    // A few are rejected at triage (never the long-standing ones: the street takes those on).
    let mut ordinary: Vec<usize> = (0..cases).filter(|&i| !plans[i].long_standing).collect();
    rng.shuffle(&mut ordinary);
    let rejected_count = scaled(cases, 11, 1000);
    for &i in ordinary.iter().take(rejected_count) {
        plans[i].fate = Fate::Rejected;
    }
    // Hazards the owner would not put right go to a department.
    for plan in plans.iter_mut() {
        if plan.kind == CaseKind::Hazard && plan.fate == Fate::Fixed && rng.chance(140) {
            plan.fate = Fate::ReferredToDepartment;
        }
    }
    choose_dispute_outcomes(&mut plans, cutoff, &mut rng);

    let mut typed = Vec::with_capacity(cases);
    for (i, plan) in plans.iter().enumerate() {
        // The first third of the street is busier: a quarter of the filings come from it
        // on top of an even share.
        let busy = (communities.len() as u64 / 3).max(1);
        let pick = if rng.chance(250) {
            rng.below(busy)
        } else {
            rng.below(communities.len() as u64)
        };
        let community = communities[usize::try_from(pick).unwrap_or(0) % communities.len()];
        typed.push(write_case(i, plan, community, &directory, cutoff, &mut rng));
    }
    let lines = typed
        .iter()
        .map(|line| serde_json::to_string(line).expect("an import line always serializes"))
        .collect();
    let truth = count(seed, &typed, communities.len(), first_day, end);
    ReferenceHistory {
        lines,
        typed,
        truth,
    }
}

/// Picks which concluded disputes were withdrawn, failed and reopened, so that the success
/// rate comes out at 99.29 % when the history is large enough to hit it.
fn choose_dispute_outcomes(plans: &mut [Plan], cutoff: DateTime<Utc>, rng: &mut Rng) {
    let mut concluded: Vec<usize> = (0..plans.len())
        .filter(|&i| {
            plans[i].kind == CaseKind::Dispute
                && plans[i].fate == Fate::Resolved
                && plans[i].concluded_at < cutoff
        })
        .collect();
    rng.shuffle(&mut concluded);
    let eligible = concluded.len();
    let target = REFERENCE_SUCCESS_BASIS_POINTS;
    let first_withdrawn = scaled(eligible, 15, 1000);
    // The fewest withdrawals from the usual share up that let some number of failures give
    // exactly 99.29 %; else the usual share and the failures nearest to it.
    let mut choice = None;
    for withdrawn in first_withdrawn..first_withdrawn + 40 {
        let denominator = eligible.saturating_sub(withdrawn);
        let failed =
            (0..=denominator / 50).find(|&f| basis_points(denominator - f, denominator) == target);
        if let Some(failed) = failed.filter(|&f| f > 0) {
            choice = Some((withdrawn, failed));
            break;
        }
    }
    let (withdrawn, failed) = choice.unwrap_or_else(|| {
        let denominator = eligible.saturating_sub(first_withdrawn);
        let failed = (0..=denominator / 50 + 1)
            .min_by_key(|&f| {
                basis_points(denominator - f.min(denominator), denominator).abs_diff(target)
            })
            .unwrap_or(0);
        (first_withdrawn, failed)
    });
    // Failures fall more often on long-standing disputes: put them first among candidates.
    let (mut long, mut short): (Vec<usize>, Vec<usize>) =
        concluded.iter().partition(|&&i| plans[i].long_standing);
    let from_long = (failed * 2 / 5).min(long.len());
    let mut failing: Vec<usize> = long.drain(..from_long).collect();
    let rest = failed - failing.len();
    failing.extend(short.drain(..rest.min(short.len())));
    for &i in &failing {
        plans[i].fate = Fate::Failed(!rng.chance(170));
    }
    let withdrawing: Vec<usize> = short.drain(..withdrawn.min(short.len())).collect();
    for &i in &withdrawing {
        plans[i].fate = Fate::Withdrawn;
    }
    // About one resolved dispute in a hundred is reopened (the agreement was not honoured)
    // and resolved again; only where that whole story ends before the cutoff.
    for &i in short.iter().chain(long.iter()) {
        if plans[i].concluded_at + Duration::days(80) < cutoff && rng.chance(10) {
            plans[i].fate = Fate::ReopenedThenResolved;
        }
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
}

fn phone(rng: &mut Rng) -> String {
    let second = rng.pick(&[3u64, 5, 7, 8, 9]);
    format!("1{second}{:09}", rng.below(1_000_000_000))
}

fn referral_for(category: &str, rng: &mut Rng) -> (ReferralTarget, &'static str) {
    match category {
        "wages_labour" => (
            ReferralTarget::Arbitration,
            "甘井子区劳动人事争议仲裁委员会",
        ),
        "property_management" | "landlord_tenant" if rng.chance(300) => {
            (ReferralTarget::Department, "甘井子区住房和城乡建设局")
        }
        _ if rng.chance(250) => (ReferralTarget::JudgeWorkstation, "中华路法官工作站"),
        _ => (ReferralTarget::Court, "甘井子区人民法院"),
    }
}

fn department_for(category: &str) -> &'static str {
    match category {
        "fire_escape" => "甘井子区消防救援大队",
        "illegal_construction" => "甘井子区城市管理综合行政执法局",
        "public_security" => "中华路派出所",
        "street_lights" | "broken_paving" => "甘井子区市政设施管理处",
        _ => "甘井子区城市管理局",
    }
}

fn satisfaction(rng: &mut Rng, content: bool) -> u8 {
    if content {
        rng.weighted(&[(5u8, 680), (4, 240), (3, 60), (2, 15), (1, 5)])
    } else {
        rng.weighted(&[(5u8, 150), (4, 350), (3, 350), (2, 100), (1, 50)])
    }
}

/// The events of a case, in order, cut at the end of the history.
struct Timeline {
    events: Vec<ImportEvent>,
    cutoff: DateTime<Utc>,
    at: DateTime<Utc>,
}

impl Timeline {
    fn push(&mut self, at: DateTime<Utc>, by: By, command: Command) {
        // Never before the event before it, whatever the plan says.
        let at = at.max(self.at);
        self.at = at;
        if at < self.cutoff {
            self.events.push(ImportEvent { at, by, command });
        }
    }

    /// An event some minutes after the last one, in working hours.
    fn after(&mut self, rng: &mut Rng, low: i64, high: i64, by: By, command: Command) {
        let at = working(self.at + Duration::minutes(rng.between(low, high)), rng);
        self.push(at, by, command);
    }
}

const DAY: i64 = 24 * 60;

fn write_case(
    index: usize,
    plan: &Plan,
    community: &Community,
    directory: &Directory,
    cutoff: DateTime<Utc>,
    rng: &mut Rng,
) -> ImportLine {
    let dispute = plan.kind == CaseKind::Dispute;
    let category = if dispute {
        rng.weighted(&DISPUTE_CATEGORIES)
    } else {
        rng.weighted(&HAZARD_CATEGORIES)
    };
    debug_assert!(directory.category(category).is_some());
    let channel = if dispute {
        rng.weighted(&DISPUTE_CHANNELS)
    } else {
        rng.weighted(&HAZARD_CHANNELS)
    };
    let grid = &rng.pick(&community.grids).id;
    let mediator = mediator_of(community);
    let volunteer = By::Volunteer {
        volunteer: (*rng.pick(&VOLUNTEERS)).to_owned(),
        link: format!("vol-{}-{}", community.id, rng.between(1, 4)),
    };
    let recorded_by = match channel {
        ImportChannel::Web => None,
        ImportChannel::Volunteer => Some(volunteer.clone()),
        ImportChannel::WalkIn if rng.chance(700) => Some(staff(mediator, Role::Mediator)),
        ImportChannel::GridPatrol => Some(staff("grid02", Role::GridWorker)),
        _ => Some(coordinator()),
    };
    let staff_channel = !matches!(channel, ImportChannel::Web | ImportChannel::Volunteer);
    let filed_date = local_date(plan.filed_at);

    // The parties: a hazard found on patrol often has nobody behind it.
    let applicant =
        (dispute || channel != ImportChannel::GridPatrol || rng.chance(400)).then(|| {
            ApplicantLine {
                name: person(rng),
                phone: Some(phone(rng)),
            }
        });
    let respondent = (dispute && rng.chance(850)).then(|| RespondentLine {
        name: match category {
            "consumer" => "某商铺经营者".to_owned(),
            "property_management" => "小区物业服务公司".to_owned(),
            _ => format!("{}{}", rng.pick(&SURNAMES), rng.pick(&["先生", "女士"])),
        },
    });
    let conflict_since = if plan.long_standing {
        filed_date
            .checked_sub_months(Months::new(
                u32::try_from(rng.between(25, 96)).unwrap_or(25),
            ))
            .and_then(|d| d.with_day(1))
    } else if dispute && rng.chance(550) {
        filed_date
            .checked_sub_months(Months::new(u32::try_from(rng.between(0, 18)).unwrap_or(0)))
            .and_then(|d| d.with_day(1))
    } else {
        None
    };
    let conflict_months = conflict_since.map_or(0, |since| {
        let months = (filed_date.year() - since.year()) * 12 + filed_date.month() as i32
            - since.month() as i32;
        u32::try_from(months).unwrap_or(0)
    });
    let violence = dispute && rng.chance(if category == "family" { 60 } else { 15 });
    let factors = RiskFactors {
        violence_threatened: violence,
        people_involved: u32::try_from(match rng.below(10) {
            0..=5 => 2,
            6..=8 => rng.between(3, 5),
            _ => rng.between(6, 30),
        })
        .unwrap_or(2),
        vulnerable_parties: rng.chance(150),
        repeat_reports: if plan.long_standing && rng.chance(500) {
            u32::try_from(rng.between(1, 4)).unwrap_or(1)
        } else {
            u32::from(rng.chance(100))
        },
        conflict_months,
        failed_mediations: u32::from(plan.long_standing && rng.chance(200)),
    };
    let community_name = community.name.zh.trim_end_matches("社区");
    let address = if dispute {
        format!(
            "{community_name}{}号{}单元{}{:02}室",
            rng.between(1, 300),
            rng.between(1, 6),
            rng.between(1, 18),
            rng.between(1, 4)
        )
    } else {
        format!(
            "{community_name}{}号楼{}",
            rng.between(1, 300),
            rng.pick(&["楼道", "楼后空地", "院内", "门前"])
        )
    };

    let mut t = Timeline {
        events: Vec::new(),
        cutoff,
        at: plan.filed_at,
    };
    let triager = if rng.chance(700) {
        coordinator()
    } else {
        staff(mediator, Role::Mediator)
    };
    if plan.fate == Fate::Rejected {
        let (reason, redirect) = *rng.pick(&[
            ("双方已向法院起诉，案件进入诉讼程序", "甘井子区人民法院"),
            ("事发地不在本街道辖区", "周水子街道"),
            ("属于单位内部管理事项", "当事人所在单位"),
        ]);
        t.push(
            plan.triage_at,
            triager,
            Command::Reject {
                reason: reason.to_owned(),
                redirect_to: redirect.to_owned(),
            },
        );
        return line(
            index,
            plan,
            community,
            grid,
            category,
            channel,
            recorded_by,
            &address,
            applicant,
            respondent,
            conflict_since,
            staff_channel.then_some(factors),
            t.events,
            rng,
        );
    }
    t.push(plan.triage_at, triager, Command::Accept { note: None });
    if !staff_channel {
        t.after(
            rng,
            5,
            90,
            coordinator(),
            Command::AssessRisk {
                factors: factors.clone(),
            },
        );
    }
    if violence && rng.chance(500) {
        t.after(
            rng,
            5,
            60,
            coordinator(),
            Command::OverrideRisk {
                level: RiskLevel::Critical,
                reason: "当事人扬言报复，列为重点关注".to_owned(),
            },
        );
    }

    // The handlers: a mediator leads a dispute, with the police, a counselor, the judge or
    // the grid worker beside them; a department liaison or the grid worker leads a hazard.
    let (lead, lead_role) = if dispute {
        (mediator, Role::Mediator)
    } else if rng.chance(650) {
        ("liaison01", Role::DepartmentLiaison)
    } else {
        ("grid02", Role::GridWorker)
    };
    let mut handlers = vec![Handler {
        username: lead.to_owned(),
        role: lead_role,
        lead: true,
    }];
    let mut add = |username: &str, role: Role| {
        if handlers.iter().all(|h| h.username != username) {
            handlers.push(Handler {
                username: username.to_owned(),
                role,
                lead: false,
            });
        }
    };
    if (violence || category == "public_security") && rng.chance(800) {
        add("police01", Role::Police);
    }
    if category == "family" && rng.chance(400) {
        add("counselor01", Role::Counselor);
    }
    if matches!(plan.fate, Fate::Failed(_)) && rng.chance(500) {
        add("judge", Role::Judge);
    }
    if dispute && rng.chance(10) {
        add("prosecutor01", Role::Prosecutor);
    }
    if rng.chance(400) {
        add("grid02", Role::GridWorker);
    }
    let grid_worker_handles = handlers.iter().any(|h| h.username == "grid02");
    t.push(
        plan.assigned_at,
        coordinator(),
        Command::SetHandlers { handlers },
    );
    let lead_by = staff(lead, lead_role);
    t.push(
        plan.started_at,
        lead_by.clone(),
        Command::Start { note: None },
    );
    if rng.chance(500) {
        let midway = plan.started_at + (plan.concluded_at - plan.started_at) / 2;
        t.push(
            midway,
            lead_by.clone(),
            Command::AddNote {
                text: (*rng.pick(&[
                    "已分别约谈双方当事人",
                    "已现场查看情况",
                    "已电话联系相关单位",
                ]))
                .to_owned(),
                visibility: Visibility::Internal,
            },
        );
    }
    if rng.chance(40) {
        let late = plan.started_at + (plan.concluded_at - plan.started_at) * 3 / 4;
        t.push(
            late,
            By::Unnamed(Unnamed::System),
            Command::Escalate {
                level: EscalationLevel::Community,
            },
        );
    }

    // The outcome, then the follow-up: a return visit, the resident's word, the closing.
    let has_resident = applicant.is_some();
    let follow_up = |t: &mut Timeline, rng: &mut Rng, content: bool, feedback_per_mille: u64| {
        t.after(
            rng,
            DAY,
            7 * DAY,
            lead_by.clone(),
            Command::BeginFollowUp { note: None },
        );
        if rng.chance(900) {
            let visitor = if rng.chance(150) {
                volunteer.clone()
            } else if grid_worker_handles {
                staff("grid02", Role::GridWorker)
            } else {
                lead_by.clone()
            };
            let note = (*rng.pick(&[
                "回访当事人，协议履行良好",
                "回访时现场已整改完毕",
                "电话回访，当事人表示满意",
            ]))
            .to_owned();
            t.after(rng, DAY, 10 * DAY, visitor, Command::RecordVisit { note });
        }
        if has_resident && rng.chance(feedback_per_mille) {
            let satisfaction = satisfaction(rng, content);
            t.after(
                rng,
                60,
                3 * DAY,
                By::Unnamed(Unnamed::Resident),
                Command::GiveFeedback {
                    confirmed: satisfaction >= 3,
                    satisfaction,
                    comment: None,
                },
            );
        }
        t.after(
            rng,
            DAY,
            7 * DAY,
            lead_by.clone(),
            Command::Close { note: None },
        );
    };
    let resolve = |outcome: Outcome| Command::Resolve {
        outcome,
        note: Some(
            match outcome {
                Outcome::AgreementReached => "双方达成调解协议并签字",
                Outcome::ProblemFixed => "已整改完毕",
                Outcome::Withdrawn => "申请人撤回申请",
            }
            .to_owned(),
        ),
    };
    match plan.fate {
        Fate::Rejected => {}
        Fate::Resolved | Fate::Fixed => {
            let outcome = if dispute {
                Outcome::AgreementReached
            } else {
                Outcome::ProblemFixed
            };
            t.push(plan.concluded_at, lead_by.clone(), resolve(outcome));
            follow_up(&mut t, rng, true, 880);
        }
        Fate::ReopenedThenResolved => {
            t.push(
                plan.concluded_at,
                lead_by.clone(),
                resolve(Outcome::AgreementReached),
            );
            t.after(
                rng,
                DAY,
                5 * DAY,
                lead_by.clone(),
                Command::BeginFollowUp { note: None },
            );
            t.after(
                rng,
                2 * DAY,
                8 * DAY,
                By::Unnamed(Unnamed::Resident),
                Command::GiveFeedback {
                    confirmed: false,
                    satisfaction: 2,
                    comment: Some("对方没有按协议履行".to_owned()),
                },
            );
            t.after(
                rng,
                60,
                2 * DAY,
                coordinator(),
                Command::Reopen {
                    reason: "协议未履行，重新调解".to_owned(),
                },
            );
            t.after(
                rng,
                3 * DAY,
                14 * DAY,
                lead_by.clone(),
                resolve(Outcome::AgreementReached),
            );
            follow_up(&mut t, rng, true, 950);
        }
        Fate::Withdrawn => {
            t.push(
                plan.concluded_at,
                lead_by.clone(),
                resolve(Outcome::Withdrawn),
            );
            follow_up(&mut t, rng, true, 200);
        }
        Fate::Failed(referred) => {
            t.push(
                plan.concluded_at,
                lead_by.clone(),
                Command::FailMediation {
                    reason: "经多次调解双方分歧较大，未能达成协议".to_owned(),
                },
            );
            if referred {
                let (target, body) = referral_for(category, rng);
                t.after(
                    rng,
                    DAY,
                    5 * DAY,
                    lead_by.clone(),
                    Command::Refer {
                        target,
                        receiving_body: body.to_owned(),
                        reason: "调解不成，引导当事人依法解决".to_owned(),
                    },
                );
                follow_up(&mut t, rng, false, 600);
            }
        }
        Fate::ReferredToDepartment => {
            t.push(
                plan.concluded_at,
                lead_by.clone(),
                Command::FailMediation {
                    reason: "责任方拒不整改，需执法部门处理".to_owned(),
                },
            );
            t.after(
                rng,
                60,
                2 * DAY,
                lead_by.clone(),
                Command::Refer {
                    target: ReferralTarget::Department,
                    receiving_body: department_for(category).to_owned(),
                    reason: "移交职能部门依法处置".to_owned(),
                },
            );
            follow_up(&mut t, rng, false, 600);
        }
    }
    line(
        index,
        plan,
        community,
        grid,
        category,
        channel,
        recorded_by,
        &address,
        applicant,
        respondent,
        conflict_since,
        staff_channel.then_some(factors),
        t.events,
        rng,
    )
}

#[allow(clippy::too_many_arguments)]
fn line(
    index: usize,
    plan: &Plan,
    community: &Community,
    grid: &str,
    category: &str,
    channel: ImportChannel,
    recorded_by: Option<By>,
    address: &str,
    applicant: Option<ApplicantLine>,
    respondent: Option<RespondentLine>,
    conflict_since: Option<NaiveDate>,
    risk_factors: Option<RiskFactors>,
    events: Vec<ImportEvent>,
    rng: &mut Rng,
) -> ImportLine {
    ImportLine {
        line: index + 1,
        source_id: format!("zhr-{:06}", index + 1),
        community: community.id.clone(),
        grid: grid.to_owned(),
        kind: plan.kind,
        category: category.to_owned(),
        channel,
        filed_at: plan.filed_at,
        recorded_by,
        description: (*rng.pick(descriptions(category))).to_owned(),
        address: address.to_owned(),
        applicant,
        respondent,
        conflict_since: conflict_since.map(|d| d.format("%Y-%m-%d").to_string()),
        risk_factors,
        events,
    }
}

fn target_name(target: ReferralTarget) -> &'static str {
    match target {
        ReferralTarget::JudgeWorkstation => "judge_workstation",
        ReferralTarget::Court => "court",
        ReferralTarget::Arbitration => "arbitration",
        ReferralTarget::Department => "department",
    }
}

/// The generator's own count of its lines: each line's events walked, nothing else asked.
fn count(
    seed: u64,
    lines: &[ImportLine],
    communities: usize,
    from: NaiveDate,
    to: NaiveDate,
) -> ReferenceTruth {
    let mut truth = ReferenceTruth {
        seed,
        street: ZHONGHUA.to_owned(),
        from,
        to,
        cases: lines.len(),
        communities,
        ..ReferenceTruth::default()
    };
    for line in lines {
        let dispute = line.kind == CaseKind::Dispute;
        *truth
            .per_community
            .entry(line.community.clone())
            .or_default() += 1;
        *truth.per_category.entry(line.category.clone()).or_default() += 1;
        *truth
            .per_channel
            .entry(line.channel.as_str().to_owned())
            .or_default() += 1;
        if dispute {
            truth.disputes += 1;
        } else {
            truth.hazards += 1;
        }
        let filed = local_date(line.filed_at);
        let long_standing = dispute
            && line
                .conflict_since
                .as_deref()
                .and_then(|raw| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok())
                .and_then(|since| since.checked_add_months(Months::new(24)))
                .is_some_and(|two_years_on| two_years_on < filed);
        truth.long_standing_filed += usize::from(long_standing);
        let mut factors = line.risk_factors.clone();
        let mut outcome = None;
        let mut failed = false;
        let mut reopened = false;
        let mut feedback = None;
        let mut concluded = false;
        let mut ended = false;
        let mut escalated = false;
        for event in &line.events {
            ended = false;
            match &event.command {
                Command::Reject { .. } => {
                    truth.rejected += 1;
                    concluded = true;
                    ended = true;
                }
                Command::AssessRisk { factors: assessed } if factors.is_none() => {
                    factors = Some(assessed.clone());
                }
                Command::Resolve { outcome: o, .. } => {
                    outcome = Some(*o);
                    concluded = true;
                }
                Command::FailMediation { .. } => {
                    failed = true;
                    concluded = true;
                }
                Command::Refer { target, .. } => {
                    *truth
                        .referred
                        .entry(target_name(*target).to_owned())
                        .or_default() += 1;
                }
                Command::BeginFollowUp { .. } => truth.follow_ups += 1,
                Command::RecordVisit { .. } => {
                    truth.visits += 1;
                    truth.visits_by_volunteers +=
                        usize::from(matches!(event.by, By::Volunteer { .. }));
                }
                Command::GiveFeedback { satisfaction, .. } => feedback = Some(*satisfaction),
                Command::Reopen { .. } => {
                    reopened = true;
                    outcome = None;
                    feedback = None;
                }
                Command::Escalate { .. } => escalated = true,
                Command::Close { .. } => ended = true,
                _ => {}
            }
        }
        let risk = assess_risk(&factors.unwrap_or_default());
        *truth
            .risk_at_triage
            .entry(risk.as_str().to_owned())
            .or_default() += 1;
        let agreed = outcome == Some(Outcome::AgreementReached) && !failed;
        if dispute {
            truth.resolved += usize::from(agreed);
            truth.mediation_failed += usize::from(failed);
            truth.withdrawn += usize::from(outcome == Some(Outcome::Withdrawn));
            truth.long_standing_resolved += usize::from(long_standing && agreed);
        } else {
            truth.hazards_fixed += usize::from(outcome == Some(Outcome::ProblemFixed));
            truth.hazards_referred_to_department += usize::from(
                failed
                    && line.events.iter().any(|e| {
                        matches!(
                            e.command,
                            Command::Refer {
                                target: ReferralTarget::Department,
                                ..
                            }
                        )
                    }),
            );
        }
        truth.reopened += usize::from(reopened);
        truth.reopened_then_resolved += usize::from(reopened && outcome.is_some());
        truth.escalated += usize::from(escalated);
        truth.closed += usize::from(
            ended
                && !line
                    .events
                    .iter()
                    .any(|e| matches!(e.command, Command::Reject { .. })),
        );
        truth.open_at_end += usize::from(!ended);
        truth.in_handling_at_end += usize::from(!concluded);
        if let Some(s) = feedback {
            truth.feedback_given += 1;
            *truth.satisfaction.entry(s.to_string()).or_default() += 1;
        }
    }
    truth.success_numerator = truth.resolved;
    truth.success_denominator = truth.resolved + truth.mediation_failed;
    truth.success_rate_percent = percent(truth.success_numerator, truth.success_denominator);
    truth
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, CaseStatus};
    use crate::code::CaseCode;
    use crate::history::{build_case, code_for, parse_line};
    use crate::vocabulary::CaseKind;

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    }

    /// Builds every line as an import would, numbering codes per community and year.
    fn build_all(history: &ReferenceHistory) -> Vec<Case> {
        let dir = demo_directory();
        let mut sequences: BTreeMap<(String, i32), u32> = BTreeMap::new();
        history
            .lines
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let line = parse_line(i + 1, text).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(line, history.typed[i], "the line and its typed form agree");
                let key = (line.community.clone(), crate::history::code_year(&line));
                let sequence = sequences.entry(key).or_default();
                *sequence += 1;
                let code: CaseCode = code_for(&line, &dir, *sequence).unwrap();
                build_case(&line, code, &dir).unwrap_or_else(|e| panic!("{e}: {text}"))
            })
            .collect()
    }

    #[test]
    fn the_reference_two_years_all_build_and_show_the_reference_figures() {
        let started = std::time::Instant::now();
        let history = reference_history(2021, REFERENCE_CASES, end());
        let generated = started.elapsed();
        let cases = build_all(&history);
        let built = started.elapsed() - generated;
        println!("generated in {generated:?}, built in {built:?}");
        let truth = &history.truth;
        assert_eq!(truth.cases, 3_779);
        assert_eq!(cases.len(), 3_779);
        assert_eq!(truth.success_rate_percent, "99.29");
        assert_eq!(truth.long_standing_filed, 442);
        assert_eq!(truth.communities, 34);
        assert_eq!(truth.per_community.len(), 34);
        assert_eq!(truth.per_community.values().sum::<usize>(), 3_779);

        // The cases as the lifecycle built them agree with the generator's count.
        let disputes = cases.iter().filter(|c| c.kind == CaseKind::Dispute);
        let resolved = disputes
            .clone()
            .filter(|c| {
                c.outcome == Some(Outcome::AgreementReached)
                    && !c
                        .timeline
                        .iter()
                        .any(|e| e.kind() == crate::case::EventKind::MediationFailed)
            })
            .count();
        let failed = disputes
            .clone()
            .filter(|c| {
                c.timeline
                    .iter()
                    .any(|e| e.kind() == crate::case::EventKind::MediationFailed)
            })
            .count();
        assert_eq!((resolved, failed), (truth.resolved, truth.mediation_failed));
        assert_eq!(truth.success_denominator, resolved + failed);
        let long = disputes
            .clone()
            .filter(|c| c.is_long_standing(local_date(c.filed_at)))
            .count();
        assert_eq!(long, 442);
        let open = cases.iter().filter(|c| c.status.is_open()).count();
        assert_eq!(open, truth.open_at_end);
        let rejected = cases
            .iter()
            .filter(|c| c.status == CaseStatus::Rejected)
            .count();
        assert_eq!(rejected, truth.rejected);
        let closed = cases
            .iter()
            .filter(|c| c.status == CaseStatus::Closed)
            .count();
        assert_eq!(closed, truth.closed);
        let with_feedback = cases.iter().filter(|c| c.feedback.is_some()).count();
        assert_eq!(with_feedback, truth.feedback_given);
        let reopened = cases.iter().filter(|c| c.reopened > 0).count();
        assert_eq!(reopened, truth.reopened);

        // A plausible mix, not a degenerate one.
        assert!(truth.hazards > 900 && truth.disputes > 2_500, "{truth:?}");
        assert!(truth.mediation_failed > 10 && truth.withdrawn > 10 && truth.rejected > 20);
        assert!(truth.reopened_then_resolved > 5);
        assert!(truth.referred.get("court").copied().unwrap_or(0) > 0);
        assert!(truth.hazards_referred_to_department > 50);
        assert!(truth.in_handling_at_end > 0 && truth.in_handling_at_end < 200);
        let fives = truth.satisfaction.get("5").copied().unwrap_or(0);
        let fours = truth.satisfaction.get("4").copied().unwrap_or(0);
        assert!((fives + fours) * 10 > truth.feedback_given * 8);
        assert!(truth.feedback_given < truth.follow_ups);
        for channel in ImportChannel::ALL {
            assert!(
                truth.per_channel.contains_key(channel.as_str()),
                "{channel:?}"
            );
        }
        let walk_in = truth.per_channel["walk_in"]
            + truth.per_channel["hotline"]
            + truth.per_channel["grid_patrol"];
        assert!(walk_in * 10 > truth.cases * 7);
        // Every event of every case keeps its recorded time, and lies within the two years.
        let cutoff = local_at(end() + Duration::days(1), 0, 0);
        for (case, line) in cases.iter().zip(&history.typed) {
            assert_eq!(case.filed_at, line.filed_at);
            assert!(case.timeline.iter().all(|e| e.at < cutoff));
        }
        // The whole file passes the dry run.
        let report = crate::history::check_file(&history.lines.join("\n"), &demo_directory());
        assert!(report.is_clean(), "{:?}", report.errors.first());
        assert_eq!((report.lines, report.valid), (3_779, 3_779));
        assert_eq!(report.cases_by_community, truth.per_community);
        assert!(serde_json::to_string(truth)
            .unwrap()
            .contains("\"success_rate_percent\":\"99.29\""));
    }

    #[test]
    fn other_seeds_and_ends_show_the_reference_figures_too() {
        for (seed, end) in [
            (1, "2025-01-31"),
            (99, "2023-12-31"),
            (u64::MAX, "2027-03-01"),
        ] {
            let end = NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap();
            let truth = reference_history(seed, REFERENCE_CASES, end).truth;
            assert_eq!(
                (
                    truth.cases,
                    truth.success_rate_percent.as_str(),
                    truth.long_standing_filed
                ),
                (3_779, "99.29", 442),
                "seed {seed}"
            );
            assert_eq!(truth.to, end);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_history_and_another_seed_another() {
        let a = reference_history(7, 300, end());
        let b = reference_history(7, 300, end());
        assert_eq!(a, b);
        let c = reference_history(8, 300, end());
        assert_ne!(a.lines, c.lines);
    }

    #[test]
    fn a_smaller_history_keeps_the_proportions_and_builds() {
        let history = reference_history(11, 300, end());
        let cases = build_all(&history);
        assert_eq!(cases.len(), 300);
        let truth = &history.truth;
        assert_eq!(truth.long_standing_filed, 35);
        assert_eq!(truth.hazards, 84);
        let rate = truth.success_numerator as f64 / truth.success_denominator as f64;
        assert!(
            (0.985..1.0).contains(&rate),
            "{}",
            truth.success_rate_percent
        );
        assert!(truth.mediation_failed >= 1);
    }

    #[test]
    fn percentages_round_half_up_to_two_decimals() {
        assert_eq!(percent(2_658, 2_677), "99.29");
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(2, 3), "66.67");
        assert_eq!(percent(0, 0), "0.00");
    }
}
