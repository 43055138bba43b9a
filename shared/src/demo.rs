//! The demo district used by the local seed: Ganjingzi District with Zhonghua Road Street
//! (34 communities, as in the reference system), Zhoushuizi Street and Xinzhaizi Street (a few
//! communities each), their grids, rooms and judge workstations, the categories of the domain
//! and a handful of demo staff accounts.

use crate::directory::{
    CaseKind, Category, Community, Directory, District, Grid, Name, Street,
    DIRECTORY_SCHEMA_VERSION,
};
use crate::geo::{GeoPoint, GridArea};
use crate::questions::{Choice, Question, QuestionKind};
use crate::scheduling::calendar::{Place, PlaceKind};
use crate::staff::{Role, Scope};

/// (Chinese, English) names of the 34 communities, numbered from 1 in this order.
const COMMUNITY_NAMES: [(&str, &str); 34] = [
    ("中华路社区", "Zhonghua Road"),
    ("华北路社区", "Huabei Road"),
    ("松江路社区", "Songjiang Road"),
    ("红旗社区", "Hongqi"),
    ("泉水社区", "Quanshui"),
    ("虹港社区", "Honggang"),
    ("东纬路社区", "Dongwei Road"),
    ("西纬路社区", "Xiwei Road"),
    ("金三角社区", "Jinsanjiao"),
    ("锦华社区", "Jinhua"),
    ("春柳社区", "Chunliu"),
    ("香炉礁社区", "Xianglujiao"),
    ("机场社区", "Airport"),
    ("椒房社区", "Jiaofang"),
    ("华东路社区", "Huadong Road"),
    ("华南社区", "Huanan"),
    ("利民社区", "Limin"),
    ("和平社区", "Heping"),
    ("友谊社区", "Youyi"),
    ("幸福社区", "Xingfu"),
    ("兴华社区", "Xinghua"),
    ("东方社区", "Dongfang"),
    ("北岭社区", "Beiling"),
    ("南关岭社区", "Nanguanling"),
    ("西山社区", "Xishan"),
    ("迎客社区", "Yingke"),
    ("滨河社区", "Binhe"),
    ("康乐社区", "Kangle"),
    ("明珠社区", "Mingzhu"),
    ("新华社区", "Xinhua"),
    ("绿园社区", "Lüyuan"),
    ("福佳社区", "Fujia"),
    ("安居社区", "Anju"),
    ("万科城社区", "Vanke City"),
];

/// (id, kind, Chinese, English) of every category in `DOMAIN.md`.
const CATEGORIES: [(&str, CaseKind, &str, &str); 17] = [
    ("neighbours", CaseKind::Dispute, "邻里纠纷", "Neighbours"),
    (
        "family",
        CaseKind::Dispute,
        "婚姻家庭与继承",
        "Family, marriage and inheritance",
    ),
    (
        "property_management",
        CaseKind::Dispute,
        "物业管理",
        "Property management",
    ),
    (
        "landlord_tenant",
        CaseKind::Dispute,
        "房屋租赁",
        "Landlord and tenant",
    ),
    (
        "wages_labour",
        CaseKind::Dispute,
        "劳动与欠薪",
        "Wages and labour",
    ),
    ("consumer", CaseKind::Dispute, "消费纠纷", "Consumer"),
    (
        "traffic_compensation",
        CaseKind::Dispute,
        "交通事故赔偿",
        "Traffic compensation",
    ),
    (
        "renovation_construction",
        CaseKind::Dispute,
        "装修施工",
        "Renovation and construction",
    ),
    (
        "debt_contract",
        CaseKind::Dispute,
        "债务与合同",
        "Debt and contract",
    ),
    (
        "dispute_other",
        CaseKind::Dispute,
        "其他纠纷",
        "Other dispute",
    ),
    (
        "fire_escape",
        CaseKind::Hazard,
        "消防通道堵塞",
        "Blocked fire escape",
    ),
    (
        "yard_sanitation",
        CaseKind::Hazard,
        "院落脏乱",
        "Overgrown or dirty yard",
    ),
    (
        "broken_paving",
        CaseKind::Hazard,
        "路面破损",
        "Broken paving",
    ),
    (
        "street_lights",
        CaseKind::Hazard,
        "路灯损坏",
        "Street lights",
    ),
    (
        "illegal_construction",
        CaseKind::Hazard,
        "违章建筑",
        "Illegal construction",
    ),
    (
        "public_security",
        CaseKind::Hazard,
        "治安隐患",
        "Public security",
    ),
    (
        "hazard_other",
        CaseKind::Hazard,
        "其他隐患",
        "Other hazard or public matter",
    ),
];

/// The Zhonghua Road street id.
pub const ZHONGHUA: &str = "zhonghua-road";
/// The second and third demo streets.
pub const ZHOUSHUIZI: &str = "zhoushuizi";
pub const XINZHAIZI: &str = "xinzhaizi";

/// (id, prefix, Chinese, English, judge workstation (zh, en), communities) of the demo streets.
type DemoStreet = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str),
    &'static [(&'static str, &'static str)],
);

const STREETS: [DemoStreet; 3] = [
    (
        ZHONGHUA,
        "ZH",
        "中华路街道",
        "Zhonghua Road Street",
        ("中华路法官工作站", "Zhonghua Road judge workstation"),
        &COMMUNITY_NAMES,
    ),
    (
        ZHOUSHUIZI,
        "ZS",
        "周水子街道",
        "Zhoushuizi Street",
        ("周水子法官工作站", "Zhoushuizi judge workstation"),
        &[
            ("周水子社区", "Zhoushuizi"),
            ("前关社区", "Qianguan"),
            ("大连湾社区", "Dalian Bay"),
            ("营城子社区", "Yingchengzi"),
        ],
    ),
    (
        XINZHAIZI,
        "XZ",
        "辛寨子街道",
        "Xinzhaizi Street",
        ("辛寨子法官工作站", "Xinzhaizi judge workstation"),
        &[
            ("辛寨子社区", "Xinzhaizi"),
            ("红梅社区", "Hongmei"),
            ("龙畔社区", "Longpan"),
        ],
    ),
];

/// Identifier of the Zhonghua Road community numbered `number` (1-based): `zh07`.
pub fn community_id(number: u8) -> String {
    format!("zh{number:02}")
}

/// The demo district: Ganjingzi District, Dalian, with three streets.
pub fn demo_directory() -> Directory {
    let mut communities = Vec::new();
    let mut places = Vec::new();
    let mut streets = Vec::new();
    for (n, (street, prefix, zh, en, workstation, names)) in STREETS.into_iter().enumerate() {
        let (mut c, mut p) = street_communities(street, prefix, names, workstation);
        communities.append(&mut c);
        places.append(&mut p);
        streets.push(Street {
            id: street.to_owned(),
            code_prefix: prefix.to_owned(),
            name: Name::new(zh, en),
            time_limits: None,
            categories: None,
            kept_object_names: false,
            // The demo's office numbers (a made-up exchange of the district).
            phone: Some(format!("0411-8666-{:04}", 1001 + n)),
        });
    }
    let categories = CATEGORIES
        .iter()
        .map(|(id, kind, zh, en)| Category {
            id: (*id).to_owned(),
            kind: *kind,
            name: Name::new(zh, en),
            questions: demo_questions(id),
            questions_version: u32::from(!demo_questions(id).is_empty()),
        })
        .collect();
    Directory {
        schema_version: DIRECTORY_SCHEMA_VERSION,
        district: District {
            id: "ganjingzi".to_owned(),
            name: Name::new("甘井子区", "Ganjingzi District"),
        },
        streets,
        communities,
        categories,
        time_limits: crate::time_limits::table::TimeLimits::defaults(),
        retention_days: crate::directory::default_retention_days(),
        places,
    }
}

/// Where the demo's streets lie (the centre of their first community, micro-degrees): in
/// Ganjingzi District, north-west of central Dalian.
fn street_origin(street: &str) -> (i64, i64) {
    match street {
        ZHONGHUA => (38_950_000, 121_560_000),
        ZHOUSHUIZI => (38_965_000, 121_610_000),
        _ => (38_925_000, 121_530_000),
    }
}

/// A plausible area for grid `g` of community `number` of `street`: communities about 700 m
/// apart, six to a row, each with its grids (about 170 m across) three to a row around its
/// centre, so that every grid holds its own centre and no other grid's.
pub fn demo_grid_area(street: &str, number: u8, g: usize) -> GridArea {
    let (lat0, lon0) = street_origin(street);
    let k = i64::from(number) - 1;
    let (row, col) = (k / 6, k % 6);
    let (grid_row, grid_col) = ((g as i64 - 1) / 3, (g as i64 - 1) % 3);
    let lat = lat0 - row * 6_300 + (grid_row - 1) * 1_800;
    let lon = lon0 + col * 8_100 + (grid_col - 1) * 2_300;
    GridArea {
        centre: GeoPoint::from_micro(lat, lon).unwrap_or(DEMO_FALLBACK_POINT),
        radius_m: 90,
    }
}

/// Never used: every demo point lies on the globe (a test checks it).
const DEMO_FALLBACK_POINT: GeoPoint = match GeoPoint::from_micro(38_950_000, 121_560_000) {
    Some(p) => p,
    None => panic!("the demo's origin lies on the globe"),
};

/// One street's communities (ids from its prefix: `zs01`), their grids and mediation rooms,
/// and its judge workstation.
fn street_communities(
    street: &str,
    prefix: &str,
    names: &[(&str, &str)],
    workstation: (&str, &str),
) -> (Vec<Community>, Vec<Place>) {
    let lower = prefix.to_ascii_lowercase();
    let communities: Vec<Community> = names
        .iter()
        .zip(1u8..)
        .map(|((zh, en), number)| {
            // Between four and seven grids, so that the directory is not suspiciously regular.
            let grid_count = 4 + usize::from(number % 4);
            let id = format!("{lower}{number:02}");
            let grids = (1..=grid_count)
                .map(|g| Grid {
                    id: format!("{id}-g{g}"),
                    name: Name {
                        zh: format!("第{g}网格"),
                        en: format!("Grid {g}"),
                    },
                    area: Some(demo_grid_area(street, number, g)),
                })
                .collect();
            Community {
                id,
                street: street.to_owned(),
                number,
                name: Name::new(zh, en),
                grids,
            }
        })
        .collect();
    let mut places: Vec<Place> = communities
        .iter()
        .zip(names)
        .map(|(c, (zh, en))| Place {
            id: format!("{}-room", c.id),
            name: Name {
                zh: format!("{zh}调解室"),
                en: format!("{en} mediation room"),
            },
            kind: PlaceKind::MediationRoom,
            street: street.to_owned(),
            community: Some(c.id.clone()),
            capacity: 8,
            address: Some(Name {
                zh: format!("{zh}党群服务中心二楼"),
                en: format!("2nd floor, {en} community service centre"),
            }),
        })
        .collect();
    // Zhonghua Road's workstation keeps the id it had when it was the only street.
    let workstation_id = if street == ZHONGHUA {
        "judge-workstation".to_owned()
    } else {
        format!("{lower}-judge-workstation")
    };
    places.push(Place {
        id: workstation_id,
        name: Name::new(workstation.0, workstation.1),
        kind: PlaceKind::JudgeWorkstation,
        street: street.to_owned(),
        community: None,
        capacity: 12,
        address: Some(Name::new(
            "街道综治中心一楼",
            "Ground floor, street governance centre",
        )),
    });
    (communities, places)
}

/// A demo staff account of the local seed. Its password is hashed when the seed runs.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub scope: Scope,
}

/// The password of every demo account (documented in the README; local seed only).
pub const DEMO_PASSWORD: &str = "accord-demo-2026";

pub fn demo_accounts() -> Vec<DemoAccount> {
    vec![
        DemoAccount {
            username: "coordinator",
            display_name: "王协调 (Wang, street coordinator)",
            role: Role::Coordinator,
            scope: Scope::street(ZHONGHUA),
        },
        DemoAccount {
            username: "admin",
            display_name: "赵管理 (Zhao, administrator)",
            role: Role::Admin,
            scope: Scope::street(ZHONGHUA),
        },
        DemoAccount {
            username: "mediator01",
            display_name: "李调解 (Li, mediator, Zhonghua Road)",
            role: Role::Mediator,
            scope: Scope::communities([community_id(1)]),
        },
        DemoAccount {
            username: "mediator02",
            display_name: "陈调解 (Chen, mediator, Huabei Road)",
            role: Role::Mediator,
            scope: Scope::communities([community_id(2)]),
        },
        DemoAccount {
            username: "police01",
            display_name: "周警官 (Zhou, police officer, Zhonghua Road)",
            role: Role::Police,
            scope: Scope::communities([community_id(1)]),
        },
        DemoAccount {
            username: "counselor01",
            display_name: "吴咨询 (Wu, counselor, Zhonghua Road)",
            role: Role::Counselor,
            scope: Scope::communities([community_id(1)]),
        },
        DemoAccount {
            username: "prosecutor01",
            display_name: "孙检察 (Sun, prosecutor, Zhonghua Road)",
            role: Role::Prosecutor,
            scope: Scope::communities([community_id(1)]),
        },
        DemoAccount {
            username: "liaison01",
            display_name: "钱联络 (Qian, urban management liaison, Zhonghua Road)",
            role: Role::DepartmentLiaison,
            scope: Scope::communities([community_id(1)]),
        },
        DemoAccount {
            username: "judge",
            display_name: "郑法官 (Zheng, judge workstation)",
            role: Role::Judge,
            scope: Scope::street(ZHONGHUA),
        },
        DemoAccount {
            username: "grid02",
            display_name: "张网格 (Zhang, grid worker, Huabei Road)",
            role: Role::GridWorker,
            scope: Scope::communities([community_id(2)]),
        },
        DemoAccount {
            username: "district",
            display_name: "甘协调 (Gan, district coordinator)",
            role: Role::DistrictCoordinator,
            scope: Scope::District,
        },
        DemoAccount {
            username: "district-admin",
            display_name: "区管理 (Qu, district administrator)",
            role: Role::DistrictAdmin,
            scope: Scope::District,
        },
        DemoAccount {
            username: "coordinator-zs",
            display_name: "周协调 (Zhou, street coordinator, Zhoushuizi)",
            role: Role::Coordinator,
            scope: Scope::street(ZHOUSHUIZI),
        },
        DemoAccount {
            username: "mediator-zs01",
            display_name: "水调解 (Shui, mediator, Zhoushuizi)",
            role: Role::Mediator,
            scope: Scope::communities(["zs01"]),
        },
        DemoAccount {
            username: "mediator-two",
            display_name: "双调解 (Shuang, mediator, Songjiang Road and Qianguan)",
            role: Role::Mediator,
            scope: Scope::communities([community_id(3), "zs02".to_owned()]),
        },
    ]
}

/// The demo's extra questions: a blocked fire escape and a wage dispute ask what the office
/// needs first. None is required, so that a filing made without them still goes through.
pub fn demo_questions(category: &str) -> Vec<Question> {
    let question = |id: &str, zh: &str, en: &str, kind, choices: Vec<Choice>| Question {
        id: id.to_owned(),
        label: Name::new(zh, en),
        kind,
        required: false,
        choices,
    };
    let choice = |id: &str, zh: &str, en: &str| Choice {
        id: id.to_owned(),
        label: Name::new(zh, en),
    };
    match category {
        "fire_escape" => vec![
            question(
                "in_danger",
                "现在是否有人身危险？",
                "Is anyone in danger now?",
                QuestionKind::YesNo,
                vec![],
            ),
            question(
                "blocked_by",
                "通道被什么堵住？",
                "What blocks it?",
                QuestionKind::Choice,
                vec![
                    choice("ebikes", "电动车或自行车", "E-bikes or bicycles"),
                    choice("goods", "杂物或纸箱", "Goods or boxes"),
                    choice("locked", "门被锁住", "A locked door"),
                    choice("other", "其他", "Something else"),
                ],
            ),
        ],
        "wages_labour" => vec![
            question(
                "amount_owed",
                "被拖欠多少钱（元）？",
                "How much is owed (yuan)?",
                QuestionKind::Number,
                vec![],
            ),
            question(
                "owed_since",
                "从什么时候开始拖欠？",
                "Owed since when?",
                QuestionKind::Text,
                vec![],
            ),
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn zhonghua_road_has_34_communities_with_unique_numbers_and_grids() {
        let dir = demo_directory();
        assert_eq!(dir.communities_of(ZHONGHUA).count(), 34);
        assert_eq!(dir.streets.len(), 3);
        assert!(dir.communities_of(ZHOUSHUIZI).count() >= 3);
        assert!(dir.communities_of(XINZHAIZI).count() >= 3);
        let numbers: HashSet<u8> = dir.communities_of(ZHONGHUA).map(|c| c.number).collect();
        assert_eq!(numbers.len(), 34);
        let grid_ids: HashSet<&str> = dir
            .communities
            .iter()
            .flat_map(|c| c.grids.iter().map(|g| g.id.as_str()))
            .collect();
        let grid_count: usize = dir.communities.iter().map(|c| c.grids.len()).sum();
        assert_eq!(grid_ids.len(), grid_count);
        assert!(dir.communities.iter().all(|c| c.grids.len() >= 4));
    }

    #[test]
    fn every_demo_grid_holds_its_own_centre_and_finds_itself() {
        let dir = demo_directory();
        let mut centres = HashSet::new();
        for c in &dir.communities {
            for g in &c.grids {
                let area = g.area.expect("every demo grid has an area");
                assert!(centres.insert(area.centre), "{} shares a centre", g.id);
                assert!(area.contains(area.centre));
                let (found_c, found_g) = dir.grid_at(None, area.centre).unwrap();
                assert_eq!(
                    (found_c.id.as_str(), found_g.id.as_str()),
                    (c.id.as_str(), g.id.as_str())
                );
                let (_, within) = dir.grid_at(Some(&c.id), area.centre).unwrap();
                assert_eq!(within.id, g.id);
            }
        }
    }

    #[test]
    fn a_point_outside_the_chosen_community_gets_its_nearest_grid() {
        let dir = demo_directory();
        let far = dir.community("zh34").unwrap().grids[0].area.unwrap().centre;
        let (c, g) = dir.grid_at(Some("zh01"), far).unwrap();
        assert_eq!(c.id, "zh01");
        assert!(g.id.starts_with("zh01-"));
        // An unknown community: the whole district is searched.
        assert_eq!(dir.grid_at(Some("nowhere"), far).unwrap().0.id, "zh34");
    }

    #[test]
    fn the_demo_directory_is_valid_and_broken_ones_are_not() {
        let dir = demo_directory();
        assert!(dir.validate().is_ok());
        let mut twin = dir.clone();
        twin.communities[1].number = twin.communities[0].number;
        assert!(twin.validate().is_err());
        let mut gridless = dir.clone();
        gridless.communities[3].grids.clear();
        assert!(gridless.validate().is_err());
        let mut zero = dir;
        zero.time_limits.rules[0].hours.triage = 0;
        assert!(zero.validate().is_err());
    }

    #[test]
    fn the_demo_street_has_every_category_of_both_kinds() {
        let dir = demo_directory();
        assert_eq!(dir.categories_of(CaseKind::Dispute).count(), 10);
        assert_eq!(dir.categories_of(CaseKind::Hazard).count(), 7);
    }

    #[test]
    fn demo_accounts_cover_a_coordinator_and_two_communities() {
        let accounts = demo_accounts();
        assert!(accounts.iter().any(|a| a.role == Role::Coordinator));
        let mediator_scopes: HashSet<String> = accounts
            .iter()
            .filter(|a| a.role == Role::Mediator)
            .flat_map(|a| match &a.scope {
                Scope::Communities { communities } => communities.clone(),
                _ => vec![],
            })
            .collect();
        assert!(mediator_scopes.len() >= 2);
    }
}
