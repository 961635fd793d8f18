//! Pages loaded on demand. With a split build (`cargo leptos build --split`)
//! each one's browser code is its own WASM chunk, fetched when the page is
//! first shown, so that the bundle every page loads holds only the shell
//! and what all pages share. The server renders
//! them as usual and marks the chunk for preloading.

use super::pages;
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// Route of the org chart.
pub struct ChartRoute;

#[lazy_route]
impl LazyRoute for ChartRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::chart::ChartPage/> }.into_any()
    }
}

/// Route of a unit's page.
pub struct UnitRoute;

#[lazy_route]
impl LazyRoute for UnitRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::unit::UnitPage/> }.into_any()
    }
}

/// Route of a unit's print view.
pub struct PrintRoute;

#[lazy_route]
impl LazyRoute for PrintRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::print::PrintUnitPage/> }.into_any()
    }
}

/// Route of a member's page.
pub struct MemberRoute;

#[lazy_route]
impl LazyRoute for MemberRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::member::MemberPage/> }.into_any()
    }
}

/// Route of structural changes.
pub struct ChangeRoute;

#[lazy_route]
impl LazyRoute for ChangeRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::change::ChangePage/> }.into_any()
    }
}

/// Route of the audit log.
pub struct AuditRoute;

#[lazy_route]
impl LazyRoute for AuditRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::audit::AuditPage/> }.into_any()
    }
}

/// Route of import.
pub struct ImportRoute;

#[lazy_route]
impl LazyRoute for ImportRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::import::ImportPageView/> }.into_any()
    }
}

/// Route of accounts.
pub struct AccountsRoute;

#[lazy_route]
impl LazyRoute for AccountsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::accounts::AccountsPageView/> }.into_any()
    }
}

/// Route of backups.
pub struct BackupsRoute;

#[lazy_route]
impl LazyRoute for BackupsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::backups::BackupsPageView/> }.into_any()
    }
}

/// Route of password change.
pub struct PasswordRoute;

#[lazy_route]
impl LazyRoute for PasswordRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::password::PasswordPage/> }.into_any()
    }
}

/// Route of the home page.
pub struct HomeRoute;

#[lazy_route]
impl LazyRoute for HomeRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::home::HomePage/> }.into_any()
    }
}

/// Route of login.
pub struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::login::LoginPage/> }.into_any()
    }
}

/// Route of a member's own commitment.
pub struct CommitmentRoute;

#[lazy_route]
impl LazyRoute for CommitmentRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::my_commitment::MyCommitmentView/> }.into_any()
    }
}

/// Route of a commitment's print view.
pub struct CommitmentPrintRoute;

#[lazy_route]
impl LazyRoute for CommitmentPrintRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::commitment_print::CommitmentPrintView/> }.into_any()
    }
}

/// Route of a cell's review of commitments.
pub struct ReviewRoute;

#[lazy_route]
impl LazyRoute for ReviewRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::review::ReviewView/> }.into_any()
    }
}

/// Route of year-end grading.
pub struct GradingRoute;

#[lazy_route]
impl LazyRoute for GradingRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::grading::GradingView/> }.into_any()
    }
}

/// Route of the years of commitments.
pub struct YearsRoute;

#[lazy_route]
impl LazyRoute for YearsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::years::YearsView/> }.into_any()
    }
}

/// Route of the inbox.
pub struct InboxRoute;

#[lazy_route]
impl LazyRoute for InboxRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::inbox::InboxView/> }.into_any()
    }
}

/// Route of commendation proposals.
pub struct ProposalsRoute;

#[lazy_route]
impl LazyRoute for ProposalsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::proposals::ProposalsView/> }.into_any()
    }
}

/// Route of one commendation proposal.
pub struct ProposalRoute;

#[lazy_route]
impl LazyRoute for ProposalRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::proposal::ProposalPage/> }.into_any()
    }
}

/// Route of the decision register.
pub struct DecisionsRoute;

#[lazy_route]
impl LazyRoute for DecisionsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::decisions::DecisionsView/> }.into_any()
    }
}

/// Route of one commendation decision.
pub struct DecisionRoute;

#[lazy_route]
impl LazyRoute for DecisionRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::decisions::DecisionPage/> }.into_any()
    }
}

/// Route of a commendation decision's print view.
pub struct DecisionPrintRoute;

#[lazy_route]
impl LazyRoute for DecisionPrintRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::decision_print::DecisionPrintView/> }.into_any()
    }
}

/// Route of a decision's certificates in the browser.
pub struct CertificatePrintRoute;

#[lazy_route]
impl LazyRoute for CertificatePrintRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::certificate_print::CertificatePrintView/> }.into_any()
    }
}

/// Route of the good-model registry.
pub struct GoodModelsRoute;

#[lazy_route]
impl LazyRoute for GoodModelsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::good_models::GoodModelsView/> }.into_any()
    }
}

/// Route of the committee's dashboard.
pub struct StatsRoute;

#[lazy_route]
impl LazyRoute for StatsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::stats::StatsPage/> }.into_any()
    }
}

/// Route of the members behind a dashboard's figure.
pub struct StatsMembersRoute;

#[lazy_route]
impl LazyRoute for StatsMembersRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::stats_members::StatsMembersView/> }.into_any()
    }
}

/// Route of the dashboard's print view.
pub struct StatsPrintRoute;

#[lazy_route]
impl LazyRoute for StatsPrintRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::stats_print::StatsPrintView/> }.into_any()
    }
}

/// Route of a resolution's targets.
pub struct TargetsRoute;

#[lazy_route]
impl LazyRoute for TargetsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::targets::TargetsView/> }.into_any()
    }
}

/// Route of a unit's special bodies.
pub struct BodiesRoute;

#[lazy_route]
impl LazyRoute for BodiesRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::bodies::BodiesView/> }.into_any()
    }
}

/// Route of one good model.
pub struct GoodModelRoute;

#[lazy_route]
impl LazyRoute for GoodModelRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::good_model::GoodModelPage/> }.into_any()
    }
}

/// Route of the Party badges due.
pub struct BadgesRoute;

#[lazy_route]
impl LazyRoute for BadgesRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <pages::badges::BadgesView/> }.into_any()
    }
}
