//! The year's quota, explained: the rules, the decided and the projected figures.

use crate::domain::GradingRuleSet;
use crate::domain::grading::{Grade, Quota};
use crate::domain::numfmt;
use crate::ui::commitment_text::grade_label;
use crate::ui::i18n::{fill, t, use_locale};
use leptos::prelude::*;

/// The quota explained: the year's rule, the decided and the projected
/// figures, and what breaks it.
#[component]
pub(super) fn QuotaExplained(
    rules: GradingRuleSet,
    decided: Quota,
    projected: Quota,
) -> impl IntoView {
    let locale = use_locale();
    let n = move |v: u32| numfmt::count(i64::from(v), locale.get());
    let rule = move || {
        let s = t();
        match rules {
            GradingRuleSet::Rules2019 => s.rv_rule_2019,
            GradingRuleSet::Rules2023 => s.rv_rule_2023,
            GradingRuleSet::Rules2025 => s.rv_rule_2025,
        }
    };
    let line = move |label: fn() -> &'static str, q: Quota, id: &'static str| {
        view! {
            <tr data-quota=id class:broken=!q.holds()>
                <th scope="row">{move || label()}</th>
                <td class="num" data-label=move || grade_label(Grade::Excellent)>{move || n(q.excellent)}</td>
                <td class="num" data-label=move || grade_label(Grade::Good)>{move || n(q.good)}</td>
                <td class="num" data-label=move || t().rv_quota_max>{move || n(q.max_excellent)}</td>
                <td class="rv-verdict">
                    {if q.holds() {
                        view! { <span class="rv-ok">"✓ " {move || t().rv_quota_holds}</span> }.into_any()
                    } else {
                        view! {
                            <strong class="rv-broken">
                                "⚠ " {move || t().rv_quota_broken} " (+" {move || n(q.excess())} ")"
                            </strong>
                        }
                        .into_any()
                    }}
                </td>
            </tr>
        }
    };
    // Good grades needed for the projected excellent ones: 5 per excellent.
    let more_good = (projected.excellent * 5).saturating_sub(projected.good);
    view! {
        <section class="rv-quota rv-quota-box" aria-labelledby="rv-quota-title" data-testid="quota">
            <h2 id="rv-quota-title">{move || t().rv_quota_title}</h2>
            <p>{rule}</p>
            <div class="table-wrap">
                <table class="data-table rv-quota-table">
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{move || grade_label(Grade::Excellent)}</th>
                            <th scope="col">{move || grade_label(Grade::Good)}</th>
                            <th scope="col">{move || t().rv_quota_max}</th>
                            <th scope="col"><span class="rv-hidden">{move || t().rv_col_state}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {line(|| t().rv_quota_decided, decided, "decided")}
                        {line(|| t().rv_quota_projected, projected, "projected")}
                    </tbody>
                </table>
            </div>
            {(!decided.holds()).then(|| view! {
                <p class="notice notice-error">
                    {move || fill(t().rv_quota_breaks_now, &[("excess", &n(decided.excess()))])}
                </p>
            })}
            {(decided.holds() && !projected.holds()).then(|| view! {
                <p class="notice notice-warn">
                    {move || fill(
                        t().rv_quota_breaks,
                        &[("excess", &n(projected.excess())), ("more", &n(more_good))],
                    )}
                </p>
            })}
        </section>
    }
}
