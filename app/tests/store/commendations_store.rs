//! The commendation store on SQLite and PostgreSQL: a proposal from a cell
//! through its grassroots committee (one nominee approved, one forwarded)
//! to decisions at two levels, one achievement one award, stale steps,
//! the province's decision, and numbers that stay gapless and unique when
//! decisions are issued at the same moment.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::commendation::{Form, Occasion};
use app::domain::commendation_records::Nominee;
use app::domain::decision::SignerPosition;
use app::domain::proposal::{Outcome, ProposalState};
use app::store::commendations::*;
use app::store::model::*;
use app::store::{DynStore, StoreError};

fn nominee(subject: Subject) -> NewNominee {
    NewNominee {
        subject,
        achievements: "Hoàn thành xuất sắc nhiệm vụ năm 2020".into(),
        good_model_id: None,
    }
}

/// Cell 3 asks its grassroots committee (2) for certificates for members 1 and 2.
fn from_cell(members: &[i64]) -> NewProposal {
    NewProposal {
        proposer_id: 3,
        awarder_id: Some(2),
        year: 2020,
        occasion: Occasion::Thematic,
        form: Form::Certificate,
        title: "Đề nghị khen thưởng năm 2020".into(),
        cover: "Tờ trình của Chi bộ Văn phòng".into(),
        minutes: "Trích biên bản họp chi bộ".into(),
        nominees: members
            .iter()
            .map(|m| nominee(Subject::Member(*m)))
            .collect(),
        created_by: None,
    }
}

fn decision(issuer: Option<i64>, pattern: &str, number: Option<&str>) -> NewDecision {
    NewDecision {
        issuer_id: issuer,
        number_pattern: pattern.into(),
        term_start: 2020,
        number: number.map(Into::into),
        decided_on: d(2021, 1, 20),
        signer_name: "Nguyễn Văn Hà".into(),
        signer_position: SignerPosition::Secretary,
        created_by: None,
    }
}

async fn step(
    store: &DynStore,
    id: i64,
    version: i64,
    change: ProposalChange,
) -> Result<StepResult, StoreError> {
    store
        .proposal_step(id, version, &change, &audit("proposal.step"), &[])
        .await
}

async fn submitted(store: &DynStore, p: &NewProposal) -> (i64, i64) {
    let id = store
        .create_proposal(p, &audit("proposal.create"))
        .await
        .unwrap();
    let r = step(store, id, 1, ProposalChange::Submit { on: d(2021, 1, 5) })
        .await
        .unwrap();
    (id, r.version)
}

async fn mark(store: &DynStore, id: i64, version: i64, nominee: i64, outcome: Outcome) -> i64 {
    step(
        store,
        id,
        version,
        ProposalChange::Mark {
            nominee_id: nominee,
            outcome,
            reason: "lý do".into(),
        },
    )
    .await
    .unwrap()
    .version
}

#[tokio::test]
async fn a_cell_proposes_the_committee_approves_one_and_forwards_one() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let (id, v) = submitted(&store, &from_cell(&[1, 2])).await;
        let p = store.proposal(id).await.unwrap().unwrap();
        assert_eq!(p.state, ProposalState::Submitted, "{backend:?}");
        assert_eq!(p.proposer.unit.code, "C1.1");
        assert_eq!(p.awarder.as_ref().unwrap().unit.code, "C1");
        assert_eq!(p.submitted_on, Some(d(2021, 1, 5)));
        let list = store.nominees(id).await.unwrap();
        assert!(
            matches!(&list[0].nominee, Nominee::Member { id: 1, cell, .. } if cell.code == "C1.1")
        );
        assert_eq!(list[1].outcome, Outcome::Pending);
        let v = mark(&store, id, v, list[0].id, Outcome::Approved).await;
        let v = mark(&store, id, v, list[1].id, Outcome::Forwarded).await;
        let forward = Forward {
            awarder_id: Some(1),
            title: "Đề nghị Ban Thường vụ Đảng ủy Khối khen thưởng".into(),
            cover: "Tờ trình của Đảng ủy Sở Y tế".into(),
            on: d(2021, 1, 12),
            created_by: None,
        };
        let settled = step(
            &store,
            id,
            v,
            ProposalChange::Settle {
                state: ProposalState::Approved,
                forward: Some(forward),
            },
        )
        .await
        .unwrap();
        let up = settled.forwarded_to.expect("a proposal went up");
        let upper = store.proposal(up).await.unwrap().unwrap();
        assert_eq!(upper.state, ProposalState::Submitted);
        assert_eq!(upper.proposer.unit.code, "C1");
        assert_eq!(upper.awarder.as_ref().unwrap().unit.code, "B");
        assert_eq!(upper.forwarded_from, Some(id));
        let upper_list = store.nominees(up).await.unwrap();
        assert_eq!(upper_list.len(), 1);
        assert!(matches!(
            upper_list[0].nominee,
            Nominee::Member { id: 2, .. }
        ));
        // The claim went up with the nominee: nobody else may propose them.
        let held = store
            .claimed(
                &[Subject::Member(1), Subject::Member(2), Subject::Member(3)],
                2020,
                Occasion::Thematic,
                Form::Certificate,
                None,
            )
            .await
            .unwrap();
        assert_eq!(held, vec![Subject::Member(1), Subject::Member(2)]);
        assert_eq!(
            store
                .claimed(
                    &[Subject::Member(2)],
                    2020,
                    Occasion::Thematic,
                    Form::Certificate,
                    Some(up)
                )
                .await
                .unwrap(),
            vec![]
        );

        // The committee decides its own: its first number of the term.
        let done = step(
            &store,
            id,
            settled.version,
            ProposalChange::Decide(decision(Some(2), "{}-QĐ/ĐU", None)),
        )
        .await
        .unwrap();
        let dref = done.decision.unwrap();
        assert_eq!(dref.number, "1-QĐ/ĐU");
        // The bloc approves and decides the forwarded one.
        let v = mark(&store, up, 1, upper_list[0].id, Outcome::Approved).await;
        let v = step(
            &store,
            up,
            v,
            ProposalChange::Settle {
                state: ProposalState::Approved,
                forward: None,
            },
        )
        .await
        .unwrap()
        .version;
        let bloc = step(
            &store,
            up,
            v,
            ProposalChange::Decide(decision(Some(1), "{}-QĐ/ĐUK", None)),
        )
        .await
        .unwrap()
        .decision
        .unwrap();
        assert_eq!(bloc.number, "1-QĐ/ĐUK");

        let p = store.proposal(id).await.unwrap().unwrap();
        assert_eq!(p.state, ProposalState::Decided);
        assert_eq!(
            p.decision.as_ref().map(|d| d.number.as_str()),
            Some("1-QĐ/ĐU")
        );
        let recipients = store.recipients(dref.id).await.unwrap();
        assert_eq!(recipients.len(), 1);
        assert!(matches!(
            recipients[0].nominee,
            Nominee::Member { id: 1, .. }
        ));
        let awards = store.awards_of(Subject::Member(2)).await.unwrap();
        assert_eq!(awards.len(), 1);
        assert_eq!(awards[0].decision.number, "1-QĐ/ĐUK");
        assert_eq!(awards[0].issuer.as_ref().unwrap().code, "B");
        assert!(
            store
                .awards_of(Subject::Member(3))
                .await
                .unwrap()
                .is_empty()
        );

        // The register: everything, by issuer, by a recipient's name.
        let all = DecisionFilter {
            all: true,
            limit: 50,
            ..Default::default()
        };
        let register = store.decisions(&all).await.unwrap();
        assert_eq!(register.len(), 2);
        assert!(register.iter().all(|r| r.recipients == 1 && r.year == 2020));
        // A member of the committee's cell: the committee's and the bloc's;
        // the bloc's line alone: the bloc's.
        let line = DecisionFilter {
            all: false,
            lines: vec!["/1/2/3/".into()],
            ..all.clone()
        };
        assert_eq!(store.decisions(&line).await.unwrap().len(), 2);
        let cell_5 = DecisionFilter {
            lines: vec!["/1/5/".into()],
            ..line.clone()
        };
        let other = store.decisions(&cell_5).await.unwrap();
        assert_eq!(other.len(), 1);
        assert_eq!(other[0].number, "1-QĐ/ĐUK");
        let below = DecisionFilter {
            lines: vec![],
            subtrees: vec!["/1/2/".into()],
            ..line.clone()
        };
        assert_eq!(store.decisions(&below).await.unwrap()[0].number, "1-QĐ/ĐU");
        let bloc_only = DecisionFilter {
            lines: vec!["/1/".into()],
            ..line.clone()
        };
        let rows = store.decisions(&bloc_only).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].signer_position, SignerPosition::Secretary);
        assert_eq!(store.decision_proposal(rows[0].id).await.unwrap(), Some(up));
        let member_2 = store.member_profile(2).await.unwrap().unwrap().full_name;
        let word = app::domain::text::fold(&member_2);
        let found = DecisionFilter {
            search: Some(word),
            ..all.clone()
        };
        assert_eq!(store.decisions(&found).await.unwrap()[0].id, rows[0].id);
        // A number as people type it, with its capitals and Đ.
        let by_number = DecisionFilter {
            search: Some(app::domain::text::fold("1-QĐ/ĐUK")),
            ..all.clone()
        };
        let numbered = store.decisions(&by_number).await.unwrap();
        assert_eq!(
            numbered
                .iter()
                .map(|d| d.number.as_str())
                .collect::<Vec<_>>(),
            ["1-QĐ/ĐUK"]
        );

        // The dashboard's recipients by form equal the register's, subtree
        // by subtree (both recipients are members).
        for path in ["/1/", "/1/2/", "/1/5/"] {
            let mut want: Vec<(Form, i64, i64)> = Vec::new();
            let rows = store
                .decisions(&DecisionFilter {
                    subtrees: vec![path.into()],
                    year: Some(2020),
                    ..below.clone()
                })
                .await
                .unwrap();
            for r in rows {
                match want.iter_mut().find(|(f, ..)| *f == r.form) {
                    Some((_, _, n)) => *n += r.recipients,
                    None => want.push((r.form, 0, r.recipients)),
                }
            }
            assert_eq!(
                store.commended_by_form(path, 2020).await.unwrap(),
                want,
                "{backend:?} {path}"
            );
            assert!(
                store
                    .commended_by_form(path, 2021)
                    .await
                    .unwrap()
                    .is_empty()
            );
        }
        assert_eq!(
            store.commended_by_form("/1/", 2020).await.unwrap(),
            [(Form::Certificate, 0, 2)],
            "{backend:?}"
        );

        // The lists: made by the cell, addressed to the committee.
        let made = store.proposals_from(&[3], Some(2020), 20).await.unwrap();
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].nominees, 2);
        let to_bloc = store.proposals_to(&[1], false, None, 20).await.unwrap();
        assert_eq!(to_bloc.iter().map(|p| p.id).collect::<Vec<_>>(), vec![up]);
        let entries = store
            .audit_entries(
                &AuditFilter {
                    action: Some("proposal.".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        // Create, submit, two marks, settle, decide; three marks and steps above.
        assert_eq!(entries.len(), 10, "{backend:?}");
    })
    .await;
}

#[tokio::test]
async fn one_achievement_one_award_and_stale_steps_change_nothing() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let (id, v) = submitted(&store, &from_cell(&[1, 2])).await;
        // Member 1 again for the same year, occasion and form: refused.
        let again = store
            .create_proposal(&from_cell(&[1]), &audit("proposal.create"))
            .await;
        assert!(matches!(again, Err(StoreError::Conflict)), "{backend:?}");
        // Another form is another award.
        let praise = NewProposal {
            form: Form::Praise,
            ..from_cell(&[1])
        };
        store
            .create_proposal(&praise, &audit("proposal.create"))
            .await
            .unwrap();
        // A stale step: nothing written.
        let stale = step(
            &store,
            id,
            v - 1,
            ProposalChange::Reject { reason: "x".into() },
        )
        .await;
        assert!(matches!(stale, Err(StoreError::Conflict)));
        assert_eq!(
            store.proposal(id).await.unwrap().unwrap().state,
            ProposalState::Submitted
        );
        assert!(matches!(
            step(&store, 999, 1, ProposalChange::Submit { on: d(2021, 1, 1) }).await,
            Err(StoreError::NotFound)
        ));
        // Returned and edited: the list is replaced, the claims follow it.
        let v = step(
            &store,
            id,
            v,
            ProposalChange::Return {
                reason: "Bổ sung".into(),
            },
        )
        .await
        .unwrap()
        .version;
        let p = store.proposal(id).await.unwrap().unwrap();
        assert_eq!(
            (p.state, p.reason.as_str()),
            (ProposalState::Returned, "Bổ sung")
        );
        let v = step(
            &store,
            id,
            v,
            ProposalChange::Edit {
                title: "Đề nghị (bổ sung)".into(),
                cover: "Tờ trình".into(),
                minutes: String::new(),
                nominees: vec![nominee(Subject::Member(2)), nominee(Subject::Unit(3))],
            },
        )
        .await
        .unwrap()
        .version;
        let free = store
            .create_proposal(&from_cell(&[1]), &audit("proposal.create"))
            .await;
        assert!(free.is_ok(), "member 1 was released");
        let list = store.nominees(id).await.unwrap();
        assert!(matches!(list[1].nominee, Nominee::Unit { id: 3, .. }));
        // Rejected: every claim released.
        let v = step(&store, id, v, ProposalChange::Submit { on: d(2021, 1, 6) })
            .await
            .unwrap()
            .version;
        step(
            &store,
            id,
            v,
            ProposalChange::Reject {
                reason: "Không đủ tiêu chuẩn".into(),
            },
        )
        .await
        .unwrap();
        assert!(
            store
                .claimed(
                    &[Subject::Member(2), Subject::Unit(3)],
                    2020,
                    Occasion::Thematic,
                    Form::Certificate,
                    None
                )
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

#[tokio::test]
async fn the_bloc_records_the_provinces_decision() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let to_province = NewProposal {
            proposer_id: 1,
            awarder_id: None,
            form: Form::ProvincialCertificate,
            ..from_cell(&[10])
        };
        let (id, v) = submitted(&store, &to_province).await;
        let to = store.proposals_to(&[], true, Some(2020), 10).await.unwrap();
        assert_eq!(to.len(), 1, "{backend:?}");
        assert!(to[0].awarder.is_none());
        let list = store.nominees(id).await.unwrap();
        let v = mark(&store, id, v, list[0].id, Outcome::Approved).await;
        let v = step(
            &store,
            id,
            v,
            ProposalChange::Settle {
                state: ProposalState::Approved,
                forward: None,
            },
        )
        .await
        .unwrap()
        .version;
        let dref = step(
            &store,
            id,
            v,
            ProposalChange::Decide(decision(None, "", Some("1234-QĐ/TU"))),
        )
        .await
        .unwrap()
        .decision
        .unwrap();
        assert_eq!(dref.number, "1234-QĐ/TU");
        let row = store.decision(dref.id).await.unwrap().unwrap();
        assert!(row.issuer.is_none());
        // Units' registers leave the province out unless asked.
        let units_only = DecisionFilter {
            all: true,
            limit: 10,
            ..Default::default()
        };
        assert!(store.decisions(&units_only).await.unwrap().is_empty());
        let with_province = DecisionFilter {
            province: true,
            ..units_only
        };
        assert_eq!(store.decisions(&with_province).await.unwrap().len(), 1);
    })
    .await;
}

/// Ten decisions of one committee issued at the same moment get the numbers
/// 1 to 10, each once; a new term starts again at 1.
#[tokio::test]
async fn numbers_have_no_gaps_and_no_twins_under_concurrency() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let mut ready = Vec::new();
        for m in 1..=10 {
            let p = NewProposal {
                proposer_id: 2,
                awarder_id: Some(1),
                ..from_cell(&[m])
            };
            let (id, v) = submitted(&store, &p).await;
            let list = store.nominees(id).await.unwrap();
            let v = mark(&store, id, v, list[0].id, Outcome::Approved).await;
            let v = step(
                &store,
                id,
                v,
                ProposalChange::Settle {
                    state: ProposalState::Approved,
                    forward: None,
                },
            )
            .await
            .unwrap()
            .version;
            ready.push((id, v));
        }
        let tasks: Vec<_> = ready
            .into_iter()
            .map(|(id, v)| {
                let store = store.clone();
                tokio::spawn(async move {
                    step(
                        &store,
                        id,
                        v,
                        ProposalChange::Decide(decision(Some(1), "{}-QĐ/ĐUK", None)),
                    )
                    .await
                    .unwrap()
                    .decision
                    .unwrap()
                    .number
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for t in tasks {
            numbers.push(t.await.unwrap());
        }
        numbers.sort_by_key(|n| n.split('-').next().unwrap().parse::<i64>().unwrap());
        let want: Vec<String> = (1..=10).map(|i| format!("{i}-QĐ/ĐUK")).collect();
        assert_eq!(numbers, want, "{backend:?}");
        // The next term numbers from 1 again.
        let p = NewProposal {
            proposer_id: 2,
            awarder_id: Some(1),
            year: 2025,
            ..from_cell(&[11])
        };
        let (id, v) = submitted(&store, &p).await;
        let list = store.nominees(id).await.unwrap();
        let v = mark(&store, id, v, list[0].id, Outcome::Approved).await;
        let v = step(
            &store,
            id,
            v,
            ProposalChange::Settle {
                state: ProposalState::Approved,
                forward: None,
            },
        )
        .await
        .unwrap()
        .version;
        let next_term = NewDecision {
            term_start: 2025,
            ..decision(Some(1), "{}-QĐ/ĐUK", None)
        };
        let n = step(&store, id, v, ProposalChange::Decide(next_term))
            .await
            .unwrap()
            .decision
            .unwrap()
            .number;
        assert_eq!(n, "1-QĐ/ĐUK");
    })
    .await;
}
