//! The demo's good models: the 84 that the committees registered under the
//! 2020 theme (the seed's figure), shared out over the grassroots
//! organisations and recognised by the bloc in December 2020; and in 2021,
//! on the working date, a few waiting for recognition — the demo cell's
//! (for its committee's secretary) and its committee's (for the bloc).

use app::domain::UnitKind;
use app::domain::good_model::{Checked, ModelField};
use app::store::model::{AuditEntry, Dataset};
use app::store::{DynStore, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Good models registered in 2020 (the seed).
pub const MODELS_2020: usize = 84;

/// Titles by area; a unit's name is added after them.
const TITLES: [(ModelField, &str); 12] = [
    (
        ModelField::Ideology,
        "Mỗi tháng một tấm gương làm theo lời Bác",
    ),
    (
        ModelField::Ideology,
        "Sinh hoạt chuyên đề học tập và làm theo Bác gắn với nhiệm vụ chuyên môn",
    ),
    (
        ModelField::PartyBuilding,
        "Sổ tay đảng viên: theo dõi việc thực hiện bản cam kết",
    ),
    (
        ModelField::PartyBuilding,
        "Chi bộ sinh hoạt chuyên đề theo hướng dẫn mới",
    ),
    (
        ModelField::AdministrativeReform,
        "Một cửa điện tử: hồ sơ trả đúng hẹn",
    ),
    (ModelField::AdministrativeReform, "Văn phòng không giấy tờ"),
    (
        ModelField::Economy,
        "Tiết kiệm chi thường xuyên, tăng thu nhập cho người lao động",
    ),
    (
        ModelField::Economy,
        "Cải tiến quy trình, nâng năng suất lao động",
    ),
    (
        ModelField::Social,
        "Đảng viên đỡ đầu học sinh nghèo vượt khó",
    ),
    (ModelField::Social, "Tủ sách pháp luật tại cơ quan"),
    (
        ModelField::MassMobilisation,
        "Dân vận khéo trong thực hiện nhiệm vụ chuyên môn",
    ),
    (
        ModelField::MassMobilisation,
        "Đảng viên gần dân, hiểu dân, giúp dân",
    ),
];

fn audit(action: &str) -> AuditEntry {
    AuditEntry::new(None, "demo", action).after(serde_json::json!({ "demo": true }))
}

fn model(k: usize, unit: &str, year: i32) -> Checked {
    let (field, title) = TITLES[k % TITLES.len()];
    Checked {
        title: format!("{title} ({unit})"),
        field,
        description: format!(
            "{title}: cấp ủy chỉ đạo, các chi bộ triển khai trong toàn đơn vị, \
             gắn với việc thực hiện chuyên đề năm {year}."
        ),
        run_by: "Cấp ủy và các chi bộ trực thuộc".into(),
        // Running since the year before the one it is registered for.
        since: NaiveDate::from_ymd_opt(year - 1, 1 + (k % 12) as u32, 1 + (k % 27) as u32),
        results: "Được cán bộ, đảng viên hưởng ứng; kết quả được đánh giá trong hội nghị sơ kết, \
                  tổng kết của đơn vị."
            .into(),
    }
}

/// Registers the models; returns, by grassroots organisation, the first
/// model of 2020 (which the bloc's commendation of it cites).
pub async fn load(store: &DynStore, data: &Dataset) -> Result<HashMap<i64, i64>, StoreError> {
    let Some(bloc) = data
        .units
        .iter()
        .find(|u| u.kind == UnitKind::Bloc && u.valid_to.is_none())
    else {
        return Ok(HashMap::new());
    };
    // The organisations best graded in 2020 first, as the bloc commends
    // them: each commended one has a model to cite.
    let grade: HashMap<i64, u8> = data
        .unit_grades
        .iter()
        .filter(|g| g.year == 2020)
        .map(|g| (g.unit_id, g.grade as u8))
        .collect();
    let mut orgs: Vec<_> = data
        .units
        .iter()
        .filter(|u| u.valid_to.is_none() && u.parent_id == Some(bloc.id))
        .collect();
    orgs.sort_by_key(|u| (grade.get(&u.id).copied().unwrap_or(9), u.id));
    let mut first = HashMap::new();
    if orgs.is_empty() {
        return Ok(first);
    }
    for k in 0..MODELS_2020 {
        let org = orgs[k % orgs.len()];
        let id = store
            .create_good_model(
                org.id,
                2020,
                &model(k, &org.name, 2020),
                &audit("good_model.create"),
            )
            .await?;
        let on = NaiveDate::from_ymd_opt(2020, 12, 10 + (k % 15) as u32).unwrap_or_default();
        store
            .recognise_good_model(id, 1, Some((bloc.id, on)), &audit("good_model.recognise"))
            .await?;
        first.entry(org.id).or_insert(id);
    }
    // 2021: waiting for recognition at two levels.
    let cell = data
        .members
        .iter()
        .find(|m| m.card_number == super::DEMO_CELL_SECRETARY_CARD)
        .and_then(|m| data.units.iter().find(|u| u.id == m.cell_id));
    if let Some(cell) = cell {
        store
            .create_good_model(
                cell.id,
                2021,
                &model(10, &cell.name, 2021),
                &audit("good_model.create"),
            )
            .await?;
        if let Some(committee) = cell
            .parent_id
            .and_then(|p| data.units.iter().find(|u| u.id == p))
            .filter(|c| c.parent_id == Some(bloc.id))
        {
            store
                .create_good_model(
                    committee.id,
                    2021,
                    &model(4, &committee.name, 2021),
                    &audit("good_model.create"),
                )
                .await?;
        }
    }
    Ok(first)
}
