//! Structural changes (`/thay-doi-co-cau`): choose the operation, fill it in,
//! see its effect (the server runs it and rolls back), then confirm. Each
//! step is a plain form, so it all works without JavaScript; the server
//! decides who may (the bloc's standing committee and administrators).

use crate::api::ApiError;
use crate::api::change::{ChangeResult, ChangeStructure, change_structure};
use crate::domain::structure::{Outcome, Problem};
use crate::domain::{MemberStatus, UnitKind};
use crate::paths;
use crate::ui::components::{ErrorNotice, Field};
use crate::ui::i18n::{Strings, fill, page_title, t};
use crate::ui::labels::{kind_label, status_label};
use crate::ui::resource::page_resource;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Form field (query name) → server function argument.
const FIELDS: [(&str, &str); 10] = [
    ("don-vi", "unit"),
    ("dich", "target"),
    ("cac-don-vi", "units"),
    ("ma", "code"),
    ("ten", "name"),
    ("loai", "kind"),
    ("dang-vien", "member"),
    ("trang-thai", "status"),
    ("ds-dang-vien", "members"),
    ("ngay", "date"),
];

type Label = fn(&'static Strings) -> &'static str;
const OPS: [(&str, Label); 8] = [
    ("merge", |s| s.change_op_merge),
    ("transfer", |s| s.change_op_transfer),
    ("move", |s| s.change_op_move),
    ("create", |s| s.change_op_create),
    ("rename", |s| s.change_op_rename),
    ("split", |s| s.change_op_split),
    ("dissolve", |s| s.change_op_dissolve),
    ("status", |s| s.change_op_status),
];

/// Which fields an operation asks for.
fn fields_of(op: &str) -> &'static [&'static str] {
    match op {
        "create" => &["don-vi", "loai", "ma", "ten"],
        "rename" => &["don-vi", "ten"],
        "move" => &["don-vi", "dich"],
        "merge" => &["cac-don-vi", "dich", "ma", "ten"],
        "split" => &["don-vi", "ma", "ten", "ds-dang-vien"],
        "dissolve" => &["don-vi", "dich"],
        "transfer" => &["dang-vien", "dich"],
        "status" => &["dang-vien", "trang-thai"],
        _ => &[],
    }
}

fn field_label(op: &str, field: &str) -> &'static str {
    let s = t();
    match (op, field) {
        ("create", "don-vi") => s.change_field_parent,
        ("move", "dich") => s.change_field_new_parent,
        ("merge", "dich") => s.change_field_merge_into,
        ("merge", "ma") => s.change_field_new_code,
        ("merge", "ten") => s.change_field_new_name,
        ("split", "ma") => s.change_field_new_code,
        ("split", "ten") => s.change_field_new_name,
        ("dissolve", "dich") => s.change_field_members_to,
        ("transfer", "dich") => s.change_field_cell,
        (_, "don-vi") => s.change_field_unit,
        (_, "cac-don-vi") => s.change_field_units,
        (_, "ma") => s.change_field_code,
        (_, "ten") => s.change_field_name,
        (_, "loai") => s.change_field_kind,
        (_, "dang-vien") => s.change_field_member,
        (_, "trang-thai") => s.change_field_status,
        (_, "ds-dang-vien") => s.change_field_members,
        _ => s.change_field_date,
    }
}

#[component]
pub fn ChangePage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let op = move || get("thao-tac");
    let previewing = move || !get("xem-truoc").is_empty() && !op().is_empty();
    let preview = page_resource(
        move || (previewing(), op(), FIELDS.map(|(q, _)| get(q))),
        |(wanted, op, values)| async move {
            if !wanted {
                return Ok(None);
            }
            let v = |i: usize| Some(values[i].clone()).filter(|s| !s.is_empty());
            change_structure(
                op,
                values[9].clone(),
                v(0),
                v(1),
                v(2),
                v(3),
                v(4),
                v(5),
                v(6),
                v(7),
                v(8),
                None,
            )
            .await
            .map(Some)
        },
    );
    // A confirmation refused after the preview comes back in the URL.
    let refused = move || {
        query
            .with(|q| q.get("__err"))
            .map(|e| leptos::server_fn::error::ServerFnUrlError::<ApiError>::decode_err(&e))
    };
    view! {
        <Title text=page_title(|s| s.change_title.into())/>
        <header class="page-header">
            <h1>{move || t().change_title}</h1>
            <p class="subtitle">{move || t().change_intro}</p>
        </header>
        {move || refused().map(|e| view! { <ErrorNotice error=e/> })}
        <form class="form change-form" method="get" action=paths::CHANGE>
            <Field label=Signal::derive(move || t().change_op.to_string())>
                <select name="thao-tac">
                    <option value="" selected=move || op().is_empty()>{move || t().change_choose}</option>
                    {OPS
                        .into_iter()
                        .map(|(code, label)| view! {
                            <option value=code selected=move || op() == code>{move || label(t())}</option>
                        })
                        .collect_view()}
                </select>
            </Field>
            {move || {
                let op = op();
                fields_of(&op)
                    .iter()
                    .map(|field| {
                        let field = *field;
                        let op = op.clone();
                        let value = get(field);
                        let control = match field {
                            "loai" => view! {
                                <select name=field>
                                    {UnitKind::ALL
                                        .into_iter()
                                        .filter(|k| *k != UnitKind::Bloc)
                                        .map(|k| view! {
                                            <option value=k.as_str() selected=value == k.as_str()>{move || kind_label(k)}</option>
                                        })
                                        .collect_view()}
                                </select>
                            }
                            .into_any(),
                            "trang-thai" => view! {
                                <select name=field>
                                    {[
                                        MemberStatus::Full,
                                        MemberStatus::Exempt,
                                        MemberStatus::TransferredOut,
                                        MemberStatus::Deceased,
                                        MemberStatus::Removed,
                                    ]
                                        .into_iter()
                                        .map(|s| view! {
                                            <option value=s.as_str() selected=value == s.as_str()>{move || status_label(s)}</option>
                                        })
                                        .collect_view()}
                                </select>
                            }
                            .into_any(),
                            _ => view! { <input type="text" name=field value=value autocomplete="off"/> }.into_any(),
                        };
                        view! {
                            <Field label=Signal::derive(move || field_label(&op, field).to_string())>{control}</Field>
                        }
                    })
                    .collect_view()
            }}
            {move || (!op().is_empty()).then(|| view! {
                <Field label=Signal::derive(move || t().change_field_date.to_string())>
                    <input type="date" name="ngay" value=get("ngay") required/>
                </Field>
                <input type="hidden" name="xem-truoc" value="1"/>
            })}
            <button type="submit" class="button">
                {move || if op().is_empty() { t().change_next } else { t().change_preview }}
            </button>
            {move || (op() == "merge").then(|| view! { <p class="muted">{move || t().change_merge_hint}</p> })}
        </form>
        <Suspense fallback=move || view! { <p class="loading">{move || t().home_loading}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(Some(result)) => view! { <Preview result/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Preview(result: ChangeResult) -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let Some(outcome) = result.outcome else {
        return view! {
            <section class="notice notice-error change-problems" role="alert">
                <p><strong>{move || t().change_problems}</strong></p>
                <ul>
                    {result.problems.into_iter().map(|p| view! { <li>{move || problem_text(&p)}</li> }).collect_view()}
                </ul>
            </section>
        }
        .into_any();
    };
    let action = ServerAction::<ChangeStructure>::new();
    view! {
        <section class="preview" data-testid="change-preview">
            <h2>{move || t().change_effect}</h2>
            <EffectList outcome/>
            <ActionForm action>
                <input type="hidden" name="op" value=get("thao-tac")/>
                {FIELDS
                    .into_iter()
                    .map(|(q, arg)| view! { <input type="hidden" name=arg value=get(q)/> })
                    .collect_view()}
                <input type="hidden" name="confirm" value="1"/>
                <p>{move || t().change_confirm_text}</p>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || t().change_confirm}
                </button>
            </ActionForm>
            {move || action.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        </section>
    }
    .into_any()
}

#[component]
fn EffectList(outcome: Outcome) -> impl IntoView {
    let locale = crate::ui::i18n::use_locale().get_untracked();
    let n = |v: i64| crate::domain::numfmt::count(v, locale);
    let mut lines: Vec<String> = Vec::new();
    let s = t();
    if !outcome.units_created.is_empty() {
        lines.push(fill(
            s.change_effect_created,
            &[("units", &outcome.units_created.join(", "))],
        ));
    }
    if !outcome.units_closed.is_empty() {
        lines.push(fill(
            s.change_effect_closed,
            &[("units", &outcome.units_closed.join(", "))],
        ));
    }
    if outcome.units_moved > 0 {
        lines.push(fill(
            s.change_effect_moved,
            &[("n", &n(outcome.units_moved))],
        ));
    }
    if outcome.members_moved > 0 {
        lines.push(fill(
            s.change_effect_members,
            &[("n", &n(outcome.members_moved))],
        ));
    }
    if outcome.positions_ended > 0 {
        lines.push(fill(
            s.change_effect_positions,
            &[("n", &n(outcome.positions_ended))],
        ));
    }
    lines.push(fill(
        s.change_effect_total,
        &[
            ("before", &n(outcome.members_before)),
            ("after", &n(outcome.members_after)),
        ],
    ));
    view! { <ul class="effects">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
}

/// A rule's refusal as a sentence.
fn problem_text(p: &Problem) -> String {
    let s = t();
    match p {
        Problem::UnknownUnit(c) => fill(s.change_p_unknown_unit, &[("code", c)]),
        Problem::UnknownMember(id) => fill(s.change_p_unknown_member, &[("id", &id.to_string())]),
        Problem::ClosedUnit(c) => fill(s.change_p_closed_unit, &[("code", c)]),
        Problem::CodeTaken(c) => fill(s.change_p_code_taken, &[("code", c)]),
        Problem::BadCode => s.change_p_bad_code.into(),
        Problem::BadName => s.change_p_bad_name.into(),
        Problem::FutureDate => s.change_p_future_date.into(),
        Problem::DateBeforeUnit(c) => fill(s.change_p_date_before, &[("code", c)]),
        Problem::KindNotAllowed { parent, child } => fill(
            s.change_p_kind,
            &[
                ("parent", kind_label(*parent)),
                ("child", kind_label(*child)),
            ],
        ),
        Problem::Cycle(c) => fill(s.change_p_cycle, &[("code", c)]),
        Problem::SameUnit(c) => fill(s.change_p_same_unit, &[("code", c)]),
        Problem::RootUnit => s.change_p_root.into(),
        Problem::NeedsTwoUnits => s.change_p_two_units.into(),
        Problem::MembersNeedCell(c) => fill(s.change_p_needs_cell, &[("code", c)]),
        Problem::HasChildren(c) => fill(s.change_p_has_children, &[("code", c)]),
        Problem::HasMembers(c) => fill(s.change_p_has_members, &[("code", c)]),
        Problem::NotAMemberOf { member_id, unit } => fill(
            s.change_p_not_member,
            &[("id", &member_id.to_string()), ("code", unit)],
        ),
        Problem::MemberEnded(id) => fill(s.change_p_member_ended, &[("id", &id.to_string())]),
        Problem::StatusUnchanged => s.change_p_status_same.into(),
        Problem::StatusNotAllowed { from, to } => fill(
            s.change_p_status,
            &[("from", status_label(*from)), ("to", status_label(*to))],
        ),
        Problem::NothingToDo => s.change_p_nothing.into(),
        Problem::MemberFactsHidden(id) => {
            fill(s.change_p_member_hidden, &[("id", &id.to_string())])
        }
    }
}
