//! The demo's 2020 commendations under the year's theme (seed article): the
//! grassroots committees commended 51 collectives and 159 individuals, the
//! bloc 20 collectives and 25 individuals. They are made through the store's
//! own workflow once the organisation is loaded — a proposal, settled and
//! decided with a number — so they read like any other. The recipients are
//! those the 2020 grading ranked best: members graded excellent, cells and
//! grassroots organisations graded excellent, then good. Then 2021 as it
//! stands on the demo's working date: proposals waiting at each step.

use app::domain::commendation::{Form, Occasion};
use app::domain::decision::{self, SignerPosition};
use app::domain::grading::Grade;
use app::domain::proposal::{Outcome, ProposalState};
use app::domain::{MemberStatus, PositionRole, UnitKind};
use app::store::commendations::{NewDecision, NewNominee, NewProposal, ProposalChange, Subject};
use app::store::model::{AuditEntry, Dataset};
use app::store::{DynStore, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Collectives and individuals the grassroots committees commended.
pub const COMMITTEES_COLLECTIVES: usize = 51;
pub const COMMITTEES_INDIVIDUALS: usize = 159;
/// Collectives and individuals the bloc commended.
pub const BLOC_COLLECTIVES: usize = 20;
pub const BLOC_INDIVIDUALS: usize = 25;

const TITLE: &str = "Khen thưởng tập thể, cá nhân tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020";
const COVER: &str = "Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị và chuyên đề năm 2020, qua bình xét từ các chi bộ, đề nghị khen thưởng các tập thể, cá nhân có thành tích tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020.";
const MINUTES: &str = "Trích biên bản họp: tập thể thống nhất danh sách đề nghị khen thưởng.";

fn audit(action: &str) -> AuditEntry {
    AuditEntry::new(None, "dangbo demo", action).after(serde_json::json!({ "demo": true }))
}

fn achievement_of_member(grade: Grade) -> String {
    let base = "Gương mẫu học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; hoàn thành tốt các việc làm cụ thể đã cam kết đầu năm.";
    match grade {
        Grade::Excellent => format!("{base} Xếp loại hoàn thành xuất sắc nhiệm vụ năm 2020."),
        _ => base.to_string(),
    }
}

const ACHIEVEMENT_OF_UNIT: &str = "Tổ chức học tập chuyên đề năm 2020 đầy đủ; 100% đảng viên xây dựng bản cam kết; có mô hình, cách làm hiệu quả được nhân rộng.";

/// Takes a new proposal (at version 1) as far as `stop`: submitted on
/// `on`, or settled with every nominee approved. Its version after.
async fn advance(
    store: &DynStore,
    id: i64,
    on: NaiveDate,
    stop: ProposalState,
) -> Result<i64, StoreError> {
    let submit = ProposalChange::Submit { on };
    let mut version = store
        .proposal_step(id, 1, &submit, &audit("proposal.submit"), &[])
        .await?
        .version;
    if stop == ProposalState::Submitted {
        return Ok(version);
    }
    for n in store.nominees(id).await? {
        let mark = ProposalChange::Mark {
            nominee_id: n.id,
            outcome: Outcome::Approved,
            reason: String::new(),
        };
        version = store
            .proposal_step(id, version, &mark, &audit("proposal.mark"), &[])
            .await?
            .version;
    }
    let settle = ProposalChange::Settle {
        state: ProposalState::Approved,
        forward: None,
    };
    Ok(store
        .proposal_step(id, version, &settle, &audit("proposal.settle"), &[])
        .await?
        .version)
}

/// One 2020 proposal through to its decision: created by `unit` for
/// itself, submitted, every nominee approved, settled, decided on `day`.
/// The decision's id (`dangbo bench` makes a large one this way).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn decide(
    store: &DynStore,
    unit: i64,
    kind: UnitKind,
    occasion: Occasion,
    nominees: Vec<NewNominee>,
    title: &str,
    day: NaiveDate,
    signer: &str,
) -> Result<Option<i64>, StoreError> {
    let proposal = NewProposal {
        proposer_id: unit,
        awarder_id: Some(unit),
        year: 2020,
        occasion,
        form: Form::Certificate,
        title: title.into(),
        cover: COVER.into(),
        minutes: MINUTES.into(),
        nominees,
        created_by: None,
    };
    let id = store
        .create_proposal(&proposal, &audit("proposal.create"))
        .await?;
    let version = advance(
        store,
        id,
        day - chrono::Days::new(7),
        ProposalState::Approved,
    )
    .await?;
    let issuer = app::domain::commendation::Awarder::Unit(kind);
    let decision = NewDecision {
        issuer_id: Some(unit),
        number_pattern: format!("{{}}-QĐ/{}", decision::issuer_symbol(issuer)),
        term_start: decision::term_start(day),
        number: None,
        decided_on: day,
        signer_name: signer.into(),
        signer_position: SignerPosition::Secretary,
        created_by: None,
    };
    let done = store
        .proposal_step(
            id,
            version,
            &ProposalChange::Decide(decision),
            &audit("proposal.decide"),
            &[],
        )
        .await?;
    Ok(done.decision.map(|d| d.id))
}

/// `total` shared out over `weights` in proportion, largest remainders
/// first, each share at most its weight.
fn shares(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<usize> = weights.iter().map(|w| (total * w / sum).min(*w)).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(total * weights[i] % sum), i));
    let mut left = total.saturating_sub(out.iter().sum());
    while left > 0 {
        let before = left;
        for &i in &order {
            if left > 0 && out[i] < weights[i] {
                out[i] += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    out
}

/// Makes the 2020 commendations of the demo organisation `data` in `store`.
/// `models`: by grassroots organisation, a good model its commendation cites.
pub async fn load(
    store: &DynStore,
    data: &Dataset,
    models: &HashMap<i64, i64>,
) -> Result<(), StoreError> {
    let grade_of: HashMap<i64, Grade> = data
        .commitments
        .iter()
        .filter(|c| c.year == 2020)
        .filter_map(|c| c.decided.as_ref().map(|(a, _)| (c.member_id, a.grade)))
        .collect();
    let unit_grade: HashMap<i64, Grade> = data
        .unit_grades
        .iter()
        .filter(|g| g.year == 2020)
        .map(|g| (g.unit_id, g.grade))
        .collect();
    let rank = |g: Option<&Grade>| g.map_or(9, |g| *g as u8);
    let current = |kind: UnitKind| {
        data.units
            .iter()
            .filter(move |u| u.kind == kind && u.valid_to.is_none())
    };
    let bloc = current(UnitKind::Bloc).next().expect("the bloc").id;
    let parent: HashMap<i64, i64> = data
        .units
        .iter()
        .filter(|u| u.valid_to.is_none())
        .filter_map(|u| u.parent_id.map(|p| (u.id, p)))
        .collect();
    let org_of = |mut unit: i64| {
        while let Some(&p) = parent.get(&unit) {
            if p == bloc {
                return Some(unit);
            }
            unit = p;
        }
        None
    };
    // Active members by grassroots organisation, best graded first.
    let mut members_of: HashMap<i64, Vec<(u8, i64)>> = HashMap::new();
    for m in data
        .members
        .iter()
        .filter(|m| matches!(m.status, MemberStatus::Full | MemberStatus::Probationary))
    {
        if let Some(org) = org_of(m.cell_id) {
            members_of
                .entry(org)
                .or_default()
                .push((rank(grade_of.get(&m.id)), m.id));
        }
    }
    for list in members_of.values_mut() {
        list.sort_unstable();
    }
    // Each unit's secretary, who signs its decisions (and is not on them).
    let secretary_of: HashMap<i64, i64> = data
        .positions
        .iter()
        .filter(|p| p.role == PositionRole::Secretary && p.valid_to.is_none())
        .map(|p| (p.unit_id, p.member_id))
        .collect();
    let secretary: HashMap<i64, &str> = secretary_of
        .iter()
        .filter_map(|(unit, member)| {
            let name = data.members.get(*member as usize - 1)?.full_name.as_str();
            Some((*unit, name))
        })
        .collect();
    for (org, list) in members_of.iter_mut() {
        let signers = [secretary_of.get(org), secretary_of.get(&bloc)];
        list.retain(|(_, id)| !signers.contains(&Some(id)));
    }

    // The grassroots committees: their best cells and members.
    let committees: Vec<i64> = current(UnitKind::GrassrootsCommittee)
        .map(|u| u.id)
        .collect();
    let cells_of = |org: i64| {
        let mut cells: Vec<(u8, i64)> = data
            .units
            .iter()
            .filter(|u| u.valid_to.is_none() && u.parent_id == Some(org))
            .map(|u| (rank(unit_grade.get(&u.id)), u.id))
            .collect();
        cells.sort_unstable();
        cells
    };
    let cell_counts: Vec<usize> = committees.iter().map(|c| cells_of(*c).len()).collect();
    let member_counts: Vec<usize> = committees
        .iter()
        .map(|c| members_of.get(c).map_or(0, Vec::len))
        .collect();
    let collectives = shares(COMMITTEES_COLLECTIVES, &cell_counts);
    let individuals = shares(COMMITTEES_INDIVIDUALS, &member_counts);
    let mut commended: std::collections::HashSet<i64> = Default::default();
    for (i, &org) in committees.iter().enumerate() {
        let mut nominees: Vec<NewNominee> = cells_of(org)
            .into_iter()
            .take(collectives[i])
            .map(|(_, id)| NewNominee {
                subject: Subject::Unit(id),
                achievements: ACHIEVEMENT_OF_UNIT.into(),
                good_model_id: None,
            })
            .collect();
        for &(grade, id) in members_of
            .get(&org)
            .into_iter()
            .flatten()
            .take(individuals[i])
        {
            commended.insert(id);
            let grade = Grade::ALL
                .get(grade as usize)
                .copied()
                .unwrap_or(Grade::Good);
            nominees.push(NewNominee {
                subject: Subject::Member(id),
                achievements: achievement_of_member(grade),
                good_model_id: None,
            });
        }
        if nominees.is_empty() {
            continue;
        }
        let day = NaiveDate::from_ymd_opt(2021, 1, 8 + (i % 20) as u32).expect("a January day");
        let signer = secretary.get(&org).copied().unwrap_or("Bí thư Đảng ủy");
        decide(
            store,
            org,
            UnitKind::GrassrootsCommittee,
            Occasion::Thematic,
            nominees,
            TITLE,
            day,
            signer,
        )
        .await?;
    }

    // The bloc: its best grassroots organisations, and members not already
    // commended (mostly of grassroots cells, which have no committee).
    let mut orgs: Vec<(u8, i64)> = data
        .units
        .iter()
        .filter(|u| u.valid_to.is_none() && u.parent_id == Some(bloc))
        .map(|u| (rank(unit_grade.get(&u.id)), u.id))
        .collect();
    orgs.sort_unstable();
    let collectives: Vec<NewNominee> = orgs
        .iter()
        .take(BLOC_COLLECTIVES)
        .map(|(_, id)| NewNominee {
            subject: Subject::Unit(*id),
            achievements: ACHIEVEMENT_OF_UNIT.into(),
            good_model_id: models.get(id).copied(),
        })
        .collect();
    let mut people: Vec<(u8, i64)> = members_of
        .values()
        .flatten()
        .copied()
        .filter(|(_, id)| !commended.contains(id))
        .collect();
    people.sort_unstable();
    let individuals: Vec<NewNominee> = people
        .iter()
        .take(BLOC_INDIVIDUALS)
        .map(|&(grade, id)| NewNominee {
            subject: Subject::Member(id),
            achievements: achievement_of_member(
                Grade::ALL
                    .get(grade as usize)
                    .copied()
                    .unwrap_or(Grade::Good),
            ),
            good_model_id: None,
        })
        .collect();
    let signer = secretary
        .get(&bloc)
        .copied()
        .unwrap_or("Bí thư Đảng ủy Khối");
    let day = NaiveDate::from_ymd_opt(2021, 2, 3).expect("a date");
    decide(
        store,
        bloc,
        UnitKind::Bloc,
        Occasion::Thematic,
        collectives,
        "Khen thưởng tập thể tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020",
        day,
        signer,
    )
    .await?;
    decide(
        store,
        bloc,
        UnitKind::Bloc,
        Occasion::Thematic,
        individuals,
        "Khen thưởng cá nhân tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020",
        day,
        signer,
    )
    .await?;
    in_progress_2021(store, data, &secretary_of).await
}

const COVID_ACHIEVEMENT: &str = "Tích cực tham gia phòng, chống dịch COVID-19 tại cơ quan và địa phương: trực chốt, tuyên truyền, vận động quyên góp ủng hộ Quỹ phòng, chống dịch.";

/// A 2021 ad hoc proposal (COVID-19 prevention) from `proposer` to
/// `awarder`, taken as far as `stop`: a draft, submitted, or settled with
/// every nominee approved.
async fn proposal_2021(
    store: &DynStore,
    proposer: i64,
    awarder: Option<i64>,
    form: Form,
    subjects: Vec<Subject>,
    title: &str,
    stop: ProposalState,
) -> Result<(), StoreError> {
    let nominees = subjects
        .into_iter()
        .map(|subject| NewNominee {
            subject,
            achievements: COVID_ACHIEVEMENT.into(),
            good_model_id: None,
        })
        .collect();
    let proposal = NewProposal {
        proposer_id: proposer,
        awarder_id: awarder,
        year: 2021,
        occasion: Occasion::AdHoc,
        form,
        title: title.into(),
        cover: "Kính trình cấp ủy xem xét, khen thưởng các trường hợp có thành tích đột xuất trong phòng, chống dịch COVID-19.".into(),
        minutes: MINUTES.into(),
        nominees,
        created_by: None,
    };
    let id = store
        .create_proposal(&proposal, &audit("proposal.create"))
        .await?;
    if stop != ProposalState::Draft {
        let on = NaiveDate::from_ymd_opt(2021, 3, 10).expect("a date");
        advance(store, id, on, stop).await?;
    }
    Ok(())
}

/// 2021 on the demo's working date: proposals waiting at each step, one
/// for each demo login to act on — the demo cell's draft (its secretary),
/// a sister cell's proposal submitted to the committee (the committee's
/// secretary), the committee's own submitted to the bloc, and the bloc's
/// to the province, settled and waiting for the province's decision to be
/// recorded (the bloc's standing committee).
async fn in_progress_2021(
    store: &DynStore,
    data: &Dataset,
    secretary_of: &HashMap<i64, i64>,
) -> Result<(), StoreError> {
    use super::DEMO_CELL_SECRETARY_CARD;
    let Some(cell) = data
        .members
        .iter()
        .find(|m| m.card_number == DEMO_CELL_SECRETARY_CARD)
        .map(|m| m.cell_id)
    else {
        return Ok(());
    };
    let unit = |id: i64| {
        data.units
            .iter()
            .find(|u| u.id == id && u.valid_to.is_none())
    };
    let Some(committee) = unit(cell).and_then(|c| c.parent_id) else {
        return Ok(());
    };
    let Some(bloc) = unit(committee).and_then(|c| c.parent_id) else {
        return Ok(());
    };
    let leaders: std::collections::HashSet<i64> = secretary_of.values().copied().collect();
    // Two active members of a cell who sign nothing.
    let members_of = |cell: i64, skip: usize| -> Vec<Subject> {
        data.members
            .iter()
            .filter(|m| m.cell_id == cell && !leaders.contains(&m.id))
            .filter(|m| matches!(m.status, MemberStatus::Full | MemberStatus::Probationary))
            .skip(skip)
            .take(2)
            .map(|m| Subject::Member(m.id))
            .collect()
    };
    let sister = data
        .units
        .iter()
        .find(|u| u.valid_to.is_none() && u.parent_id == Some(committee) && u.id != cell)
        .map(|u| u.id);
    // The demo cell praises two of its own: a draft to finish and submit.
    // (Members further down the list than the browser tests pick.)
    proposal_2021(
        store,
        cell,
        Some(cell),
        Form::Praise,
        members_of(cell, 6),
        "Biểu dương đảng viên tham gia phòng, chống dịch COVID-19",
        ProposalState::Draft,
    )
    .await?;
    if let Some(sister) = sister {
        proposal_2021(
            store,
            sister,
            Some(committee),
            Form::Certificate,
            members_of(sister, 0),
            "Đề nghị tặng Giấy khen đột xuất trong phòng, chống dịch COVID-19",
            ProposalState::Submitted,
        )
        .await?;
    }
    let mut up = vec![Subject::Unit(cell)];
    up.extend(members_of(cell, 8));
    proposal_2021(
        store,
        committee,
        Some(bloc),
        Form::Certificate,
        up,
        "Đề nghị Đảng ủy Khối tặng Giấy khen thành tích phòng, chống dịch COVID-19",
        ProposalState::Submitted,
    )
    .await?;
    proposal_2021(
        store,
        bloc,
        None,
        Form::ProvincialCertificate,
        vec![Subject::Unit(committee)],
        "Đề nghị Tỉnh ủy tặng Bằng khen thành tích phòng, chống dịch COVID-19",
        ProposalState::Approved,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn shares_add_up_and_stay_within_their_weights() {
        // More asked for than there is: every weight filled, no more.
        let s = shares(51, &[5, 16, 3, 1, 0, 7]);
        assert_eq!(s, vec![5, 16, 3, 1, 0, 7]);
        let s = shares(10, &[5, 16, 3, 1, 0, 7]);
        assert_eq!(s.iter().sum::<usize>(), 10);
        assert!(s.iter().zip([5, 16, 3, 1, 0, 7]).all(|(a, w)| *a <= w));
        assert_eq!(shares(0, &[1, 2]), vec![0, 0]);
    }
}
