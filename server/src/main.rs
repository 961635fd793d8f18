//! `dangbo`: serve the app, migrate, load the demo, print figures.

use app::domain::throttle::ThrottlePolicy;
use chrono::Duration;
use clap::{Args, Parser, Subcommand};
use server::auth::AuthConfig;
use server::commands::{self, CommandError, ServeOptions};
use server::config;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dangbo",
    version,
    about = "Party bloc committee: org chart, commitments, grading and statistics"
)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Folder of the embedded SQLite database (used when DATABASE_URL is not set).
    #[arg(long, env = "DANGBO_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// Database URL, `sqlite://FILE` or `postgres://USER@HOST/DB`; overrides --data-dir.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default): migrates, loads the demo into an empty database.
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo organisation into an empty database.
    Demo,
    /// Print the summary figures of a unit's subtree.
    Stats(StatsArgs),
    /// Measure server time of pages and functions (loads the demo into an empty database).
    #[cfg(feature = "tools")]
    Bench(BenchArgs),
    /// Import units and members from an XLSX or CSV file (the template is at /nhap-du-lieu).
    Import(ImportArgs),
    /// Generate a national-scale organisation (deterministic) into an empty database.
    #[cfg(feature = "tools")]
    Generate(GenerateArgs),
    /// Take a backup of the database now (consistent while the server runs).
    Backup(BackupArgs),
    /// Restore a backup into an empty database (stop the server first).
    Restore(RestoreArgs),
    /// Administrator accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator with a one-time password, printed once.
    Create {
        /// The login, e.g. an e-mail address.
        #[arg(long)]
        username: String,
        /// The name shown for the account.
        #[arg(long, default_value = "Quản trị hệ thống")]
        name: String,
    },
}

#[derive(Args)]
struct BackupArgs {
    /// Write the backup to this file (default: a new file in the backup folder).
    #[arg(long)]
    to: Option<PathBuf>,
    /// The backup folder (default: `backups` in the data folder).
    #[arg(long, env = "DANGBO_BACKUP_DIR")]
    backup_dir: Option<PathBuf>,
}

#[derive(Args)]
struct RestoreArgs {
    /// The backup file (dangbo-….tar.gz).
    file: PathBuf,
    /// Replace a database that holds data; it is kept aside, never deleted.
    #[arg(long)]
    replace: bool,
}

#[cfg(feature = "tools")]
#[derive(Args)]
struct GenerateArgs {
    /// Members to generate; units scale with them (5.6 M: ~52,000 grassroots
    /// organisations, ~200,000 cells).
    #[arg(long, default_value_t = server::national::NATIONAL_MEMBERS)]
    members: usize,
    /// Seed of the generator: the same seed and size give the same data.
    #[arg(long, default_value_t = server::national::DEFAULT_SEED)]
    seed: u64,
}

#[derive(Args)]
struct ImportArgs {
    /// The .xlsx or .csv file.
    file: PathBuf,
    /// Write the valid rows even when others have errors.
    #[arg(long)]
    valid_rows_only: bool,
    /// Check and report only; write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[cfg(feature = "tools")]
#[derive(Args)]
struct BenchArgs {
    /// Requests per measured item.
    #[arg(long, default_value_t = 200)]
    iterations: usize,
    /// Time one part only.
    #[arg(long, value_enum)]
    only: Option<server::bench::Part>,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "DANGBO_ADDR", default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Folder of the built site (pkg/, assets); found automatically when omitted.
    #[arg(long, env = "DANGBO_SITE_ROOT")]
    site_root: Option<PathBuf>,
    /// Do not load the demo organisation into an empty database.
    #[arg(long, conflicts_with = "demo")]
    no_demo: bool,
    /// Load the demo organisation into an empty database given by
    /// --database-url (the embedded default database gets it unasked). Its
    /// passwords are public: never on a database for real records.
    #[arg(long)]
    demo: bool,
    /// Mark the session cookie Secure (serve behind HTTPS).
    #[arg(long, env = "DANGBO_SECURE_COOKIES")]
    secure_cookies: bool,
    /// End a session after this many minutes without a request.
    #[arg(long, env = "DANGBO_SESSION_IDLE_MINUTES", default_value_t = 60)]
    session_idle_minutes: i64,
    /// End a session this many hours after its login.
    #[arg(long, env = "DANGBO_SESSION_MAX_HOURS", default_value_t = 12)]
    session_max_hours: i64,
    /// Failed logins of one username from one address before that pair is locked.
    #[arg(long, env = "DANGBO_LOGIN_MAX_FAILURES", default_value_t = 5)]
    login_max_failures: u32,
    /// Failed logins of one username from all addresses before it is locked everywhere.
    #[arg(long, env = "DANGBO_LOGIN_EVERYWHERE_FAILURES", default_value_t = 100)]
    login_everywhere_failures: u32,
    /// Minutes a username stays locked everywhere.
    #[arg(
        long,
        env = "DANGBO_LOGIN_EVERYWHERE_LOCK_MINUTES",
        default_value_t = 5
    )]
    login_everywhere_lock_minutes: i64,
    /// Reverse proxies (comma-separated addresses) whose X-Forwarded-For or
    /// Forwarded header names the client; from anyone else those headers are ignored.
    #[arg(long, env = "DANGBO_TRUSTED_PROXY", value_delimiter = ',')]
    trusted_proxy: Vec<std::net::IpAddr>,
    /// Failed logins from one address (within the lock time) before it is locked.
    #[arg(long, env = "DANGBO_ADDRESS_MAX_FAILURES", default_value_t = 20)]
    address_max_failures: u32,
    /// Minutes a lock lasts (and the window failures are counted in).
    #[arg(long, env = "DANGBO_LOGIN_LOCK_MINUTES", default_value_t = 15)]
    login_lock_minutes: i64,
    /// The date commitment deadlines are checked against (YYYY-MM-DD), kept in
    /// the database for every instance; "today" returns to the system date.
    /// The demo organisation sets 2021-03-15, its own calendar.
    #[arg(long, env = "DANGBO_WORKING_DATE")]
    working_date: Option<String>,
    /// Send the inbox's notices by e-mail too, through this SMTP server:
    /// smtps://user:password@host:465, smtp://user:password@host:587?tls=required,
    /// or smtp://host:25 (no TLS). Off when not given.
    #[arg(long, env = "DANGBO_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of those e-mails, e.g. "Đảng bộ Khối <khong-tra-loi@example.vn>".
    #[arg(long, env = "DANGBO_MAIL_FROM")]
    mail_from: Option<String>,
    /// The address users open the app at, for the e-mails' links
    /// (default: http:// and --addr).
    #[arg(long, env = "DANGBO_PUBLIC_URL")]
    public_url: Option<String>,
    /// Seconds between two looks at the outbox.
    #[arg(long, env = "DANGBO_MAIL_EVERY_SECONDS", default_value_t = 30)]
    mail_every_seconds: u64,
    /// Folder of the backups (default: `backups` in the data folder).
    #[arg(long, env = "DANGBO_BACKUP_DIR")]
    backup_dir: Option<PathBuf>,
    /// How often to take a backup: 12h, 1d, 1w … or "off" (default: 1d on
    /// the embedded SQLite database, off on PostgreSQL).
    #[arg(long, env = "DANGBO_BACKUP_EVERY")]
    backup_every: Option<String>,
    /// Scheduled backups kept: the newest of each of the last N days, weeks
    /// and months, and the newest N others (manual, before a change).
    #[arg(long, env = "DANGBO_BACKUP_KEEP", default_value = "7d,4w,12m,20o")]
    backup_keep: String,
}

#[derive(Args)]
struct StatsArgs {
    /// Unit code (the bloc when omitted).
    #[arg(long)]
    unit: Option<String>,
    /// Year of the year-specific figures (the latest set-up year when omitted).
    #[arg(long)]
    year: Option<i32>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), CommandError> {
    let data_dir = cli
        .db
        .data_dir
        .clone()
        .unwrap_or_else(config::default_data_dir);
    let url = config::database_url(cli.db.database_url.as_deref(), &data_dir)?;
    // The demo's passwords are public: it is loaded unasked only into the
    // embedded database of a first try, never into a database named by URL.
    let embedded = cli
        .db
        .database_url
        .as_deref()
        .is_none_or(|u| u.trim().is_empty());
    match cli.command {
        None => serve(&url, embedded, &data_dir, ServeArgs::parse_default()).await,
        Some(Command::Serve(args)) => serve(&url, embedded, &data_dir, *args).await,
        Some(Command::Admin {
            command: AdminCommand::Create { username, name },
        }) => {
            let store = commands::open(&url).await?;
            let password = commands::create_admin(&store, &username, &name).await?;
            println!("Administrator {} created.", username.trim().to_lowercase());
            println!(
                "One-time password (shown once; to be changed at the first login): {password}"
            );
            Ok(())
        }
        Some(Command::Backup(args)) => {
            let store = commands::open(&url).await?;
            let dir = args
                .backup_dir
                .clone()
                .unwrap_or_else(|| data_dir.join("backups"));
            let taken = commands::backup_now(&store, &url, &dir, args.to.as_deref()).await?;
            println!("{taken}");
            Ok(())
        }
        Some(Command::Restore(args)) => {
            println!(
                "{}",
                commands::restore(&args.file, &url, args.replace).await?
            );
            Ok(())
        }
        Some(Command::Migrate) => {
            commands::open(&url).await?;
            println!("Migrations applied.");
            Ok(())
        }
        Some(Command::Demo) => {
            let store = commands::open(&url).await?;
            if commands::load_demo_if_empty(&store).await? {
                println!("Loaded the demo organisation.");
                Ok(())
            } else {
                Err(CommandError::Usage(
                    "the database already holds an organisation; the demo loads only into an empty one".into(),
                ))
            }
        }
        #[cfg(feature = "tools")]
        Some(Command::Bench(args)) => {
            let store = commands::open(&url).await?;
            commands::load_demo_if_empty(&store).await?;
            let counts = store.counts().await?;
            println!(
                "dangbo bench — {} database, {} units, {} members, {} iterations",
                store.backend().as_str(),
                counts.units,
                counts.members,
                args.iterations.max(1)
            );
            for f in server::bench::run(store, &url, args.iterations.max(1), args.only).await? {
                println!("{}", f.line());
            }
            Ok(())
        }
        #[cfg(feature = "tools")]
        Some(Command::Generate(args)) => {
            let store = commands::open(&url).await?;
            let report = server::national::generate_into(&store, args.members, args.seed).await?;
            let counts = store.counts().await?;
            println!(
                "Generated {} units ({} grassroots committees, {} grassroots cells, {} cells) and {} members \
                 in {:.1} s, loaded in {:.1} s into the {} database.",
                counts.units,
                report.plan.grassroots_committees,
                report.plan.grassroots_cells,
                report.plan.cells,
                counts.members,
                report.generated_in.as_secs_f64(),
                report.loaded_in.as_secs_f64(),
                store.backend().as_str(),
            );
            Ok(())
        }
        Some(Command::Import(args)) => {
            let store = commands::open(&url).await?;
            let opts = server::import::cli::ImportOptions {
                file: args.file,
                valid_rows_only: args.valid_rows_only,
                dry_run: args.dry_run,
            };
            server::import::cli::run(&store, &opts).await.map(|_| ())
        }
        Some(Command::Stats(args)) => {
            let store = commands::open(&url).await?;
            let summary = commands::stats(&store, args.unit.as_deref(), args.year).await?;
            if args.json {
                let json = serde_json::to_string_pretty(&summary)
                    .map_err(|e| CommandError::Usage(e.to_string()))?;
                println!("{json}");
            } else {
                print!("{}", commands::stats_table(&summary));
            }
            Ok(())
        }
    }
}

/// E-mail settings, when an SMTP server is given (a sender is then required).
fn mail_config(args: &ServeArgs) -> Result<Option<server::mail::MailConfig>, CommandError> {
    let Some(smtp_url) = args.smtp_url.clone().filter(|u| !u.trim().is_empty()) else {
        return Ok(None);
    };
    let from = args.mail_from.clone().ok_or_else(|| {
        CommandError::Usage("--smtp-url needs --mail-from (the sender's address)".into())
    })?;
    Ok(Some(server::mail::MailConfig {
        smtp_url,
        from,
        public_url: args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.addr)),
        every: std::time::Duration::from_secs(args.mail_every_seconds.max(1)),
    }))
}

/// Where backups go and when they are taken.
fn backup_config(
    args: &ServeArgs,
    url: &str,
    data_dir: &std::path::Path,
) -> Result<server::backup::schedule::Backups, CommandError> {
    use app::domain::backup::{Every, Retention};
    let every = match args.backup_every.as_deref().map(str::trim) {
        Some("off") => None,
        Some(text) => Some(Every::parse(text).ok_or_else(|| {
            CommandError::Usage(format!(
                "--backup-every {text:?}: give hours, days or weeks (12h, 1d, 1w; from 1h to 31d) or off"
            ))
        })?),
        None if url.starts_with("sqlite:") => Some(Every::DAILY),
        None => None,
    };
    let retention = Retention::parse(&args.backup_keep).ok_or_else(|| {
        CommandError::Usage(format!(
            "--backup-keep {:?}: give counts like 7d,4w,12m,20o (days, weeks, months, others)",
            args.backup_keep
        ))
    })?;
    Ok(server::backup::schedule::Backups {
        dir: args
            .backup_dir
            .clone()
            .unwrap_or_else(|| data_dir.join("backups")),
        url: url.to_string(),
        every,
        retention,
        instance: server::backup::schedule::instance_name(),
    })
}

async fn serve(
    url: &str,
    embedded: bool,
    data_dir: &std::path::Path,
    args: ServeArgs,
) -> Result<(), CommandError> {
    let mail = mail_config(&args)?;
    let backups = backup_config(&args, url, data_dir)?;
    commands::serve(
        url,
        ServeOptions {
            addr: args.addr,
            site_root: args.site_root,
            load_demo: !args.no_demo && (args.demo || embedded),
            working_date: args.working_date,
            mail,
            backups: Some(backups),
            limits: server::serving::Limits::default(),
            auth: AuthConfig {
                secure_cookies: args.secure_cookies,
                idle: Duration::minutes(args.session_idle_minutes.max(1)),
                absolute: Duration::hours(args.session_max_hours.max(1)),
                throttle: ThrottlePolicy {
                    account_failures: args.login_max_failures.max(1),
                    address_failures: args.address_max_failures.max(1),
                    everywhere_failures: args.login_everywhere_failures.max(1),
                    window: Duration::minutes(args.login_lock_minutes.clamp(1, 24 * 60)),
                    lock: Duration::minutes(args.login_lock_minutes.clamp(1, 24 * 60)),
                    everywhere_lock: Duration::minutes(
                        args.login_everywhere_lock_minutes.clamp(1, 24 * 60),
                    ),
                },
                trusted_proxies: args.trusted_proxy.clone(),
            },
        },
    )
    .await
}

impl ServeArgs {
    /// `dangbo` with no subcommand: serve with the defaults (and the env vars).
    fn parse_default() -> Self {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Wrapper::parse_from(["dangbo"]).serve
    }
}
