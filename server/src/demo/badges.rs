//! The demo's Party badges: the history (every member has the badge of
//! the highest milestone reached by the last award date of 2020, given on
//! the first award date after reaching it), and in 2021 the cases the lists
//! must get right — a member marked seriously ill, listed a year early; one
//! under a warning, left off until its nine months are over; one whose
//! 18 months outside the Party put the 30 years into 2021; one badge
//! reported lost in February, awaiting the province's replacement.

use app::domain::MemberStatus;
use app::domain::badge::{self, BadgeKind, Discipline, Early, Gap, Record};
use app::store::badges::NewBadge;
use app::store::model::{AuditEntry, Dataset, NewMember};
use app::store::{DynStore, StoreError};
use chrono::{Datelike, NaiveDate};

fn audit(action: &str) -> AuditEntry {
    AuditEntry::new(None, "demo", action).after(serde_json::json!({ "demo": true }))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The first member (by id) admitted between `from` and `to` who leads nothing.
fn admitted_between<'a>(
    data: &'a Dataset,
    leaders: &[i64],
    from: NaiveDate,
    to: NaiveDate,
    taken: &[i64],
) -> Option<&'a NewMember> {
    data.members.iter().find(|m| {
        (from..=to).contains(&m.admission_date)
            && matches!(m.status, MemberStatus::Full | MemberStatus::Exempt)
            && !leaders.contains(&m.id)
            && !taken.contains(&m.id)
    })
}

pub async fn load(store: &DynStore, data: &Dataset) -> Result<(), StoreError> {
    let leaders: Vec<i64> = data.positions.iter().map(|p| p.member_id).collect();
    let mut taken = Vec::new();
    let mut gaps: Vec<(i64, Gap)> = Vec::new();
    // Ten months short of 30 years on 2/9/2021: early only when marked.
    if let Some(m) = admitted_between(data, &leaders, day(1992, 6, 1), day(1992, 8, 31), &taken) {
        taken.push(m.id);
        store
            .set_badge_mark(m.id, Some(Early::SeriouslyIll), None, &audit("badge.mark"))
            .await?;
    }
    // 30 years in spring 2021, but warned in January: off until October.
    if let Some(m) = admitted_between(data, &leaders, day(1991, 2, 4), day(1991, 5, 19), &taken) {
        taken.push(m.id);
        store
            .add_discipline(
                m.id,
                day(2021, 1, 15),
                Discipline::Warning,
                "Cảnh cáo",
                &audit("discipline.add"),
            )
            .await?;
    }
    // 30 years in 2020 but for 18 months outside the Party.
    if let Some(m) = admitted_between(data, &leaders, day(1990, 1, 1), day(1990, 6, 30), &taken) {
        taken.push(m.id);
        let gap = Gap {
            from: day(1995, 1, 1),
            to: day(1996, 7, 1),
        };
        store
            .add_membership_gap(
                m.id,
                gap.from,
                gap.to,
                "Mất liên lạc khi chuyển sinh hoạt",
                &audit("membership_gap.add"),
            )
            .await?;
        gaps.push((m.id, gap));
    }

    // The history: the highest milestone reached by 7/11/2020.
    let last = day(2020, 11, 7);
    let mut history = Vec::new();
    for m in data
        .members
        .iter()
        .filter(|m| matches!(m.status, MemberStatus::Full | MemberStatus::Exempt))
    {
        let record = Record {
            admitted: m.admission_date,
            gaps: gaps
                .iter()
                .filter(|(id, _)| *id == m.id)
                .map(|(_, g)| *g)
                .collect(),
            ..Record::default()
        };
        let Some(milestone) = badge::listed_for(&record, last) else {
            continue;
        };
        let given = (m.admission_date.year() + milestone as i32 - 1..=2020)
            .flat_map(badge::award_dates)
            .find(|d| badge::membership_months(record.admitted, &record.gaps, *d) >= milestone * 12)
            .unwrap_or(last);
        history.push(NewBadge {
            member_id: m.id,
            milestone,
            award_date: given,
            decision_number: format!(
                "{}-QĐ/TU",
                100 + given.ordinal() + given.year() as u32 % 100
            ),
            badge_number: format!("HH{milestone}-{:06}", m.id),
            kind: BadgeKind::Award,
            replaces: None,
        });
    }
    store
        .record_badges(&history, &audit("badge.record"))
        .await?;

    // A badge lost in a house move, reported by the cell in February.
    if let Some(holder) = history.iter().find(|b| !taken.contains(&b.member_id)) {
        let lost = store.badges_of(holder.member_id).await?;
        if let Some(b) = lost.last() {
            store
                .report_lost_badge(
                    holder.member_id,
                    b.id,
                    day(2021, 2, 20),
                    "Mất khi chuyển nhà",
                    &audit("badge.lost"),
                )
                .await?;
        }
    }
    Ok(())
}
