//! Operator commands on networks: `bleibe network add|join|admin`. Like the account
//! commands they write to the database directly, record what they did in the audit log
//! ("… via cli") and print what a script needs (an id) on stdout.

use crate::accounts::{audit, organisation};
use crate::{db, DbArgs};
use anyhow::{anyhow, bail};
use bleibe_domain::account::{check_slug, normalize_email};
use bleibe_store::accounts::NewNetwork;
use bleibe_store::{Store, StoreError};
use bleibe_web::auth::audit::actions;
use clap::{Args, Subcommand};

/// `bleibe network …`
#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Create a network over an area (places) with member organisations; prints only its
    /// id on stdout.
    Add(NetworkAddArgs),
    /// Make an organisation a member: its people see the network's members-only records.
    Join(NetworkJoinArgs),
    /// Make a user an admin of the network: they add and verify members, move ideas,
    /// create working groups and moderate measures.
    Admin(NetworkAdminArgs),
}

/// Options of `bleibe network add`.
#[derive(Args, Debug)]
pub struct NetworkAddArgs {
    #[command(flatten)]
    db: DbArgs,
    /// URL name: the portal is `/n/{slug}` (2–40 lower-case letters, digits, hyphens).
    #[arg(long)]
    slug: String,
    /// Name.
    #[arg(long)]
    name: String,
    /// Plain-text description.
    #[arg(long, default_value = "")]
    description: String,
    /// GeoNames ids of the places of its area (repeat, or separate by commas).
    #[arg(long = "place", value_delimiter = ',', required = true)]
    places: Vec<i64>,
    /// Ids of member organisations (repeat, or separate by commas).
    #[arg(long = "org", value_delimiter = ',')]
    orgs: Vec<i64>,
}

/// Options of `bleibe network join`.
#[derive(Args, Debug)]
pub struct NetworkJoinArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The network's id.
    #[arg(long)]
    network: i64,
    /// The organisation's id.
    #[arg(long)]
    org: i64,
}

/// Options of `bleibe network admin`.
#[derive(Args, Debug)]
pub struct NetworkAdminArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The network's id.
    #[arg(long)]
    network: i64,
    /// The user's e-mail address.
    #[arg(long)]
    email: String,
}

/// Runs `bleibe network …`.
pub async fn run(command: NetworkCommand) -> anyhow::Result<()> {
    match command {
        NetworkCommand::Add(args) => add(args).await,
        NetworkCommand::Join(args) => join(args).await,
        NetworkCommand::Admin(args) => admin(args).await,
    }
}

async fn network(store: &dyn Store, id: i64) -> anyhow::Result<bleibe_domain::Network> {
    store
        .network(id)
        .await?
        .ok_or_else(|| anyhow!("--network: there is no network with id {id}"))
}

async fn add(args: NetworkAddArgs) -> anyhow::Result<()> {
    check_slug("slug", &args.slug).map_err(|e| anyhow!("--slug: {}", e.message))?;
    let name = bleibe_domain::text::required("name", &args.name, 200)
        .map_err(|e| anyhow!("--name: {}", e.message))?;
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;
    let known = store.places().await?;
    if let Some(bad) = args
        .places
        .iter()
        .find(|p| !known.iter().any(|k| k.id == **p))
    {
        bail!("--place: {bad} is not a known place (a GeoNames id, e.g. 2939811 for Cottbus)");
    }
    for org in &args.orgs {
        organisation(store.as_ref(), *org).await?;
    }
    let created = store
        .create_network(&NewNetwork {
            slug: args.slug.clone(),
            name,
            description: args.description.trim().to_string(),
            place_ids: args.places,
            org_ids: args.orgs,
            demo: false,
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => anyhow!("--slug: a network {:?} exists already", args.slug),
            other => other.into(),
        })?;
    audit(
        store.as_ref(),
        actions::NETWORK_CHANGED,
        None,
        format!("network:{}", created.id),
        "created via cli".into(),
    )
    .await?;
    eprintln!("created network {:?} (/n/{})", created.name, created.slug);
    println!("{}", created.id);
    Ok(())
}

async fn join(args: NetworkJoinArgs) -> anyhow::Result<()> {
    let (store, _) = db::open(&args.db).await?;
    let net = network(store.as_ref(), args.network).await?;
    let org = organisation(store.as_ref(), args.org).await?;
    store.add_network_org(net.id, org.id).await?;
    audit(
        store.as_ref(),
        actions::NETWORK_CHANGED,
        Some(org.id),
        format!("network:{}", net.id),
        "member added via cli".into(),
    )
    .await?;
    println!(
        "{:?} (org {}) is a member of {:?}",
        org.name, org.id, net.name
    );
    Ok(())
}

async fn admin(args: NetworkAdminArgs) -> anyhow::Result<()> {
    let email =
        normalize_email("email", &args.email).map_err(|e| anyhow!("--email: {}", e.message))?;
    let (store, _) = db::open(&args.db).await?;
    let net = network(store.as_ref(), args.network).await?;
    let user = store.user_by_email(&email).await?.ok_or_else(|| {
        anyhow!("--email: there is no user with the e-mail address {email} (create one with `bleibe user add`)")
    })?;
    store.add_network_admin(net.id, user.id).await?;
    audit(
        store.as_ref(),
        actions::NETWORK_CHANGED,
        None,
        format!("network:{}", net.id),
        format!("admin user:{} via cli", user.id),
    )
    .await?;
    println!("{email} administers {:?} (network {})", net.name, net.id);
    Ok(())
}
