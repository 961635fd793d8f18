//! The org chart, search, unit and member reads, on SQLite and PostgreSQL.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::org::{LevelCursor, MemberSort, SearchHit, search_terms};
use app::domain::*;
use app::store::model::*;
use app::store::org::MemberQuery;

/// The small bloc, formed on 2020-02-24 by merging two older blocs: the
/// committee C1 came from bloc A (id 90), the grassroots cell G1 from bloc B (91).
fn merged_bloc() -> Dataset {
    let mut data = small_bloc();
    let old = |id, code: &str, name: &str| NewUnit {
        id,
        parent_id: None,
        kind: UnitKind::Bloc,
        code: code.into(),
        name: name.into(),
        valid_from: d(2010, 1, 1),
        valid_to: Some(d(2020, 2, 24)),
    };
    data.units.insert(0, old(90, "A", "Đảng bộ Khối cơ quan"));
    data.units
        .insert(1, old(91, "BB", "Đảng bộ Khối doanh nghiệp"));
    for u in &mut data.units[2..] {
        u.valid_from = d(2015, 1, 1);
    }
    data.units[2].valid_from = d(2020, 2, 24);
    let link =
        |unit_id, parent_id, from: (i32, u32, u32), to: Option<(i32, u32, u32)>| NewUnitParent {
            unit_id,
            parent_id,
            valid_from: d(from.0, from.1, from.2),
            valid_to: to.map(|t| d(t.0, t.1, t.2)),
        };
    let merger = (2020, 2, 24);
    data.unit_parents = vec![
        link(2, 90, (2015, 1, 1), Some(merger)),
        link(2, 1, merger, None),
        link(5, 91, (2015, 1, 1), Some(merger)),
        link(5, 1, merger, None),
        link(3, 2, (2015, 1, 1), None),
        link(4, 2, (2015, 1, 1), None),
    ];
    data
}

fn member_query(sort: MemberSort) -> MemberQuery {
    MemberQuery {
        statuses: Vec::new(),
        sort,
        offset: 0,
        limit: 50,
    }
}

#[tokio::test]
async fn chart_levels_carry_figures_and_leaders() {
    on_both(|store, backend| async move {
        store.load_dataset(&merged_bloc(), "test").await.unwrap();
        let roots = store.org_level(None, None, None, 50).await.unwrap();
        assert_eq!(roots.nodes.len(), 1, "{backend:?}");
        let root = &roots.nodes[0];
        assert_eq!(
            (root.code.as_str(), root.child_count),
            ("B", 2),
            "{backend:?}"
        );
        assert_eq!((root.full_members, root.probationary_members), (10, 1));

        // Vietnamese order: "Chi bộ …" before "Đảng bộ …".
        let level = store.org_level(Some(1), None, None, 50).await.unwrap();
        let codes: Vec<_> = level.nodes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, ["G1", "C1"]);
        assert_eq!(level.next, None);
        let c1 = &level.nodes[1];
        assert_eq!(
            (c1.child_count, c1.full_members, c1.probationary_members),
            (2, 7, 1)
        );

        let cells = store.org_level(Some(2), None, None, 50).await.unwrap();
        let office = cells.nodes.iter().find(|n| n.code == "C1.1").unwrap();
        assert_eq!(office.secretary.as_deref(), Some("Trần Thanh Điền 1"));
        assert_eq!(office.child_count, 0);

        // A wide level comes in pages that neither repeat nor skip.
        let first = store.org_level(Some(1), None, None, 1).await.unwrap();
        let cursor: LevelCursor = first.next.clone().expect("more follow");
        let second = store
            .org_level(Some(1), None, Some(&cursor), 1)
            .await
            .unwrap();
        assert_eq!(
            (first.nodes[0].code.as_str(), second.nodes[0].code.as_str()),
            ("G1", "C1")
        );
        assert_eq!(second.next, None);
    })
    .await;
}

#[tokio::test]
async fn the_chart_as_of_a_date_shows_the_tree_of_that_day() {
    on_both(|store, backend| async move {
        store.load_dataset(&merged_bloc(), "test").await.unwrap();
        let before = Some(d(2020, 1, 1));
        let roots = store.org_level(None, before, None, 50).await.unwrap();
        let codes: Vec<_> = roots.nodes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, ["A", "BB"], "{backend:?}");
        assert_eq!(
            roots
                .nodes
                .iter()
                .map(|n| n.child_count)
                .collect::<Vec<_>>(),
            [1, 1]
        );
        let under_a = store.org_level(Some(90), before, None, 50).await.unwrap();
        assert_eq!(under_a.nodes.len(), 1);
        let c1 = &under_a.nodes[0];
        // On 2020-01-01: the 2019 admission was still probationary, the
        // 2020 one not yet admitted.
        assert_eq!(
            (c1.code.as_str(), c1.full_members, c1.probationary_members),
            ("C1", 7, 1),
            "{backend:?}"
        );
        // The merged bloc did not exist yet; the day of the merger it does.
        let on_the_day = store
            .org_level(None, Some(d(2020, 2, 24)), None, 50)
            .await
            .unwrap();
        assert_eq!(
            on_the_day
                .nodes
                .iter()
                .map(|n| n.code.as_str())
                .collect::<Vec<_>>(),
            ["B"]
        );
        let after = store
            .org_level(Some(1), Some(d(2021, 1, 1)), None, 50)
            .await
            .unwrap();
        assert_eq!(after.nodes.len(), 2);
        let c1 = after.nodes.iter().find(|n| n.code == "C1").unwrap();
        assert_eq!((c1.full_members, c1.probationary_members), (8, 1));
    })
    .await;
}

#[tokio::test]
async fn search_folds_diacritics_and_keeps_to_the_scope() {
    on_both(|store, backend| async move {
        store.load_dataset(&merged_bloc(), "test").await.unwrap();
        let hits = store.search(&search_terms("dien"), None, 50).await.unwrap();
        let members = hits
            .iter()
            .filter(|h| matches!(h, SearchHit::Member { .. }))
            .count();
        assert_eq!(members, 12, "{backend:?}");

        let c1 = store.unit_by_code("C1").await.unwrap().unwrap();
        let hits = store
            .search(
                &search_terms("Điền 5"),
                Some(std::slice::from_ref(&c1.path)),
                50,
            )
            .await
            .unwrap();
        match hits.as_slice() {
            [
                SearchHit::Member {
                    full_name, trail, ..
                },
            ] => {
                assert_eq!(full_name, "Trần Thanh Điền 5");
                assert_eq!(trail, &["B", "C1", "C1.1"]);
            }
            other => panic!("{backend:?}: {other:?}"),
        }
        // Outside every scope: no member at all.
        let hits = store
            .search(&search_terms("dien"), Some(&[]), 50)
            .await
            .unwrap();
        assert!(hits.is_empty());

        let hits = store
            .search(&search_terms("y te"), Some(&[]), 50)
            .await
            .unwrap();
        match hits.as_slice() {
            [SearchHit::Unit { unit, trail }] => {
                assert_eq!(
                    (unit.code.as_str(), trail.as_slice()),
                    ("C1", &["B".to_string()][..])
                );
            }
            other => panic!("{backend:?}: {other:?}"),
        }
        // LIKE wildcards in the query are plain characters.
        assert!(
            store
                .search(&["%".into()], None, 50)
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

#[tokio::test]
async fn unit_and_member_pages_read_their_records() {
    on_both(|store, backend| async move {
        store.load_dataset(&merged_bloc(), "test").await.unwrap();
        let c1 = store.unit_by_code("C1").await.unwrap().unwrap();
        let page = store
            .unit_members(&c1, &member_query(MemberSort::Admission))
            .await
            .unwrap();
        assert_eq!(page.total, 9, "{backend:?}");
        // The exempt member, admitted 1980, comes first.
        assert_eq!(page.rows[0].status, MemberStatus::Exempt);
        let only_probationary = MemberQuery {
            statuses: vec![MemberStatus::Probationary],
            ..member_query(MemberSort::Name)
        };
        let page = store.unit_members(&c1, &only_probationary).await.unwrap();
        assert_eq!(
            (page.total, page.rows[0].full_name.as_str()),
            (1, "Trần Thanh Điền 5")
        );
        let paged = MemberQuery {
            offset: 8,
            limit: 5,
            ..member_query(MemberSort::Name)
        };
        assert_eq!(store.unit_members(&c1, &paged).await.unwrap().rows.len(), 1);

        let profile = store.member_profile(1).await.unwrap().expect("member 1");
        assert_eq!(profile.cell.code, "C1.1");
        assert_eq!(profile.memberships.len(), 1);
        assert_eq!(profile.positions.len(), 1);
        assert_eq!(profile.positions[0].role, PositionRole::Secretary);
        assert_eq!(profile.positions[0].term_label, "2020–2025");
        assert!(store.member_profile(999).await.unwrap().is_none());

        let leaders = store.unit_leaders(3, d(2021, 1, 1)).await.unwrap();
        assert_eq!(leaders.len(), 1);
        assert_eq!(leaders[0].full_name, "Trần Thanh Điền 1");
        let history = store.unit_history(1, 200).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].kind, UnitEventKind::Create);
        assert!(store.unit_history(1, 0).await.unwrap().is_empty());

        let trail = store.units_by_ids(&[1, 2, 3]).await.unwrap();
        assert_eq!(
            trail.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(),
            ["B", "C1", "C1.1"]
        );
    })
    .await;
}

/// A database filled before the org tables existed gets its keys, words and
/// figures on the next migration.
#[tokio::test]
async fn derived_data_is_rebuilt_for_older_databases() {
    on_both(|store, backend| async move {
        store.load_dataset(&merged_bloc(), "test").await.unwrap();
        for sql in [
            "DELETE FROM unit_stats",
            "DELETE FROM member_words",
            "UPDATE units SET sort_key = '', search_key = ''",
        ] {
            match backend {
                app::store::Backend::Sqlite => {
                    let s: &app::store::SqliteStore = store.as_any().downcast_ref().unwrap();
                    sqlx::query(sql).execute(s.pool()).await.unwrap();
                }
                app::store::Backend::Postgres => {
                    let s: &app::store::PgStore = store.as_any().downcast_ref().unwrap();
                    sqlx::query(sql).execute(s.pool()).await.unwrap();
                }
            }
        }
        store.migrate().await.unwrap();
        let root = store.root_unit().await.unwrap().unwrap();
        let s = store.unit_summary(&root, 2020).await.unwrap();
        assert_eq!((s.members_total(), s.cells), (12, 2), "{backend:?}");
        let level = store.org_level(Some(1), None, None, 50).await.unwrap();
        assert_eq!(level.nodes[0].code, "G1");
        assert_eq!(
            store
                .search(&search_terms("dien"), None, 5)
                .await
                .unwrap()
                .len(),
            5
        );
    })
    .await;
}
