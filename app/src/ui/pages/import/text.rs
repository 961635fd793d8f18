//! The import's sentences, from the locale tables.

use crate::domain::import::{ErrorCode, Field, Sheet, names_of};
use crate::domain::numfmt;
use crate::ui::i18n::{Strings, fill};

/// "1 row", "3 rows" (Vietnamese has one form; English two).
pub(super) fn counted(one: &str, many: &str, n: i64, locale: crate::domain::Locale) -> String {
    if n == 1 {
        one.to_string()
    } else {
        fill(many, &[("n", &numfmt::count(n, locale))])
    }
}

/// "2 units and 5 members", leaving out a count of zero.
pub(super) fn units_and_members(
    s: &'static Strings,
    units: i64,
    members: i64,
    locale: crate::domain::Locale,
) -> String {
    let units = (units > 0).then(|| counted(s.import_n_units_one, s.import_n_units, units, locale));
    let members =
        (members > 0).then(|| counted(s.import_n_members_one, s.import_n_members, members, locale));
    match (units, members) {
        (Some(u), Some(m)) => format!("{u}{}{m}", s.import_and),
        (Some(u), None) => u,
        (None, Some(m)) => m,
        (None, None) => counted(s.import_n_rows_one, s.import_n_rows, 0, locale),
    }
}

pub fn sheet_label(s: &'static Strings, sheet: Sheet) -> &'static str {
    match sheet {
        Sheet::Units => s.import_sheet_units,
        Sheet::Members => s.import_sheet_members,
    }
}

pub fn field_label(s: &'static Strings, field: Field) -> &'static str {
    match field {
        Field::UnitCode => s.import_field_unit_code,
        Field::UnitName => s.import_field_unit_name,
        Field::UnitKind => s.import_field_unit_kind,
        Field::ParentCode => s.import_field_parent_code,
        Field::Founded => s.import_field_founded,
        Field::CardNumber => s.import_field_card_number,
        Field::RecordNumber => s.import_field_record_number,
        Field::FullName => s.import_field_full_name,
        Field::Gender => s.import_field_gender,
        Field::BirthDate => s.import_field_birth_date,
        Field::AdmissionDate => s.import_field_admission_date,
        Field::FullMembershipDate => s.import_field_full_membership_date,
        Field::Status => s.import_field_status,
        Field::CellCode => s.import_field_cell_code,
        Field::JobTitle => s.import_field_job_title,
        Field::Workplace => s.import_field_workplace,
        Field::Phone => s.import_field_phone,
        Field::Email => s.import_field_email,
    }
}

/// A problem of a row as a sentence; a value not among the names the app
/// shows is answered with those names (from the same tables as the pages).
pub fn error_message(s: &'static Strings, code: ErrorCode) -> String {
    let listed = match code {
        ErrorCode::BadKind => names_of(Field::UnitKind, s),
        ErrorCode::BadGender => names_of(Field::Gender, s),
        ErrorCode::BadStatus => names_of(Field::Status, s),
        _ => None,
    };
    let text = sentence(s, code);
    match listed {
        Some(names) => fill(text, &[("names", &names.join(", "))]),
        None => text.to_string(),
    }
}

pub(super) fn sentence(s: &'static Strings, code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match code {
        NoData => s.import_err_no_data,
        TooManyRows => s.import_err_too_many_rows,
        MissingColumn => s.import_err_missing_column,
        DuplicateColumn => s.import_err_duplicate_column,
        Required => s.import_err_required,
        BadDate => s.import_err_bad_date,
        FutureDate => s.import_err_future_date,
        BadCardNumber => s.import_err_bad_card_number,
        BadCode => s.import_err_bad_code,
        BadKind => s.import_err_bad_kind,
        BadGender => s.import_err_bad_gender,
        BadStatus => s.import_err_bad_status,
        BadEmail => s.import_err_bad_email,
        BadPhone => s.import_err_bad_phone,
        TooLong => s.import_err_too_long,
        DuplicateInFile => s.import_err_duplicate_in_file,
        ExistsInDatabase => s.import_err_exists_in_database,
        UnknownParent => s.import_err_unknown_parent,
        ParentNotAllowed => s.import_err_parent_not_allowed,
        ParentRowInvalid => s.import_err_parent_row_invalid,
        ParentCycle => s.import_err_parent_cycle,
        UnknownCell => s.import_err_unknown_cell,
        NotACell => s.import_err_not_a_cell,
        CellRowInvalid => s.import_err_cell_row_invalid,
        OutOfScope => s.import_err_out_of_scope,
        TooYoung => s.import_err_too_young,
        FullTooEarly => s.import_err_full_too_early,
        ProbationaryWithFullDate => s.import_err_probationary_with_full_date,
        ProbationExpired => s.import_err_probation_expired,
        FullDateMissing => s.import_err_full_date_missing,
    }
}

/// The sentence for a `?loi=` code the server's form handler redirects with.
pub fn failure_text(s: &'static Strings, code: &str) -> &'static str {
    match code {
        "qua_lon" => s.import_fail_qua_lon,
        "giai_nen" => s.import_fail_giai_nen,
        "khong_co_tep" => s.import_fail_khong_co_tep,
        "khong_doc_duoc" => s.import_fail_khong_doc_duoc,
        "dinh_dang" => s.import_fail_dinh_dang,
        "ma_hoa" => s.import_fail_ma_hoa,
        "tep_rong" => s.import_fail_tep_rong,
        "het_han" => s.import_fail_het_han,
        "con_loi" => s.import_fail_con_loi,
        "da_thay_doi" => s.import_fail_da_thay_doi,
        "khong_co_dong" => s.import_fail_khong_co_dong,
        _ => s.import_fail_thieu,
    }
}
