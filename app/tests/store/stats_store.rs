//! The yearly figures kept per subtree (`unit_year_figures`) on SQLite and
//! PostgreSQL: after every kind of write — filing, returns, approvals, a
//! decided grade and a regrade, a stale write refused, a transfer, a
//! structural change that rebuilds them — each unit's figures equal a
//! direct count of its members' commitments.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::MemberStatus;
use app::domain::commitment::CommitmentState;
use app::domain::grading::Grade;
use app::domain::org::path_ids;
use app::domain::stats::{Figure, YearFigures};
use app::domain::structure::{Change, MergeTarget};
use app::domain::undertaking::{Assessment, Undertaking};
use app::store::Backend;
use app::store::model::*;
use app::store::{DynStore, StoreError};
use std::collections::HashMap;

fn entry(action: &str) -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: action.into(),
        entity: String::new(),
        entity_id: None,
        before: None,
        after: None,
        ip: None,
        unit_path: Some("/1/".into()),
    }
}

fn write(
    member_id: i64,
    expected_version: i64,
    next: CommitmentState,
    change: CommitmentChange,
) -> CommitmentWrite {
    CommitmentWrite {
        year: 2020,
        member_id,
        expected_version,
        next_state: next,
        change,
        audit: AuditEntry {
            entity: "commitment".into(),
            unit_path: None,
            ..entry("commitment.step")
        },
        notify: vec![],
    }
}

fn items() -> CommitmentChange {
    CommitmentChange::Items(vec![Undertaking {
        section: 0,
        text: "Việc cụ thể".into(),
        result: None,
        result_note: String::new(),
    }])
}

fn decide(grade: Grade) -> CommitmentChange {
    CommitmentChange::Decide {
        assessment: Assessment {
            grade,
            points: None,
        },
        note: String::new(),
    }
}

/// Brings a member's commitment through `states` (from none), one write each.
async fn walk(store: &DynStore, member_id: i64, states: &[(CommitmentState, CommitmentChange)]) {
    for (version, (state, change)) in states.iter().enumerate() {
        store
            .apply_commitments(&[write(member_id, version as i64, *state, change.clone())])
            .await
            .unwrap();
    }
}

/// Each current unit's figures of 2020, counted from the members' rows.
async fn counted(store: &DynStore) -> HashMap<String, YearFigures> {
    let root = store.root_unit().await.unwrap().unwrap();
    let rows = store.subtree_commitments(&root.path, 2020).await.unwrap();
    let mut units: HashMap<i64, (String, YearFigures)> = HashMap::new();
    let mut ids = vec![root.id];
    let mut i = 0;
    while i < ids.len() {
        let level = store.child_figures(ids[i], 2020, 100).await.unwrap();
        for c in level {
            let u = store.unit_by_code(&c.unit.code).await.unwrap().unwrap();
            ids.push(u.id);
        }
        i += 1;
    }
    for id in ids {
        let u = store.unit_by_id(id).await.unwrap().unwrap();
        let members = store.unit_summary(&u, 2020).await.unwrap().members_total();
        units.insert(
            id,
            (
                u.code,
                YearFigures {
                    members,
                    ..YearFigures::default()
                },
            ),
        );
    }
    for r in rows {
        let Some(state) = r.state else { continue };
        let cell = store.unit_by_id(r.cell_id).await.unwrap().unwrap();
        for id in path_ids(&cell.path) {
            if let Some((_, f)) = units.get_mut(&id) {
                for figure in Figure::of_commitment(state, r.decided_grade) {
                    f.add(figure, 1);
                }
            }
        }
    }
    units.into_values().collect()
}

/// The members of `unit_id` who have not started, read `size` at a time
/// until a page past `total`.
async fn in_pages(
    store: &DynStore,
    unit_id: i64,
    size: usize,
    total: usize,
) -> Vec<app::domain::stats::DrillRow> {
    let far = d(2100, 1, 1);
    let mut out = Vec::new();
    for offset in (0..total + size).step_by(size) {
        let page = store
            .drill(
                unit_id,
                2020,
                app::domain::stats::Drill::NotStarted,
                far,
                offset as i64,
                size as i64,
            )
            .await
            .unwrap();
        out.extend(page);
    }
    out
}

/// The current units' codes as the chart shows them: each unit's children
/// by name, depth first.
async fn chart_order(store: &DynStore) -> Vec<String> {
    let root = store.root_unit().await.unwrap().unwrap();
    let mut out = Vec::new();
    let mut stack = vec![(root.id, root.code)];
    while let Some((id, code)) = stack.pop() {
        out.push(code);
        let below = store.child_figures(id, 2020, 1000).await.unwrap();
        for c in below.into_iter().rev() {
            let u = store.unit_by_code(&c.unit.code).await.unwrap().unwrap();
            stack.push((u.id, u.code));
        }
    }
    out
}

/// Every unit's kept figures against the direct count, and each level's
/// list of units below against the same.
async fn check_figures(store: &DynStore, backend: Backend, when: &str) {
    let expected = counted(store).await;
    for (code, want) in &expected {
        let u = store.unit_by_code(code).await.unwrap().unwrap();
        let kept = store.year_figures(u.id, 2020).await.unwrap();
        assert_eq!(&kept, want, "{backend:?} {when}: {code}");
        for child in store.child_figures(u.id, 2020, 100).await.unwrap() {
            assert_eq!(
                Some(&child.figures),
                expected.get(&child.unit.code),
                "{backend:?} {when}: {}",
                child.unit.code
            );
        }
    }
}

#[tokio::test]
async fn the_kept_figures_equal_a_direct_count_after_every_write() {
    use CommitmentState::*;
    on_both(|store, backend| async move {
        store
            .load_dataset(&small_bloc_with_parents(), "test")
            .await
            .unwrap();
        check_figures(&store, backend, "loaded").await;
        let bloc = store.root_unit().await.unwrap().unwrap();
        assert_eq!(
            store
                .year_figures(bloc.id, 2020)
                .await
                .unwrap()
                .not_started(),
            12
        );

        // Cell 3: two submitted, one approved; cell 4: a draft, a return;
        // the grassroots cell: one decided, then regraded.
        walk(
            &store,
            1,
            &[
                (Draft, items()),
                (Submitted, items()),
                (Approved, CommitmentChange::Approve),
            ],
        )
        .await;
        walk(&store, 2, &[(Draft, items()), (Submitted, items())]).await;
        walk(&store, 6, &[(Draft, items())]).await;
        let reason = CommitmentChange::Return {
            reason: "Bổ sung mục 5".into(),
        };
        walk(
            &store,
            7,
            &[(Draft, items()), (Submitted, items()), (Returned, reason)],
        )
        .await;
        walk(
            &store,
            10,
            &[
                (Draft, items()),
                (Submitted, items()),
                (Approved, CommitmentChange::Approve),
                (Graded, decide(Grade::Good)),
            ],
        )
        .await;
        check_figures(&store, backend, "filed").await;
        let f = store.year_figures(bloc.id, 2020).await.unwrap();
        assert_eq!(
            (
                f.started(),
                f.filed(),
                f.approved(),
                f.state(Returned),
                f.grade(Grade::Good)
            ),
            (5, 3, 2, 1, 1),
            "{backend:?}"
        );
        store
            .apply_commitments(&[write(10, 4, Graded, decide(Grade::Excellent))])
            .await
            .unwrap();
        let f = store.year_figures(bloc.id, 2020).await.unwrap();
        assert_eq!(
            (
                f.grade(Grade::Good),
                f.grade(Grade::Excellent),
                f.state(Graded)
            ),
            (0, 1, 1)
        );

        // A stale write changes nothing, nor does a batch that fails half-way.
        let stale = store
            .apply_commitments(&[write(2, 1, Approved, CommitmentChange::Approve)])
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict)), "{backend:?}");
        let half = store
            .apply_commitments(&[
                write(2, 2, Approved, CommitmentChange::Approve),
                write(6, 9, Submitted, items()),
            ])
            .await;
        assert!(matches!(half, Err(StoreError::Conflict)), "{backend:?}");
        check_figures(&store, backend, "refused").await;
        assert_eq!(
            store.year_figures(bloc.id, 2020).await.unwrap().approved(),
            2
        );

        // A member moved takes their commitment's figures along.
        apply_change(
            &store,
            Change::Transfer {
                member_id: 10,
                cell: "C1.2".into(),
            },
            true,
        )
        .await;
        check_figures(&store, backend, "transferred").await;
        let c1 = store.unit_by_code("C1").await.unwrap().unwrap();
        assert_eq!(
            store
                .year_figures(c1.id, 2020)
                .await
                .unwrap()
                .grade(Grade::Excellent),
            1
        );

        // A member who leaves takes their commitment out of the figures:
        // they count the members of today, like the member counts, so the
        // not started, drafts, returned and filed add up to the members.
        apply_change(
            &store,
            Change::SetStatus {
                member_id: 7,
                status: MemberStatus::Deceased,
            },
            true,
        )
        .await;
        check_figures(&store, backend, "deceased").await;
        let f = store.year_figures(bloc.id, 2020).await.unwrap();
        assert_eq!((f.started(), f.state(Returned)), (4, 0), "{backend:?}");
        assert_eq!(
            f.not_started() + f.state(Draft) + f.filed(),
            f.members,
            "{backend:?}"
        );

        // A merge rebuilds every figure: the same as kept before it.
        let before = store.year_figures(bloc.id, 2020).await.unwrap();
        apply_change(
            &store,
            Change::Merge {
                sources: vec!["C1.2".into()],
                into: MergeTarget::Existing("C1.1".into()),
            },
            true,
        )
        .await;
        check_figures(&store, backend, "merged").await;
        assert_eq!(
            store.year_figures(bloc.id, 2020).await.unwrap(),
            before,
            "{backend:?}"
        );
        let below = store.child_figures(c1.id, 2020, 100).await.unwrap();
        assert_eq!(below.len(), 1, "{backend:?}: the merged cell is closed");
        assert_eq!(below[0].figures.started(), 4);
    })
    .await;
}

/// The members behind each figure are exactly those a direct reading of
/// the members' commitments gives, as many as the figure says, in cell and
/// name order, page by page.
#[tokio::test]
async fn the_members_behind_a_figure_are_those_it_counts() {
    use CommitmentState::*;
    use app::domain::stats::{Drill, STAGES};
    on_both(|store, backend| async move {
        store
            .load_dataset(&small_bloc_with_parents(), "test")
            .await
            .unwrap();
        walk(&store, 1, &[(Draft, items()), (Submitted, items())]).await;
        walk(
            &store,
            2,
            &[
                (Draft, items()),
                (Submitted, items()),
                (Approved, CommitmentChange::Approve),
            ],
        )
        .await;
        walk(
            &store,
            10,
            &[
                (Draft, items()),
                (Submitted, items()),
                (Approved, CommitmentChange::Approve),
                (Graded, decide(Grade::Good)),
            ],
        )
        .await;
        let far = d(2100, 1, 1);
        for code in ["B", "C1", "C1.1", "G1"] {
            let unit = store.unit_by_code(code).await.unwrap().unwrap();
            let rows = store.subtree_commitments(&unit.path, 2020).await.unwrap();
            let figures = store.year_figures(unit.id, 2020).await.unwrap();
            let mut drills: Vec<(Drill, i64)> = vec![(Drill::NotStarted, figures.not_started())];
            drills.extend(CommitmentState::ALL.map(|s| (Drill::State(s), figures.state(s))));
            drills.extend(STAGES.map(|s| (Drill::Reached(s), figures.reached(s))));
            drills.extend(Grade::ALL.map(|g| (Drill::Grade(g), figures.grade(g))));
            for (drill, count) in drills {
                let listed = store
                    .drill(unit.id, 2020, drill, far, 0, 100)
                    .await
                    .unwrap();
                let mut want: Vec<i64> = rows
                    .iter()
                    .filter(|r| match drill {
                        Drill::NotStarted => r.state.is_none(),
                        Drill::State(s) => r.state == Some(s),
                        Drill::Reached(s) => r.state.is_some_and(|x| {
                            STAGES.iter().skip_while(|y| **y != s).any(|y| *y == x)
                        }),
                        Drill::Grade(g) => r.decided_grade == Some(g),
                        Drill::ProbationDue => false,
                    })
                    .map(|r| r.member_id)
                    .collect();
                let mut got: Vec<i64> = listed.iter().map(|r| r.member_id).collect();
                assert_eq!(got.len() as i64, count, "{backend:?} {code} {drill:?}");
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "{backend:?} {code} {drill:?}");
            }
        }
        let bloc = store.root_unit().await.unwrap().unwrap();
        // In cell order (the chart's), then by given name; pages follow on.
        let all = store
            .drill(bloc.id, 2020, Drill::NotStarted, far, 0, 100)
            .await
            .unwrap();
        assert_eq!(all.len(), 9, "{backend:?}");
        let cells: Vec<&str> = all.iter().map(|r| r.cell.code.as_str()).collect();
        let mut sorted = cells.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), 3, "{backend:?}: one run per cell {cells:?}");
        // A cell of a grassroots committee is named with its committee, but
        // not in that committee's own list.
        for r in &all {
            let want = r.cell.code.starts_with("C1.").then_some("C1");
            let got = r.organisation.as_ref().map(|o| o.code.as_str());
            assert_eq!(got, want, "{backend:?} {}", r.cell.code);
        }
        assert!(
            cells.iter().any(|c| c.starts_with("C1.")),
            "{backend:?} {cells:?}"
        );
        let c1 = store.unit_by_code("C1").await.unwrap().unwrap();
        let own = store
            .drill(c1.id, 2020, Drill::NotStarted, far, 0, 100)
            .await
            .unwrap();
        assert!(!own.is_empty(), "{backend:?}");
        assert!(own.iter().all(|r| r.organisation.is_none()), "{backend:?}");
        let page2 = store
            .drill(bloc.id, 2020, Drill::NotStarted, far, 4, 4)
            .await
            .unwrap();
        assert_eq!(page2, all[4..8].to_vec(), "{backend:?}");
        // The cells come as the chart shows them (each unit's children by
        // name, depth first), and pages of any size follow on exactly.
        let order = chart_order(&store).await;
        let at: Vec<usize> = cells
            .iter()
            .map(|c| order.iter().position(|o| o == c).unwrap())
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] <= w[1]),
            "{backend:?} {cells:?} {order:?}"
        );
        for size in 1..=4 {
            assert_eq!(
                in_pages(&store, bloc.id, size, all.len()).await,
                all,
                "{backend:?} pages of {size}"
            );
        }
        let graded = store
            .drill(bloc.id, 2020, Drill::Grade(Grade::Good), far, 0, 10)
            .await
            .unwrap();
        assert_eq!(
            (graded[0].member_id, graded[0].state, graded[0].grade),
            (10, Some(Graded), Some(Grade::Good))
        );

        // Probations: member 5 (cell C1.1) was admitted on 1/6/2020.
        let due = |by| {
            let store = store.clone();
            let id = bloc.id;
            async move {
                let n = store.probation_due(id, by).await.unwrap();
                let listed = store
                    .drill(id, 2020, Drill::ProbationDue, by, 0, 100)
                    .await
                    .unwrap();
                assert_eq!(listed.len() as i64, n);
                listed.iter().map(|r| r.member_id).collect::<Vec<_>>()
            }
        };
        assert_eq!(due(d(2020, 5, 31)).await, Vec::<i64>::new(), "{backend:?}");
        assert_eq!(due(d(2020, 6, 1)).await, vec![5], "{backend:?}");
        let g1 = store.unit_by_code("G1").await.unwrap().unwrap();
        assert_eq!(store.probation_due(g1.id, d(2021, 1, 1)).await.unwrap(), 0);
    })
    .await;
}

/// A committee with more cells than one read of the walk takes (some of
/// them of the same name): the list still comes in the chart's order, as
/// long as its figure, and pages of any size follow on exactly.
#[tokio::test]
async fn a_long_list_walks_many_cells_in_order() {
    use app::domain::stats::Drill;
    on_both(|store, backend| async move {
        let mut data = small_bloc_with_parents();
        let template = data.members[0].clone();
        for i in 0..230i64 {
            let id = 100 + i;
            // Every seventh cell takes the name of the one before it.
            let n = if i % 7 == 6 { i - 1 } else { i };
            data.units.push(NewUnit {
                id,
                parent_id: Some(2),
                kind: app::domain::UnitKind::Cell,
                code: format!("X{i}"),
                name: format!("Chi bộ {:03}", 230 - n),
                valid_from: d(2020, 2, 24),
                valid_to: None,
            });
            data.unit_parents.push(NewUnitParent {
                unit_id: id,
                parent_id: 2,
                valid_from: d(2020, 2, 24),
                valid_to: None,
            });
            // One member each, two in every third cell, none in every fifth.
            let count = if i % 5 == 4 {
                0
            } else if i % 3 == 0 {
                2
            } else {
                1
            };
            for k in 0..count {
                let member_id = 1000 + 2 * i + k;
                let mut m = template.clone();
                m.id = member_id;
                m.card_number = format!("{:08}", 20_000_000 + member_id);
                m.record_number = format!("T-{member_id}");
                m.full_name = format!("Nguyễn Văn {}", ["Bình", "An"][k as usize]);
                m.cell_id = id;
                data.members.push(m);
                data.memberships.push(NewMembership {
                    member_id,
                    unit_id: id,
                    valid_from: d(2001, 6, 1),
                    valid_to: None,
                });
            }
        }
        store.load_dataset(&data, "test").await.unwrap();
        let bloc = store.root_unit().await.unwrap().unwrap();
        let far = d(2100, 1, 1);
        let figure = store
            .year_figures(bloc.id, 2020)
            .await
            .unwrap()
            .not_started();
        let all = store
            .drill(bloc.id, 2020, Drill::NotStarted, far, 0, 1000)
            .await
            .unwrap();
        assert_eq!(all.len() as i64, figure, "{backend:?}");
        // 46 empty cells, 62 of two (every third but not every fifth), 122 of one.
        assert_eq!(figure, 12 + 122 + 2 * 62, "{backend:?}");
        let order = chart_order(&store).await;
        let at: Vec<usize> = all
            .iter()
            .map(|r| order.iter().position(|o| *o == r.cell.code).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] <= w[1]), "{backend:?}");
        let mut ids: Vec<i64> = all.iter().map(|r| r.member_id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "{backend:?}: nobody twice");
        for size in [7usize, 50] {
            assert_eq!(
                in_pages(&store, bloc.id, size, all.len()).await,
                all,
                "{backend:?} pages of {size}"
            );
        }
    })
    .await;
}
