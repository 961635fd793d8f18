//! The demo's Steering Committee 35 and its helpers, as the seed counts
//! them: the bloc's Ban Chỉ đạo 35 of 6, its secretariat of 3, 18
//! collaborators and a collaborators' group of 154; and 678 collaborators
//! at grassroots level, shared out over the 98 grassroots organisations by
//! their size. Everyone is a member of the app, drawn from the units the
//! body belongs to (the bloc's own people from its office cell).

use app::domain::UnitKind;
use app::domain::body::{BodyKind, BodyRole};
use app::store::bodies::NewBodyPerson;
use app::store::model::{AuditEntry, Dataset, NewMember};
use app::store::{DynStore, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;

pub const STEERING_COMMITTEE: usize = 6;
pub const SECRETARIAT: usize = 3;
pub const COLLABORATORS: usize = 18;
pub const COLLABORATOR_GROUP: usize = 154;
pub const GRASSROOTS_COLLABORATORS: usize = 678;

/// Set up after the merger (24/02/2020).
const SINCE: NaiveDate = super::date(2020, 3, 10);

fn audit(action: &str) -> AuditEntry {
    AuditEntry::new(None, "demo", action).after(serde_json::json!({ "demo": true }))
}

fn person(m: &NewMember, role: BodyRole) -> NewBodyPerson {
    NewBodyPerson {
        member_id: Some(m.id),
        full_name: m.full_name.clone(),
        workplace: m.workplace.clone(),
        role,
        from: SINCE,
    }
}

async fn body(
    store: &DynStore,
    unit_id: i64,
    kind: BodyKind,
    name: &str,
    people: &[NewBodyPerson],
) -> Result<(), StoreError> {
    let id = store
        .create_body(unit_id, kind, name, SINCE, &audit("body.create"))
        .await?;
    store
        .add_body_people(id, 1, people, &audit("body.add"))
        .await?;
    Ok(())
}

/// `total` shared out by `weights`, each share at most its weight (largest
/// remainders first).
fn share_out(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse((total * weights[i]) % sum), i));
    let mut left = total.saturating_sub(out.iter().sum());
    for i in order.into_iter().cycle().take(weights.len() * 2) {
        if left == 0 {
            break;
        }
        if out[i] < weights[i] {
            out[i] += 1;
            left -= 1;
        }
    }
    out
}

pub async fn load(store: &DynStore, data: &Dataset) -> Result<(), StoreError> {
    let Some(bloc) = data
        .units
        .iter()
        .find(|u| u.kind == UnitKind::Bloc && u.valid_to.is_none())
    else {
        return Ok(());
    };
    let parent: HashMap<i64, Option<i64>> =
        data.units.iter().map(|u| (u.id, u.parent_id)).collect();
    // Each cell's grassroots organisation: the unit right below the bloc.
    let org_of = |mut unit: i64| {
        while let Some(Some(p)) = parent.get(&unit) {
            if *p == bloc.id {
                return Some(unit);
            }
            unit = *p;
        }
        None
    };
    let orgs: Vec<_> = data
        .units
        .iter()
        .filter(|u| u.valid_to.is_none() && u.parent_id == Some(bloc.id))
        .collect();
    let mut members_of: HashMap<i64, Vec<&NewMember>> = HashMap::new();
    for m in data.members.iter().filter(|m| m.status.is_active()) {
        if let Some(org) = org_of(m.cell_id) {
            members_of.entry(org).or_default().push(m);
        }
    }
    let office = data
        .units
        .iter()
        .find(|u| u.code == super::OFFICE_CELL_CODE);
    let office_people: Vec<&NewMember> = office
        .and_then(|o| members_of.get(&o.id))
        .cloned()
        .unwrap_or_default();
    if office_people.len() < STEERING_COMMITTEE + SECRETARIAT || orgs.is_empty() {
        return Ok(());
    }
    let roles = [
        BodyRole::Head,
        BodyRole::Deputy,
        BodyRole::Deputy,
        BodyRole::Member,
        BodyRole::Member,
        BodyRole::Member,
    ];
    let committee: Vec<NewBodyPerson> = office_people
        .iter()
        .zip(roles)
        .map(|(m, r)| person(m, r))
        .collect();
    body(
        store,
        bloc.id,
        BodyKind::SteeringCommittee,
        "Ban Chỉ đạo 35 Đảng ủy Khối",
        &committee,
    )
    .await?;
    let secretariat: Vec<NewBodyPerson> = office_people[STEERING_COMMITTEE..]
        .iter()
        .take(SECRETARIAT)
        .map(|m| person(m, BodyRole::Secretary))
        .collect();
    body(
        store,
        bloc.id,
        BodyKind::Secretariat,
        "Tổ thư ký Ban Chỉ đạo 35 Đảng ủy Khối",
        &secretariat,
    )
    .await?;
    // The bloc's collaborators and its wider group: one member of each
    // organisation in turn (the office cell's left to the bodies above).
    let mut pool: Vec<&NewMember> = Vec::new();
    let longest = orgs
        .iter()
        .map(|o| members_of.get(&o.id).map_or(0, Vec::len))
        .max()
        .unwrap_or(0);
    for k in 0..longest {
        for o in orgs.iter().filter(|o| Some(o.id) != office.map(|u| u.id)) {
            if let Some(m) = members_of.get(&o.id).and_then(|ms| ms.get(k)) {
                pool.push(m);
            }
        }
    }
    let collaborators: Vec<NewBodyPerson> = pool
        .iter()
        .take(COLLABORATORS)
        .map(|m| person(m, BodyRole::Collaborator))
        .collect();
    body(
        store,
        bloc.id,
        BodyKind::Collaborators,
        "Cộng tác viên Ban Chỉ đạo 35 Đảng ủy Khối",
        &collaborators,
    )
    .await?;
    let group: Vec<NewBodyPerson> = pool
        .iter()
        .skip(COLLABORATORS)
        .take(COLLABORATOR_GROUP)
        .map(|m| person(m, BodyRole::Collaborator))
        .collect();
    body(
        store,
        bloc.id,
        BodyKind::CollaboratorGroup,
        "Nhóm cộng tác viên dư luận xã hội Đảng ủy Khối",
        &group,
    )
    .await?;
    // Grassroots: each organisation's collaborators, by its size.
    let sizes: Vec<usize> = orgs
        .iter()
        .map(|o| members_of.get(&o.id).map_or(0, Vec::len))
        .collect();
    for (org, n) in orgs.iter().zip(share_out(GRASSROOTS_COLLABORATORS, &sizes)) {
        if n == 0 {
            continue;
        }
        let people: Vec<NewBodyPerson> = members_of[&org.id]
            .iter()
            .rev()
            .take(n)
            .map(|m| person(m, BodyRole::Collaborator))
            .collect();
        let name = format!("Cộng tác viên Ban Chỉ đạo 35 – {}", org.name);
        body(store, org.id, BodyKind::Collaborators, &name, &people).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_fit() {
        let weights = [3, 95, 40, 12, 7];
        let out = share_out(100, &weights);
        assert_eq!(out.iter().sum::<usize>(), 100);
        assert!(out.iter().zip(weights).all(|(n, w)| *n <= w));
        assert_eq!(share_out(0, &[1, 2]), [0, 0]);
    }
}
