//! The demo's resolution targets of the bloc. 2020: the ten targets of the
//! resolution the seed reports as all met or exceeded, among them the
//! admissions, 132 against 95 (+38,9 %); five are counted by the app from
//! the demo's data, five were reported with a note and evidence. 2021, on
//! the working date in March: the year's targets in progress.

use app::domain::UnitKind;
use app::domain::targets::{Checked, Direction, Indicator};
use app::store::model::{AuditEntry, Dataset};
use app::store::{DynStore, StoreError};

/// The 2020 resolution's admissions target (the seed: 132 against 95).
pub const ADMISSIONS_TARGET_2020: i64 = 95;
/// Targets of the 2020 resolution (the seed: ten, all met or exceeded).
pub const TARGETS_2020: usize = 10;

fn audit() -> AuditEntry {
    AuditEntry::new(None, "demo", "target.create").after(serde_json::json!({ "demo": true }))
}

/// A target the app counts, `target` in whole units (or whole percent).
fn counted(indicator: Indicator, target: i64) -> Checked {
    Checked {
        indicator,
        title: String::new(),
        measure: String::new(),
        direction: Direction::AtLeast,
        target: target * 10,
        actual: None,
        note: String::new(),
        evidence: String::new(),
    }
}

/// A target reported by hand, values in tenths.
fn entered(
    title: &str,
    measure: &str,
    direction: Direction,
    target: i64,
    actual: Option<i64>,
    note: &str,
    evidence: &str,
) -> Checked {
    Checked {
        indicator: Indicator::Other,
        title: title.into(),
        measure: measure.into(),
        direction,
        target,
        actual,
        note: note.into(),
        evidence: evidence.into(),
    }
}

fn resolution_2020() -> Vec<Checked> {
    use Direction::*;
    vec![
        counted(Indicator::Admissions, ADMISSIONS_TARGET_2020),
        counted(Indicator::CommitmentsFiled, 100),
        counted(Indicator::MembersGoodOrBetter, 90),
        counted(Indicator::OrganisationsGoodOrBetter, 85),
        counted(Indicator::GoodModels, 80),
        entered(
            "Cán bộ, đảng viên học tập, quán triệt các nghị quyết, chỉ thị của Đảng",
            "%",
            AtLeast,
            1000,
            Some(1000),
            "Tất cả tổ chức cơ sở đảng tổ chức học tập theo kế hoạch.",
            "Báo cáo số 112-BC/ĐUK ngày 15/12/2020",
        ),
        entered(
            "Quần chúng ưu tú được bồi dưỡng nhận thức về Đảng",
            "người",
            AtLeast,
            1500,
            Some(1780),
            "Bốn lớp, phối hợp với Trung tâm Chính trị tỉnh.",
            "Báo cáo số 112-BC/ĐUK ngày 15/12/2020",
        ),
        entered(
            "Cuộc kiểm tra, giám sát tổ chức đảng và đảng viên",
            "cuộc",
            AtLeast,
            300,
            Some(360),
            "",
            "Báo cáo số 108-BC/UBKTĐUK ngày 10/12/2020",
        ),
        entered(
            "Tổ chức cơ sở đảng sinh hoạt chuyên đề ít nhất mỗi quý một lần",
            "%",
            AtLeast,
            1000,
            Some(1000),
            "",
            "Báo cáo số 112-BC/ĐUK ngày 15/12/2020",
        ),
        entered(
            "Đảng viên bị xử lý kỷ luật",
            "đảng viên",
            AtMost,
            50,
            Some(20),
            "Hai đảng viên bị khiển trách.",
            "Báo cáo số 108-BC/UBKTĐUK ngày 10/12/2020",
        ),
    ]
}

fn resolution_2021() -> Vec<Checked> {
    use Direction::*;
    vec![
        counted(Indicator::Admissions, 100),
        counted(Indicator::CommitmentsFiled, 100),
        counted(Indicator::MembersGoodOrBetter, 90),
        counted(Indicator::OrganisationsGoodOrBetter, 85),
        counted(Indicator::GoodModels, 90),
        entered(
            "Quần chúng ưu tú được bồi dưỡng nhận thức về Đảng",
            "người",
            AtLeast,
            1600,
            Some(350),
            "Lớp thứ nhất, tháng 3/2021.",
            "Thông báo số 21-TB/ĐUK ngày 05/3/2021",
        ),
        entered(
            "Cuộc kiểm tra, giám sát tổ chức đảng và đảng viên",
            "cuộc",
            AtLeast,
            320,
            None,
            "",
            "",
        ),
    ]
}

/// Sets up the bloc's resolutions of 2020 and 2021.
pub async fn load(store: &DynStore, data: &Dataset) -> Result<(), StoreError> {
    let Some(bloc) = data
        .units
        .iter()
        .find(|u| u.kind == UnitKind::Bloc && u.valid_to.is_none())
    else {
        return Ok(());
    };
    for (year, list) in [(2020, resolution_2020()), (2021, resolution_2021())] {
        for spec in &list {
            store.create_target(bloc.id, year, spec, &audit()).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2020_resolution_has_the_seeds_ten_targets_each_checked() {
        let list = resolution_2020();
        assert_eq!(list.len(), TARGETS_2020);
        for spec in list.iter().chain(&resolution_2021()) {
            let d = app::domain::targets::Draft {
                indicator: spec.indicator.as_str().into(),
                title: spec.title.clone(),
                measure: spec.measure.clone(),
                direction: spec.direction.as_str().into(),
                target: format!("{},{}", spec.target / 10, spec.target % 10),
                actual: spec
                    .actual
                    .map(|a| format!("{},{}", a / 10, a % 10))
                    .unwrap_or_default(),
                note: spec.note.clone(),
                evidence: spec.evidence.clone(),
            };
            assert_eq!(app::domain::targets::check(&d).as_ref(), Ok(spec));
        }
    }
}
