//! Operator commands on accounts: `bleibe user add|reset-two-factor`, `bleibe org
//! add|grant|verify` and `bleibe token create`. They write to the database directly (an operator at the shell
//! is trusted), record what they did in the audit log like the web layer does (detail
//! "… via cli", no actor), and print what a script needs on stdout — an id, a link, a
//! token — and everything meant for people on stderr.

use crate::{db, DbArgs};
use anyhow::{anyhow, bail, Context};
use bleibe_domain::account::{check_password, normalize_email};
use bleibe_domain::{AuditEntry, Employer, NewEmployer, NewUser, OrgKind, Role, Scope};
use bleibe_store::accounts::OneTimePurpose;
use bleibe_store::{Store, StoreError};
use bleibe_web::auth::audit::actions;
use bleibe_web::auth::crypto::hash_password;
use bleibe_web::auth::issue::{self, LinkFor};
use bleibe_web::i18n::Lang;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};
use std::io::{BufRead, IsTerminal};

/// Where an organisation is based when neither `--place` nor `--home` says: Cottbus, the
/// largest town of the default home region (the Lausitz).
pub const DEFAULT_PLACE: i64 = 2_939_811;

/// How far from `--home` the default place may lie.
const HOME_RADIUS_KM: f64 = 30.0;

/// How long an operator's set-password link is valid.
const LINK_VALID_DAYS: i64 = 7;

/// A clap parser for one of a vocabulary's wire names: `--help` and the error for a
/// wrong value list every allowed one.
fn one_of<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|v| name(*v)))
        .try_map(move |s| parse(&s).ok_or("not one of the possible values"))
}

fn org_kind() -> impl TypedValueParser<Value = OrgKind> {
    one_of(OrgKind::ALL, OrgKind::as_str, OrgKind::parse)
}

fn role() -> impl TypedValueParser<Value = Role> {
    one_of(Role::ALL, Role::as_str, Role::parse)
}

fn scope() -> impl TypedValueParser<Value = Scope> {
    one_of(Scope::ALL, Scope::as_str, Scope::parse)
}

fn language() -> PossibleValuesParser {
    PossibleValuesParser::new(Lang::ALL.iter().map(|l| l.code()))
}

/// `bleibe user …`
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user account (e-mail address counted as confirmed).
    ///
    /// With stdin not a terminal, the password is read from it: exactly one line, the
    /// line break removed and nothing else (12 to 128 characters), e.g.
    /// `printf '%s\n' "$PW" | bleibe user add …`. On a terminal (or with
    /// --password-link) the account gets no password; a one-time link to set one,
    /// valid for 7 days, is printed instead.
    ///
    /// Prints the user id on stdout (then the link, if one was made).
    Add(UserAddArgs),
    /// Turn off a user's two-factor sign-in (TOTP), for a lost or replaced phone.
    ///
    /// Check who is asking before you do this: afterwards the password alone signs in
    /// again. Every session of the user ends; the user can set up a new authenticator
    /// app on their account page. Recorded in the audit log.
    ResetTwoFactor(UserResetTwoFactorArgs),
}

/// Options of `bleibe user reset-two-factor`.
#[derive(Args, Debug)]
pub struct UserResetTwoFactorArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The user's e-mail address.
    #[arg(long)]
    email: String,
}

/// Options of `bleibe user add`.
#[derive(Args, Debug)]
pub struct UserAddArgs {
    #[command(flatten)]
    db: DbArgs,
    /// E-mail address: the login name.
    #[arg(long)]
    email: String,
    /// Name shown to colleagues.
    #[arg(long)]
    name: String,
    /// Make the user an operator of the installation (platform admin).
    #[arg(long)]
    platform_admin: bool,
    /// Preferred language.
    #[arg(long, default_value = "de", value_parser = language())]
    language: String,
    /// Do not read a password from stdin; print a set-password link instead.
    #[arg(long)]
    password_link: bool,
    /// Public base URL of the portal, for the set-password link.
    #[arg(long, env = "BLEIBE_PUBLIC_URL", default_value_t = bleibe_web::SiteConfig::default().public_url)]
    public_url: String,
}

/// `bleibe org …`
#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Create an organisation; prints only its id on stdout.
    ///
    /// Loads the places into an empty database first (without demo data).
    Add(OrgAddArgs),
    /// Give a user a role in an organisation (making them a member if they are not).
    Grant(OrgGrantArgs),
    /// Mark an organisation verified: the rights of its kind (other than employer)
    /// apply from then on.
    Verify(OrgVerifyArgs),
}

/// Options of `bleibe org add`.
#[derive(Args, Debug)]
pub struct OrgAddArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Name.
    #[arg(long)]
    name: String,
    /// What kind of organisation it is.
    #[arg(long, value_parser = org_kind())]
    kind: OrgKind,
    /// GeoNames id of the place it is based in [default: the most populous place within
    /// 30 km of --home; without --home 2939811, Cottbus].
    #[arg(long)]
    place: Option<i64>,
    /// Home region as "lat,lon", as for `serve` (only for the default --place).
    #[arg(long, env = "BLEIBE_HOME", value_parser = crate::serve::parse_home)]
    home: Option<(f64, f64)>,
    /// Description (HTML, sanitised).
    #[arg(long, default_value = "")]
    description: String,
    /// Website (http:// or https://).
    #[arg(long)]
    website: Option<String>,
    /// Mark it verified at once (kinds other than employer wait for verification
    /// otherwise).
    #[arg(long)]
    verified: bool,
}

/// Options of `bleibe org grant`.
#[derive(Args, Debug)]
pub struct OrgGrantArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The organisation's id.
    #[arg(long)]
    org: i64,
    /// The user's e-mail address.
    #[arg(long)]
    email: String,
    /// The role.
    #[arg(long, value_parser = role())]
    role: Role,
}

/// Options of `bleibe org verify`.
#[derive(Args, Debug)]
pub struct OrgVerifyArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The organisation's id.
    #[arg(long)]
    org: i64,
}

/// `bleibe token …`
#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for an organisation; prints only the token on stdout, once
    /// (only its SHA-256 is stored).
    Create(TokenCreateArgs),
}

/// Options of `bleibe token create`.
#[derive(Args, Debug)]
pub struct TokenCreateArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The organisation's id.
    #[arg(long)]
    org: i64,
    /// A name for the token, e.g. "ATS export".
    #[arg(long)]
    name: String,
    /// What the token may do (repeat for several).
    #[arg(long = "scope", value_name = "SCOPE", required = true, value_parser = scope())]
    scopes: Vec<Scope>,
}

/// Runs `bleibe user …`.
pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => user_add(args).await,
        UserCommand::ResetTwoFactor(args) => user_reset_two_factor(args).await,
    }
}

/// Runs `bleibe org …`.
pub async fn org(command: OrgCommand) -> anyhow::Result<()> {
    match command {
        OrgCommand::Add(args) => org_add(args).await,
        OrgCommand::Grant(args) => org_grant(args).await,
        OrgCommand::Verify(args) => org_verify(args).await,
    }
}

/// Runs `bleibe token …`.
pub async fn token(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create(args) => token_create(args).await,
    }
}

/// Reads the password: one line, without its line break (`\n` or `\r\n`) and otherwise
/// as given — spaces are allowed in passwords.
fn read_password(input: &mut impl BufRead) -> anyhow::Result<String> {
    let mut line = String::new();
    let n = input
        .read_line(&mut line)
        .context("cannot read the password from stdin (it must be UTF-8)")?;
    if n == 0 {
        bail!(
            "no password on stdin: pipe one line (printf '%s\\n' \"$PW\" | bleibe user add …), \
             or pass --password-link to print a set-password link instead"
        );
    }
    if let Some(rest) = line.strip_suffix('\n') {
        line.truncate(rest.strip_suffix('\r').unwrap_or(rest).len());
    }
    check_password("password", &line)
        .map_err(|e| anyhow!("the password on stdin is refused: {}", e.message))?;
    Ok(line)
}

async fn user_add(args: UserAddArgs) -> anyhow::Result<()> {
    let email =
        normalize_email("email", &args.email).map_err(|e| anyhow!("--email: {}", e.message))?;
    let name = bleibe_domain::text::required("name", &args.name, 200)
        .map_err(|e| anyhow!("--name: {}", e.message))?;
    // Read and check the password before touching the database.
    let stdin = std::io::stdin();
    let password = if args.password_link || stdin.is_terminal() {
        None
    } else {
        Some(read_password(&mut stdin.lock())?)
    };
    let (store, _) = db::open(&args.db).await?;
    if let Some(existing) = store.user_by_email(&email).await? {
        bail!(
            "a user with the e-mail address {email} exists already (id {})",
            existing.id
        );
    }
    let password_hash = match password {
        Some(p) => Some(
            hash_password(p)
                .await
                .map_err(|e| anyhow!("cannot hash the password: {e}"))?,
        ),
        None => None,
    };
    let has_password = password_hash.is_some();
    let user = store
        .create_user(&NewUser {
            email: email.clone(),
            display_name: name,
            password_hash,
            language: args.language,
            platform_admin: args.platform_admin,
            // The operator vouches for the address.
            email_verified: true,
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => {
                anyhow!("a user with the e-mail address {email} exists already")
            }
            e => e.into(),
        })?;
    let detail = if args.platform_admin {
        "platform admin via cli"
    } else {
        "via cli"
    };
    audit(
        store.as_ref(),
        actions::SIGNUP,
        None,
        format!("user:{}", user.id),
        detail.into(),
    )
    .await?;
    println!("{}", user.id);
    let role = if args.platform_admin {
        " (platform admin)"
    } else {
        ""
    };
    if has_password {
        eprintln!("created user {email}{role} with id {}", user.id);
    } else {
        let valid = chrono::Duration::days(LINK_VALID_DAYS);
        let expires_at = chrono::Utc::now() + valid;
        let token = issue::one_time_link(
            store.as_ref(),
            LinkFor {
                purpose: OneTimePurpose::ResetPassword,
                user_id: Some(user.id),
                email: Some(email.clone()),
                invite: None,
                valid,
            },
        )
        .await?;
        println!(
            "{}/password/reset/{token}",
            args.public_url.trim_end_matches('/')
        );
        eprintln!(
            "created user {email}{role} with id {}, without a password: give them the link above \
             to set one (valid until {}, once)",
            user.id,
            expires_at.format("%Y-%m-%d %H:%M UTC")
        );
    }
    Ok(())
}

async fn user_reset_two_factor(args: UserResetTwoFactorArgs) -> anyhow::Result<()> {
    let email =
        normalize_email("email", &args.email).map_err(|e| anyhow!("--email: {}", e.message))?;
    let (store, _) = db::open(&args.db).await?;
    let user = store
        .user_by_email(&email)
        .await?
        .ok_or_else(|| anyhow!("--email: there is no user with the e-mail address {email}"))?;
    let was = store.totp_state(user.id).await?.unwrap_or_default();
    store.disable_totp(user.id).await?;
    // Whoever has the lost phone may also hold a session: all of them end.
    store.delete_user_sessions(user.id, None).await?;
    let detail = if was.enabled_at.is_some() {
        "reset via cli"
    } else {
        "reset via cli (was off)"
    };
    audit(
        store.as_ref(),
        actions::TWO_FACTOR_DISABLED,
        None,
        format!("user:{}", user.id),
        detail.into(),
    )
    .await?;
    if was.enabled_at.is_some() {
        println!("two-factor sign-in of {email} (user {}) is off", user.id);
        eprintln!(
            "every session of {email} has ended; the password alone signs in now, and the user \
             can set up a new authenticator app at /account/two-factor"
        );
    } else {
        println!(
            "two-factor sign-in of {email} (user {}) was not on; sessions ended",
            user.id
        );
    }
    Ok(())
}

/// The place an organisation is based in without `--place`.
async fn default_place(store: &dyn Store, home: Option<(f64, f64)>) -> anyhow::Result<i64> {
    let Some((lat, lon)) = home else {
        return Ok(DEFAULT_PLACE);
    };
    let places = store.places().await?;
    places
        .iter()
        .filter(|p| bleibe_domain::place::distance_km(lat, lon, p.lat, p.lon) <= HOME_RADIUS_KM)
        .max_by_key(|p| (p.population.unwrap_or(0), std::cmp::Reverse(p.id)))
        .map(|p| p.id)
        .ok_or_else(|| {
            anyhow!("no place within {HOME_RADIUS_KM} km of --home {lat},{lon}: give --place")
        })
}

async fn org_add(args: OrgAddArgs) -> anyhow::Result<()> {
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;
    let place_id = match args.place {
        Some(id) => id,
        None => default_place(store.as_ref(), args.home).await?,
    };
    let place = store.place(place_id).await?.ok_or_else(|| {
        anyhow!("--place: there is no place with GeoNames id {place_id} (e.g. 2939811 is Cottbus)")
    })?;
    let new = NewEmployer {
        name: args.name,
        place_id,
        description: args.description,
        website: args.website,
        demo: false,
        kind: args.kind,
    }
    .validate()
    .map_err(|e| anyhow!("--{}: {}", e.field, e.message))?;
    let org = store
        .insert_employers(std::slice::from_ref(&new))
        .await?
        .into_iter()
        .next()
        .context("the database returned no organisation")?;
    audit(
        store.as_ref(),
        actions::ORG_CREATED,
        Some(org.id),
        format!("org:{}", org.id),
        format!("{} via cli", org.kind),
    )
    .await?;
    if args.verified {
        verify(store.as_ref(), &org).await?;
    }
    println!("{}", org.id);
    eprintln!(
        "created {} {:?} in {} with id {}",
        org.kind, org.name, place.name, org.id
    );
    if org.kind.needs_verification() && !args.verified {
        eprintln!(
            "note: a {} has the rights of its kind only once verified: `bleibe org verify --org {}`",
            org.kind, org.id
        );
    }
    Ok(())
}

pub(crate) async fn organisation(store: &dyn Store, id: i64) -> anyhow::Result<Employer> {
    store
        .employer(id)
        .await?
        .ok_or_else(|| anyhow!("--org: there is no organisation with id {id}"))
}

async fn verify(store: &dyn Store, org: &Employer) -> anyhow::Result<()> {
    store.set_verified(org.id, true).await?;
    audit(
        store,
        actions::ORG_VERIFIED,
        Some(org.id),
        format!("org:{}", org.id),
        "via cli".into(),
    )
    .await
}

async fn org_grant(args: OrgGrantArgs) -> anyhow::Result<()> {
    let email =
        normalize_email("email", &args.email).map_err(|e| anyhow!("--email: {}", e.message))?;
    let (store, _) = db::open(&args.db).await?;
    let org = organisation(store.as_ref(), args.org).await?;
    let user = store.user_by_email(&email).await?.ok_or_else(|| {
        anyhow!("--email: there is no user with the e-mail address {email} (create one with `bleibe user add`)")
    })?;
    store.set_role(org.id, user.id, args.role).await?;
    audit(
        store.as_ref(),
        actions::ROLE_CHANGED,
        Some(org.id),
        format!("user:{}", user.id),
        format!("{} via cli", args.role),
    )
    .await?;
    println!(
        "{email} is now {} of {:?} (org {})",
        args.role, org.name, org.id
    );
    Ok(())
}

async fn org_verify(args: OrgVerifyArgs) -> anyhow::Result<()> {
    let (store, _) = db::open(&args.db).await?;
    let org = organisation(store.as_ref(), args.org).await?;
    verify(store.as_ref(), &org).await?;
    println!("verified {} {:?} (org {})", org.kind, org.name, org.id);
    Ok(())
}

async fn token_create(args: TokenCreateArgs) -> anyhow::Result<()> {
    let name = bleibe_domain::text::required("name", &args.name, 200)
        .map_err(|e| anyhow!("--name: {}", e.message))?;
    let mut scopes = args.scopes;
    scopes.sort();
    scopes.dedup();
    let (store, _) = db::open(&args.db).await?;
    let org = organisation(store.as_ref(), args.org).await?;
    let (token, stored) = issue::api_token(store.as_ref(), org.id, &name, &scopes, None).await?;
    let scope_names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
    audit(
        store.as_ref(),
        actions::TOKEN_CREATED,
        Some(org.id),
        format!("token:{}", stored.id),
        format!("{name} ({}) via cli", scope_names.join(" ")),
    )
    .await?;
    println!("{token}");
    eprintln!(
        "created token {:?} (id {}) for {:?} (org {}) with {}: store it now, it is not shown again",
        name,
        stored.id,
        org.name,
        org.id,
        scope_names.join(", ")
    );
    Ok(())
}

/// Appends to the audit log: no actor (the shell), no address.
pub(crate) async fn audit(
    store: &dyn Store,
    action: &str,
    org_id: Option<i64>,
    target: String,
    detail: String,
) -> anyhow::Result<()> {
    store
        .audit(&AuditEntry::new(action, org_id, target, detail))
        .await
        .context("cannot write the audit log")
}

#[cfg(test)]
mod tests {
    use super::read_password;

    fn read(input: &str) -> Result<String, String> {
        read_password(&mut input.as_bytes()).map_err(|e| e.to_string())
    }

    #[test]
    fn the_password_is_one_line_without_its_line_break() {
        assert_eq!(read("zwölf zeichen\n").unwrap(), "zwölf zeichen");
        assert_eq!(read("zwölf zeichen\r\n").unwrap(), "zwölf zeichen");
        assert_eq!(read("zwölf zeichen").unwrap(), "zwölf zeichen");
        assert_eq!(
            read(" padded spaces \nsecond line\n").unwrap(),
            " padded spaces "
        );
        assert!(read("short\n")
            .unwrap_err()
            .contains("at least 12 characters"));
        assert!(read("").unwrap_err().contains("--password-link"));
        assert!(read("\n").unwrap_err().contains("at least 12 characters"));
    }
}
