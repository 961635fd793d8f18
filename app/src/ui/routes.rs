//! Pages loaded on demand. With a split build (`cargo leptos build --split`)
//! each one's browser code is its own WASM chunk, fetched when the page is
//! first shown, so that the bundle every page loads holds only the shell
//! and what all pages share. The server renders
//! them as usual and marks the chunk for preloading.

use super::pages;
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// A route whose page is loaded on demand: the struct `LazyRoute` needs,
/// and its one view.
macro_rules! lazy_pages {
    ($($(#[$doc:meta])* $route:ident => $module:ident::$page:ident;)*) => {$(
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <pages::$module::$page/> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    /// Route of the org chart.
    ChartRoute => chart::ChartPage;
    /// Route of a unit's page.
    UnitRoute => unit::UnitPage;
    /// Route of a unit's print view.
    PrintRoute => print::PrintUnitPage;
    /// Route of a member's page.
    MemberRoute => member::MemberPage;
    /// Route of structural changes.
    ChangeRoute => change::ChangePage;
    /// Route of the audit log.
    AuditRoute => audit::AuditPage;
    /// Route of import.
    ImportRoute => import::ImportPage;
    /// Route of accounts.
    AccountsRoute => accounts::AccountsPage;
    /// Route of backups.
    BackupsRoute => backups::BackupsPage;
    /// Route of password change.
    PasswordRoute => password::PasswordPage;
    /// Route of the home page.
    HomeRoute => home::HomePage;
    /// Route of login.
    LoginRoute => login::LoginPage;
    /// Route of a member's own commitment.
    CommitmentRoute => my_commitment::MyCommitmentPage;
    /// Route of a commitment's print view.
    CommitmentPrintRoute => commitment_print::CommitmentPrintPage;
    /// Route of a cell's review of commitments.
    ReviewRoute => review::ReviewPage;
    /// Route of year-end grading.
    GradingRoute => grading::GradingPage;
    /// Route of the years of commitments.
    YearsRoute => years::YearsPage;
    /// Route of the inbox.
    InboxRoute => inbox::InboxPage;
    /// Route of commendation proposals.
    ProposalsRoute => proposals::ProposalsPage;
    /// Route of one commendation proposal.
    ProposalRoute => proposal::ProposalPage;
    /// Route of the decision register.
    DecisionsRoute => decisions::DecisionsPage;
    /// Route of one commendation decision.
    DecisionRoute => decisions::DecisionPage;
    /// Route of a commendation decision's print view.
    DecisionPrintRoute => decision_print::DecisionPrintPage;
    /// Route of a decision's certificates in the browser.
    CertificatePrintRoute => certificate_print::CertificatePrintPage;
    /// Route of the good-model registry.
    GoodModelsRoute => good_models::GoodModelsPage;
    /// Route of the committee's dashboard.
    StatsRoute => stats::StatsPage;
    /// Route of the members behind a dashboard's figure.
    StatsMembersRoute => stats_members::StatsMembersPage;
    /// Route of the dashboard's print view.
    StatsPrintRoute => stats_print::StatsPrintPage;
    /// Route of a resolution's targets.
    TargetsRoute => targets::TargetsPage;
    /// Route of a unit's special bodies.
    BodiesRoute => bodies::BodiesPage;
    /// Route of one good model.
    GoodModelRoute => good_model::GoodModelPage;
    /// Route of the Party badges due.
    BadgesRoute => badges::BadgesPage;
}
