//! The demo street used by the local seed: Zhonghua Road with its 34 communities, their grids,
//! the categories of the domain and a handful of demo staff accounts.

use crate::directory::{
    CaseKind, Category, Community, Directory, Grid, Name, Street, DIRECTORY_SCHEMA_VERSION,
};
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

/// Identifier of the community numbered `number` (1-based): `zh07`.
pub fn community_id(number: u8) -> String {
    format!("zh{number:02}")
}

/// The demo street: Zhonghua Road, Ganjingzi District, Dalian.
pub fn demo_directory() -> Directory {
    let communities = COMMUNITY_NAMES
        .iter()
        .zip(1u8..)
        .map(|((zh, en), number)| {
            // Between four and seven grids, so that the directory is not suspiciously regular.
            let grid_count = 4 + usize::from(number % 4);
            let id = community_id(number);
            let grids = (1..=grid_count)
                .map(|g| Grid {
                    id: format!("{id}-g{g}"),
                    name: Name {
                        zh: format!("第{g}网格"),
                        en: format!("Grid {g}"),
                    },
                })
                .collect();
            Community {
                id,
                number,
                name: Name::new(zh, en),
                grids,
            }
        })
        .collect();
    let mut places: Vec<Place> = COMMUNITY_NAMES
        .iter()
        .zip(1u8..)
        .map(|((zh, en), number)| Place {
            id: format!("{}-room", community_id(number)),
            name: Name {
                zh: format!("{zh}调解室"),
                en: format!("{en} mediation room"),
            },
            kind: PlaceKind::MediationRoom,
            community: Some(community_id(number)),
            capacity: 8,
        })
        .collect();
    places.push(Place {
        id: "judge-workstation".into(),
        name: Name::new("中华路法官工作站", "Zhonghua Road judge workstation"),
        kind: PlaceKind::JudgeWorkstation,
        community: None,
        capacity: 12,
    });
    let categories = CATEGORIES
        .iter()
        .map(|(id, kind, zh, en)| Category {
            id: (*id).to_owned(),
            kind: *kind,
            name: Name::new(zh, en),
        })
        .collect();
    Directory {
        schema_version: DIRECTORY_SCHEMA_VERSION,
        street: Street {
            id: "zhonghua-road".to_owned(),
            code_prefix: "ZH".to_owned(),
            name: Name::new("中华路街道", "Zhonghua Road Street"),
            district: Name::new("甘井子区", "Ganjingzi District"),
        },
        communities,
        categories,
        time_limits: crate::time_limits::table::TimeLimits::defaults(),
        retention_days: crate::directory::default_retention_days(),
        places,
    }
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
            scope: Scope::Street,
        },
        DemoAccount {
            username: "admin",
            display_name: "赵管理 (Zhao, administrator)",
            role: Role::Admin,
            scope: Scope::Street,
        },
        DemoAccount {
            username: "mediator01",
            display_name: "李调解 (Li, mediator, Zhonghua Road)",
            role: Role::Mediator,
            scope: Scope::Communities(vec![community_id(1)]),
        },
        DemoAccount {
            username: "mediator02",
            display_name: "陈调解 (Chen, mediator, Huabei Road)",
            role: Role::Mediator,
            scope: Scope::Communities(vec![community_id(2)]),
        },
        DemoAccount {
            username: "police01",
            display_name: "周警官 (Zhou, police officer, Zhonghua Road)",
            role: Role::Police,
            scope: Scope::Communities(vec![community_id(1)]),
        },
        DemoAccount {
            username: "counselor01",
            display_name: "吴咨询 (Wu, counselor, Zhonghua Road)",
            role: Role::Counselor,
            scope: Scope::Communities(vec![community_id(1)]),
        },
        DemoAccount {
            username: "prosecutor01",
            display_name: "孙检察 (Sun, prosecutor, Zhonghua Road)",
            role: Role::Prosecutor,
            scope: Scope::Communities(vec![community_id(1)]),
        },
        DemoAccount {
            username: "liaison01",
            display_name: "钱联络 (Qian, urban management liaison, Zhonghua Road)",
            role: Role::DepartmentLiaison,
            scope: Scope::Communities(vec![community_id(1)]),
        },
        DemoAccount {
            username: "judge",
            display_name: "郑法官 (Zheng, judge workstation)",
            role: Role::Judge,
            scope: Scope::Street,
        },
        DemoAccount {
            username: "grid02",
            display_name: "张网格 (Zhang, grid worker, Huabei Road)",
            role: Role::GridWorker,
            scope: Scope::Communities(vec![community_id(2)]),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_street_has_34_communities_with_unique_numbers_and_grids() {
        let dir = demo_directory();
        assert_eq!(dir.communities.len(), 34);
        let numbers: HashSet<u8> = dir.communities.iter().map(|c| c.number).collect();
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
                Scope::Communities(ids) => ids.clone(),
                Scope::Street => vec![],
            })
            .collect();
        assert!(mediator_scopes.len() >= 2);
    }
}
