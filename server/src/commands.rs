//! What each subcommand of `dangbo` does.

use crate::auth::{self, AuthConfig};
use crate::dataset::Profile;
use crate::router::{AppState, router};
use crate::{demo, site};
use app::domain::{Locale, UnitSummary, numfmt};
use app::store::model::AuditEntry;
use app::store::{self, DynStore, StoreError};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Usage(String),
}

/// Connects and applies pending migrations.
pub async fn open(url: &str) -> Result<DynStore, CommandError> {
    let store = store::connect(url).await?;
    store.migrate().await?;
    Ok(store)
}

/// Loads the demo organisation, with an account for every member and an
/// administrator, when the database holds none. Returns whether it did.
pub async fn load_demo_if_empty(store: &DynStore) -> Result<bool, CommandError> {
    if store.root_unit().await?.is_some() || store.counts().await?.units > 0 {
        return Ok(false);
    }
    let data = Profile::HauGiang
        .build(&|_| {})
        .map_err(CommandError::Usage)?;
    store.load_dataset(&data, "dangbo demo").await?;
    let users = demo::accounts(&data, &demo_password_hash()?);
    let entry = AuditEntry::new(None, "dangbo demo", "accounts.create")
        .about("user", None)
        .after(serde_json::json!({ "accounts": users.len() }));
    store.insert_users(&users, &entry).await?;
    demo::badges::load(store, &data).await?;
    let models = demo::good_models::load(store, &data).await?;
    demo::commendations::load(store, &data, &models).await?;
    demo::targets::load(store, &data).await?;
    demo::bodies::load(store, &data).await?;
    store
        .set_setting(app::store::model::DEMO_LOADED, "1")
        .await?;
    Ok(true)
}

/// Whether the database holds the demo, whose passwords are public.
pub async fn demo_loaded(store: &DynStore) -> Result<bool, CommandError> {
    use app::store::model::DEMO_LOADED;
    Ok(store.setting(DEMO_LOADED).await?.as_deref() == Some("1")
        || store
            .user_by_username(demo::ADMIN_USERNAME)
            .await?
            .is_some())
}

/// Creates an administrator account with a one-time password (to be changed
/// at its first login); returns the password, to be shown once.
pub async fn create_admin(
    store: &DynStore,
    username: &str,
    display_name: &str,
) -> Result<String, CommandError> {
    let username = app::domain::text::clean(username).to_lowercase();
    if username.is_empty() || username.len() > 254 || username.contains(char::is_whitespace) {
        return Err(CommandError::Usage(format!(
            "{username:?} is not a username (an e-mail address, say)"
        )));
    }
    if store.user_by_username(&username).await?.is_some() {
        return Err(CommandError::Usage(format!(
            "an account named {username} already exists"
        )));
    }
    let one_time = auth::password::one_time();
    let hash = auth::password::hash(&one_time)
        .map_err(|e| CommandError::Usage(format!("password hashing failed: {e}")))?;
    let user = app::store::model::NewUser {
        username: username.clone(),
        member_id: None,
        display_name: display_name.to_string(),
        password_hash: hash,
        is_admin: true,
        must_change_password: true,
    };
    let entry = AuditEntry::new(None, "dangbo admin create", "accounts.create")
        .about("user", Some(username))
        .after(serde_json::json!({ "is_admin": true, "must_change_password": true }));
    store.insert_users(&[user], &entry).await?;
    Ok(one_time)
}

/// The username of the first administrator `serve` creates in a database
/// that has none.
pub const FIRST_ADMIN: &str = "quantri";

/// A database without any administrator gets one at its first start, with
/// a random one-time password printed once (never the demo's).
async fn ensure_first_admin(store: &DynStore) -> Result<(), CommandError> {
    if store
        .list_accounts("", 0, 1)
        .await?
        .1
        .iter()
        .any(|a| a.is_admin)
    {
        return Ok(());
    }
    let password = create_admin(store, FIRST_ADMIN, "Quản trị hệ thống").await?;
    println!();
    println!("First administrator created — shown once, write it down:");
    println!("  username: {FIRST_ADMIN}");
    println!("  one-time password: {password}   (to be changed at the first login)");
    Ok(())
}

/// One Argon2 hash of the documented demo password, shared by the demo
/// accounts: hashing it 4,500 times would take minutes for no security gain.
fn demo_password_hash() -> Result<String, CommandError> {
    auth::password::hash(demo::DEMO_PASSWORD)
        .map_err(|e| CommandError::Usage(format!("password hashing failed: {e}")))
}

/// The ready logins of the demo, for people trying the app.
pub async fn print_demo_logins(store: &DynStore) -> Result<(), CommandError> {
    let logins = store.demo_logins().await?;
    if logins.is_empty() {
        println!("No demo accounts in this database.");
        return Ok(());
    }
    println!("Demo logins (password: {}):", demo::DEMO_PASSWORD);
    for l in logins {
        let unit = if l.unit_name.is_empty() {
            String::new()
        } else {
            format!(" — {}", l.unit_name)
        };
        println!(
            "  {:<32} {:<22} {}{}",
            l.role, l.username, l.display_name, unit
        );
    }
    Ok(())
}

pub struct ServeOptions {
    pub addr: SocketAddr,
    pub site_root: Option<PathBuf>,
    /// Load the demo into an empty database (its passwords are public: only
    /// on the embedded default database, or when asked for).
    pub load_demo: bool,
    pub auth: AuthConfig,
    /// "YYYY-MM-DD" or "today" (see `set_working_date`).
    pub working_date: Option<String>,
    /// Notices by e-mail; `None`: the inbox only.
    pub mail: Option<crate::mail::MailConfig>,
    /// Where backups go, the schedule and retention.
    pub backups: Option<crate::backup::schedule::Backups>,
    pub limits: crate::serving::Limits,
}

pub async fn serve(url: &str, opts: ServeOptions) -> Result<(), CommandError> {
    let store = open(url).await?;
    println!("Database: {}", store::redact(url));
    if opts.load_demo && load_demo_if_empty(&store).await? {
        println!("Loaded the demo organisation (Hậu Giang bloc, 4,521 members).");
    }
    let demo = demo_loaded(&store).await?;
    if !demo {
        ensure_first_admin(&store).await?;
    }
    if let Some(date) = opts.working_date.as_deref() {
        set_working_date(&store, date).await?;
    }
    keep_dated_figures_current(&store).await;
    let site_root = site::find_site_root(opts.site_root.as_deref());
    if site_root.is_none() {
        tracing::warn!(
            "no built site found (pkg/dangbo.js): pages render but without styles or interactivity; \
             build with `cargo leptos build` or pass --site-root"
        );
    }
    let leptos_options = leptos_options(opts.addr, site_root);
    let mut state = AppState::new(leptos_options, store.clone(), opts.auth).await?;
    state.demo = demo;
    state.sessions.spawn_cleanup();
    if let Some(cfg) = opts.mail {
        let server = crate::mail::redact(&cfg.smtp_url);
        let mailer = std::sync::Arc::new(
            crate::mail::Mailer::new(&cfg).map_err(|e| CommandError::Usage(e.to_string()))?,
        );
        crate::mail::spawn(store.clone(), mailer.clone(), cfg.every);
        state.mailer = Some(mailer);
        println!("Notices (and password resets) are also sent by e-mail through {server}.");
    }
    if let Some(cfg) = opts.backups {
        let cfg = std::sync::Arc::new(cfg);
        match cfg.every {
            Some(every) => println!(
                "Backups: every {} h into {} (kept: {} days, {} weeks, {} months).",
                every.duration().num_hours(),
                cfg.dir.display(),
                cfg.retention.daily,
                cfg.retention.weekly,
                cfg.retention.monthly
            ),
            None => println!(
                "Backups: on request only (--backup-every to schedule), into {}.",
                cfg.dir.display()
            ),
        }
        cfg.clone().spawn(store.clone());
        state.backups = Some(std::sync::Arc::new(crate::backup::web::ServerBackups::new(
            cfg,
            store.clone(),
        )));
    }
    let live = state.live.clone();
    if store.backend() == store::Backend::Postgres {
        crate::live::spawn_relay(url.to_string(), live.clone());
    }
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(opts.addr).await?;
    let local = listener.local_addr()?;
    println!();
    println!("dangbo is running at http://{local}/");
    if demo {
        print_demo_logins(&store).await?;
    }
    if let Some(date) = store
        .setting(app::store::model::WORKING_DATE)
        .await?
        .filter(|d| !d.is_empty())
    {
        println!(
            "Working date for deadlines: {date} (the demo's calendar; --working-date today for the system date)."
        );
    }
    println!("Stop with Ctrl+C.");
    // The dashboards' streams end with the server rather than hold it up.
    let shutdown = async move {
        shutdown_signal().await;
        live.close();
    };
    crate::serving::serve(listener, app, opts.limits, shutdown).await?;
    Ok(())
}

/// Counts the dated figures again when the day they are reckoned from has
/// moved on (a new year, a passed award date, a moved working date): the
/// members' age bands (reckoned in a year) and the badges due (on the next
/// award date). Now, then every hour while the server runs.
async fn keep_dated_figures_current(store: &DynStore) {
    async fn refresh(store: &DynStore) -> Result<(), CommandError> {
        let today = app::api::context::today(store)
            .await
            .map_err(|e| CommandError::Usage(e.to_string()))?;
        // Another instance may be counting at the same moment: its count
        // serves, and the next hour tries again.
        match store
            .refresh_cohorts(app::domain::cohort::cohort_year(today))
            .await
        {
            Ok(true) => tracing::info!("members' age bands counted for the working date's year"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "could not count the members' age bands"),
        }
        match store
            .refresh_badges_due(app::domain::badge::next_award_date(today))
            .await
        {
            Ok(true) => tracing::info!("badges due counted for the next award date"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "could not count the badges due"),
        }
        Ok(())
    }
    if let Err(e) = refresh(store).await {
        tracing::warn!(error = %e, "could not read the working date");
    }
    let store = store.clone();
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        hourly.tick().await;
        loop {
            hourly.tick().await;
            if let Err(e) = refresh(&store).await {
                tracing::warn!(error = %e, "could not read the working date");
            }
        }
    });
}

/// `dangbo backup`: a manual backup into `dir`, or moved to `to`; the
/// line to print.
pub async fn backup_now(
    store: &DynStore,
    url: &str,
    dir: &std::path::Path,
    to: Option<&std::path::Path>,
) -> Result<String, CommandError> {
    use crate::backup::schedule::{Backups, Requester};
    let config = Backups {
        dir: dir.to_path_buf(),
        url: url.to_string(),
        every: None,
        retention: Default::default(),
        instance: crate::backup::schedule::instance_name(),
    };
    let by = Requester {
        user_id: None,
        label: "dangbo backup (command line)".into(),
        ip: None,
    };
    let taken = config
        .take(store, app::domain::backup::BackupKind::Manual, None, &by)
        .await
        .map_err(|e| CommandError::Usage(e.to_string()))?;
    let mut path = taken.file.path.clone();
    if let Some(to) = to {
        if to.exists() {
            return Err(CommandError::Usage(format!(
                "{} exists; the backup stays at {}",
                to.display(),
                path.display()
            )));
        }
        // Across file systems a rename fails: copy, then remove.
        if std::fs::rename(&path, to).is_err() {
            std::fs::copy(&path, to)?;
            std::fs::remove_file(&path)?;
        }
        path = to.to_path_buf();
    }
    let c = taken.file.manifest.counts;
    Ok(format!(
        "Backup written to {} ({} bytes, {:.1} s): {} units, {} members, {} commitments, {} audit entries.",
        path.display(),
        taken.file.bytes,
        taken.took.as_secs_f64(),
        c.units,
        c.members,
        c.commitments,
        c.audit_entries
    ))
}

/// `dangbo restore`: the line to print.
pub async fn restore(
    file: &std::path::Path,
    url: &str,
    replace: bool,
) -> Result<String, CommandError> {
    let done = crate::backup::restore(file, url, replace)
        .await
        .map_err(|e| CommandError::Usage(e.to_string()))?;
    let c = done.manifest.counts;
    let mut line = format!(
        "Restored the backup of {} ({} units, {} members, {} commitments, {} audit entries; checked) in {:.1} s into {}.",
        done.manifest.taken_at.format("%Y-%m-%d %H:%M:%S UTC"),
        c.units,
        c.members,
        c.commitments,
        c.audit_entries,
        done.took.as_secs_f64(),
        store::redact(url)
    );
    if let Some(aside) = done.kept_aside {
        line.push_str(&format!(
            " The database it replaced is kept as {}.",
            aside.display()
        ));
    }
    Ok(line)
}

/// Sets the date deadlines are checked against ("today": the system date).
pub async fn set_working_date(store: &DynStore, date: &str) -> Result<(), CommandError> {
    use app::store::model::WORKING_DATE;
    if date.trim() == "today" {
        store.set_setting(WORKING_DATE, "").await?;
        return Ok(());
    }
    let parsed = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        CommandError::Usage(format!(
            "--working-date: {date:?} is not a date (YYYY-MM-DD)"
        ))
    })?;
    store.set_setting(WORKING_DATE, &parsed.to_string()).await?;
    Ok(())
}

/// Leptos settings for a server at `addr` serving the site at `site_root`.
pub fn leptos_options(addr: SocketAddr, site_root: Option<PathBuf>) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("dangbo")
        .site_root(
            site_root
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "target/site".into()),
        )
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The summary of a unit's subtree (the bloc by default).
pub async fn stats(
    store: &DynStore,
    unit: Option<&str>,
    year: Option<i32>,
) -> Result<UnitSummary, CommandError> {
    let found = match unit {
        Some(code) => store.unit_by_code(code).await?,
        None => store.root_unit().await?,
    };
    let unit = found.ok_or_else(|| {
        CommandError::Usage(match unit {
            Some(code) => format!("no unit with code {code}"),
            None => "the database holds no organisation yet (run `dangbo demo`)".into(),
        })
    })?;
    let year = match year {
        Some(y) => y,
        None => app::api::context::summary_year(store)
            .await
            .map_err(|e| CommandError::Usage(format!("no year to report: {e}")))?,
    };
    Ok(store.unit_summary(&unit, year).await?)
}

/// The summary as a small table for people (figures as printed in reports).
pub fn stats_table(s: &UnitSummary) -> String {
    let n = |v: i64| numfmt::count(v, Locale::En);
    let rows = [
        ("Grassroots organisations", s.grassroots_total()),
        ("  grassroots committees", s.grassroots_committees),
        ("  grassroots cells", s.grassroots_cells),
        ("Sub-committees", s.sub_committees),
        ("Cells under committees", s.cells),
        ("Members", s.members_total()),
        ("  full", s.full_members),
        ("  probationary", s.probationary_members),
        ("  exempt", s.exempt_members),
    ];
    let mut out = format!("{} ({}) — {}\n", s.unit_name, s.unit_code, s.year);
    for (label, v) in rows {
        out.push_str(&format!("{label:<28}{:>10}\n", n(v)));
    }
    out.push_str(&format!(
        "{:<28}{:>10}\n",
        format!("Admitted in {}", s.year),
        n(s.admitted_in_year)
    ));
    out.push_str(&format!(
        "{:<28}{:>10}\n",
        format!("Good models {}", s.year),
        n(s.good_models)
    ));
    for (label, (units, members)) in [
        ("Commended by the bloc", s.commended_by_bloc),
        ("Commended by grassroots", s.commended_by_grassroots),
    ] {
        out.push_str(&format!("{label:<28}{:>10}\n", n(units + members)));
        out.push_str(&format!("{:<28}{:>10}\n", "  collectives", n(units)));
        out.push_str(&format!("{:<28}{:>10}\n", "  individuals", n(members)));
    }
    out
}
