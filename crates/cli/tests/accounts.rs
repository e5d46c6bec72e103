//! The operator commands against a real data dir: `user add|reset-two-factor`, `org
//! add|grant|verify`, `token create`.

use bleibe_domain::{OrgKind, Role, Scope};
use bleibe_store::accounts::{OneTimePurpose, Session};
use bleibe_store::{Accounts, Store};
use bleibe_store_sqlite::SqliteStore;
use bleibe_web::auth::crypto::{sha256_hex, verify_password};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `bleibe <args> --data-dir <dir>` with `stdin` piped in (none: empty stdin).
fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    // `--data-dir` belongs to the subcommand: put the subcommand words first.
    let mut c = Command::new(env!("CARGO_BIN_EXE_bleibe"));
    c.env_remove("BLEIBE_DATABASE_URL")
        .env_remove("BLEIBE_DATA_DIR")
        .env_remove("BLEIBE_HOME")
        .env_remove("BLEIBE_PUBLIC_URL")
        .env("RUST_LOG", "warn")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(s) = stdin {
        input.write_all(s.as_bytes()).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("wait")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn failed(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "should fail; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout when it fails");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn id(stdout: &str) -> i64 {
    stdout
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("only an id on stdout: {stdout:?}"))
}

fn with_store<T>(dir: &Path, f: impl AsyncFnOnce(&SqliteStore) -> T) -> T {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = SqliteStore::open_file(&dir.join("bleibe.db"))
            .await
            .expect("open");
        let result = f(&store).await;
        store.close().await;
        result
    })
}

const PASSWORD: &str = "richtig langes passwort";

#[test]
fn user_add_reads_the_password_from_stdin_and_refuses_a_taken_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            " Anna.Schmidt@Example.DE ",
            "--name",
            "Anna Schmidt",
            "--platform-admin",
            "--language",
            "en",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    let user_id = id(&ok(&out));
    let (user, hash, audit) = with_store(dir.path(), async |s| {
        (
            s.user_by_email("anna.schmidt@example.de")
                .await
                .expect("user")
                .expect("created"),
            s.password_hash(user_id).await.expect("hash"),
            s.audit_log(None, 10).await.expect("audit"),
        )
    });
    assert_eq!(user.id, user_id);
    assert_eq!(user.display_name, "Anna Schmidt");
    assert_eq!(user.language, "en");
    assert!(user.platform_admin);
    assert!(user.email_verified_at.is_some(), "the operator vouches");
    let hash = hash.expect("a password hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    assert!(rt.block_on(verify_password(PASSWORD.into(), Some(hash.clone()))));
    assert!(
        !rt.block_on(verify_password(format!("{PASSWORD}\n"), Some(hash))),
        "the line break is not part of the password"
    );
    assert!(audit
        .iter()
        .any(|e| e.action == "signup" && e.target == format!("user:{user_id}")));

    let again = run(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "anna.schmidt@example.de",
            "--name",
            "Anna",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    let stderr = failed(&again);
    assert!(
        stderr.contains("anna.schmidt@example.de exists already"),
        "{stderr}"
    );
}

#[test]
fn user_add_refuses_a_short_or_missing_password_and_names_the_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = [
        "user",
        "add",
        "--email",
        "kurz@example.de",
        "--name",
        "Kurz",
    ];
    let out = run(dir.path(), &args, Some("zu kurz\n"));
    let stderr = failed(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("at least 12 characters"), "{stderr}");
    let out = run(dir.path(), &args, None);
    let stderr = failed(&out);
    assert!(stderr.contains("no password on stdin"), "{stderr}");
    assert!(stderr.contains("--password-link"), "{stderr}");
    let user = with_store(dir.path(), async |s| {
        s.user_by_email("kurz@example.de").await.expect("query")
    });
    assert!(user.is_none(), "no account without an accepted password");

    let out = run(
        dir.path(),
        &["user", "add", "--email", "no-at-sign", "--name", "X"],
        Some(&format!("{PASSWORD}\n")),
    );
    assert!(failed(&out).contains("--email"));
}

#[test]
fn user_add_with_a_link_stores_only_the_hash_of_a_reset_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "ohne@example.de",
            "--name",
            "Ohne Passwort",
            "--password-link",
            "--public-url",
            "https://bleibe.example/",
        ],
        None,
    );
    let stdout = ok(&out);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    let user_id = id(lines[0]);
    let token = lines[1]
        .strip_prefix("https://bleibe.example/password/reset/")
        .unwrap_or_else(|| panic!("a set-password link: {stdout}"));
    assert_eq!(token.len(), 43);
    let (hash, link, used_again) = with_store(dir.path(), async |s| {
        let now = chrono::Utc::now();
        let hash = s.password_hash(user_id).await.expect("hash");
        let in_six_days = now + chrono::Duration::days(6);
        let link = s
            .consume_one_time(
                &sha256_hex(token.as_bytes()),
                OneTimePurpose::ResetPassword,
                in_six_days,
            )
            .await
            .expect("consume");
        let again = s
            .consume_one_time(
                &sha256_hex(token.as_bytes()),
                OneTimePurpose::ResetPassword,
                now,
            )
            .await
            .expect("consume");
        (hash, link, again)
    });
    assert_eq!(hash, None, "no password until the link is used");
    let link = link.expect("the link is valid for days");
    assert_eq!(link.user_id, Some(user_id));
    assert!(link.expires_at > chrono::Utc::now() + chrono::Duration::days(6));
    assert!(used_again.is_none(), "once");
}

#[test]
fn reset_two_factor_turns_it_off_and_ends_the_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "handy.weg@example.de",
            "--name",
            "Handy Weg",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    let user_id = id(&ok(&out));
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    with_store(dir.path(), async |s| {
        s.set_totp_secret(user_id, Some(secret))
            .await
            .expect("secret");
        assert!(s
            .enable_totp(user_id, secret, chrono::Utc::now())
            .await
            .expect("on"));
        let now = chrono::Utc::now();
        s.create_session(&Session {
            id_hash: "session".into(),
            user_id,
            csrf_token: "csrf".into(),
            created_at: now,
            expires_at: now + chrono::Duration::hours(1),
            second_factor_at: Some(now),
        })
        .await
        .expect("session");
    });

    let out = run(
        dir.path(),
        &[
            "user",
            "reset-two-factor",
            "--email",
            " Handy.Weg@Example.DE ",
        ],
        None,
    );
    let stdout = ok(&out);
    assert!(stdout.contains("is off"), "{stdout}");
    let (state, session, audit) = with_store(dir.path(), async |s| {
        (
            s.totp_state(user_id).await.expect("state").expect("user"),
            s.session("session", chrono::Utc::now())
                .await
                .expect("session"),
            s.audit_log(None, 10).await.expect("audit"),
        )
    });
    assert_eq!(state, Default::default(), "secret, time and step cleared");
    assert_eq!(session, None, "the sessions ended");
    let entry = audit
        .iter()
        .find(|e| e.action == "two_factor_disabled")
        .expect("audited");
    assert_eq!(entry.target, format!("user:{user_id}"));
    assert_eq!(entry.detail, "reset via cli");
    assert_eq!(entry.actor_user_id, None);

    let err = failed(&run(
        dir.path(),
        &["user", "reset-two-factor", "--email", "niemand@example.de"],
        None,
    ));
    assert!(err.contains("no user"), "{err}");
}

#[test]
fn org_add_grant_verify_and_token_create() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &[
            "org",
            "add",
            "--name",
            "Bäckerei Krause",
            "--kind",
            "employer",
            "--website",
            "https://krause.example",
        ],
        None,
    );
    let stdout = ok(&out);
    let bakery = id(&stdout);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("verif"),
        "employers need no verification"
    );

    let out = run(
        dir.path(),
        &[
            "org",
            "add",
            "--name",
            "Stadt Spremberg",
            "--kind",
            "municipality",
            "--place",
            "2830085",
        ],
        None,
    );
    let town = id(&ok(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("verified") && stderr.contains(&format!("org verify --org {town}")),
        "{stderr}"
    );

    let out = run(
        dir.path(),
        &[
            "org",
            "add",
            "--name",
            "Welcome Center",
            "--kind",
            "welcome_center",
            "--verified",
        ],
        None,
    );
    let center = id(&ok(&out));

    let out = run(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "chef@krause.example",
            "--name",
            "Chef",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    let user_id = id(&ok(&out));
    let out = run(
        dir.path(),
        &[
            "org",
            "grant",
            "--org",
            &bakery.to_string(),
            "--email",
            "Chef@Krause.example",
            "--role",
            "admin",
        ],
        None,
    );
    ok(&out);
    let out = run(
        dir.path(),
        &["org", "verify", "--org", &town.to_string()],
        None,
    );
    ok(&out);

    let out = run(
        dir.path(),
        &[
            "token",
            "create",
            "--org",
            &bakery.to_string(),
            "--name",
            "ATS export",
            "--scope",
            "jobs:write",
            "--scope",
            "organisation:write",
        ],
        None,
    );
    let stdout = ok(&out);
    let token = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "only the token: {stdout}");
    assert!(
        token.starts_with("bleibe_") && token.len() == 7 + 43,
        "{token}"
    );

    let (b, t, c, memberships, api_token, audit) = with_store(dir.path(), async |s| {
        (
            s.employer(bakery).await.expect("q").expect("bakery"),
            s.employer(town).await.expect("q").expect("town"),
            s.employer(center).await.expect("q").expect("center"),
            s.memberships(user_id).await.expect("memberships"),
            s.api_token_by_hash(&sha256_hex(token.as_bytes()))
                .await
                .expect("q"),
            s.audit_log(None, 50).await.expect("audit"),
        )
    });
    assert_eq!(b.name, "Bäckerei Krause");
    assert_eq!(b.kind, OrgKind::Employer);
    assert_eq!(b.place.id, 2939811, "Cottbus by default");
    assert_eq!(b.website.as_deref(), Some("https://krause.example"));
    assert!(!b.demo);
    assert_eq!(t.kind, OrgKind::Municipality);
    assert_eq!(t.place.id, 2830085);
    assert!(t.verified, "org verify");
    assert_eq!(c.kind, OrgKind::WelcomeCenter);
    assert!(c.verified, "--verified");
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].org_id, bakery);
    assert_eq!(memberships[0].role, Role::Admin);
    let api_token = api_token.expect("the printed token's hash is stored");
    assert_eq!(api_token.org_id, bakery);
    assert_eq!(api_token.name, "ATS export");
    assert_eq!(
        api_token.scopes,
        vec![Scope::JobsWrite, Scope::OrganisationWrite]
    );
    let has = |action: &str, detail: &str| {
        audit
            .iter()
            .any(|e| e.action == action && e.detail.contains(detail))
    };
    assert!(has("role_changed", "admin via cli"), "{audit:#?}");
    assert!(has("token_created", "ATS export"), "{audit:#?}");
    assert!(has("org_created", "municipality via cli"), "{audit:#?}");
    assert!(has("org_verified", "via cli"), "{audit:#?}");
    assert!(!audit.iter().any(|e| e.detail.contains(token)), "no secret");

    // A role changes in place.
    let out = run(
        dir.path(),
        &[
            "org",
            "grant",
            "--org",
            &bakery.to_string(),
            "--email",
            "chef@krause.example",
            "--role",
            "editor",
        ],
        None,
    );
    ok(&out);
    let memberships = with_store(dir.path(), async |s| {
        s.memberships(user_id).await.expect("memberships")
    });
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].role, Role::Editor);

    // Unknown organisation or user: a clear error, nothing on stdout.
    for args in [
        vec![
            "org",
            "grant",
            "--org",
            "99999",
            "--email",
            "chef@krause.example",
            "--role",
            "admin",
        ],
        vec![
            "token",
            "create",
            "--org",
            "99999",
            "--name",
            "x",
            "--scope",
            "jobs:write",
        ],
        vec!["org", "verify", "--org", "99999"],
    ] {
        let stderr = failed(&run(dir.path(), &args, None));
        assert!(
            stderr.contains("no organisation with id 99999"),
            "{args:?}: {stderr}"
        );
    }
    let bakery_id = bakery.to_string();
    let stderr = failed(&run(
        dir.path(),
        &[
            "org",
            "grant",
            "--org",
            &bakery_id,
            "--email",
            "wer@example.de",
            "--role",
            "admin",
        ],
        None,
    ));
    assert!(
        stderr.contains("no user with the e-mail address wer@example.de"),
        "{stderr}"
    );
}

#[test]
fn bad_kinds_roles_scopes_and_places_are_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &["org", "add", "--name", "X", "--kind", "firma"],
        None,
    );
    let stderr = failed(&out);
    assert_eq!(out.status.code(), Some(2), "a usage error, like clap's");
    for kind in OrgKind::ALL {
        assert!(stderr.contains(kind.as_str()), "lists {kind}: {stderr}");
    }
    let stderr = failed(&run(
        dir.path(),
        &[
            "org", "grant", "--org", "1", "--email", "a@b.de", "--role", "owner",
        ],
        None,
    ));
    assert!(stderr.contains("member, editor, admin"), "{stderr}");
    let stderr = failed(&run(
        dir.path(),
        &[
            "token",
            "create",
            "--org",
            "1",
            "--name",
            "x",
            "--scope",
            "jobs:read",
        ],
        None,
    ));
    assert!(
        stderr.contains("jobs:write") && stderr.contains("organisation:write"),
        "{stderr}"
    );
    let stderr = failed(&run(
        dir.path(),
        &["token", "create", "--org", "1", "--name", "x"],
        None,
    ));
    assert!(stderr.contains("--scope"), "{stderr}");

    let stderr = failed(&run(
        dir.path(),
        &[
            "org", "add", "--name", "X", "--kind", "employer", "--place", "1",
        ],
        None,
    ));
    assert!(stderr.contains("no place with GeoNames id 1"), "{stderr}");
    let stderr = failed(&run(
        dir.path(),
        &[
            "org",
            "add",
            "--name",
            "X",
            "--kind",
            "employer",
            "--website",
            "krause.example",
        ],
        None,
    ));
    assert!(stderr.contains("--website"), "{stderr}");
    let orgs = with_store(dir.path(), async |s| {
        s.employers().await.expect("employers")
    });
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn the_default_place_follows_the_home_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let add = |home: &str, name: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_bleibe"))
            .env_remove("BLEIBE_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .env("BLEIBE_HOME", home)
            .args([
                "org",
                "add",
                "--name",
                name,
                "--kind",
                "employer",
                "--data-dir",
            ])
            .arg(dir.path())
            .output()
            .expect("run");
        id(&ok(&out))
    };
    // The default home (the Lausitz): Cottbus, as without BLEIBE_HOME.
    let lausitz = add("51.50,14.40", "Lausitz");
    // Görlitz, 75 km from Cottbus: its largest place within 30 km.
    let goerlitz = add("51.15,14.99", "Görlitz");
    let (lausitz, goerlitz) = with_store(dir.path(), async |s| {
        (
            s.employer(lausitz).await.expect("q").expect("org").place,
            s.employer(goerlitz).await.expect("q").expect("org").place,
        )
    });
    assert_eq!(lausitz.id, 2939811, "{lausitz:?}");
    assert_ne!(goerlitz.id, 2939811);
    assert!(
        bleibe_domain::place::distance_km(51.15, 14.99, goerlitz.lat, goerlitz.lon) <= 30.0,
        "{goerlitz:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_work_on_postgres() {
    let Some(url) = bleibe_store_postgres::testing::test_url() else {
        eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
        return;
    };
    // An empty database: `org add` loads the places itself.
    let db = bleibe_store_postgres::testing::test_database(&url, false).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let pg = |args: &[&str], stdin: Option<&str>| {
        let mut all = args.to_vec();
        all.extend(["--database-url", db.url.as_str()]);
        run(dir.path(), &all, stdin)
    };
    let user = id(&ok(&pg(
        &["user", "add", "--email", "pg@example.de", "--name", "PG"],
        Some(PASSWORD),
    )));
    let org = id(&ok(&pg(
        &[
            "org",
            "add",
            "--name",
            "Landkreis",
            "--kind",
            "county",
            "--verified",
        ],
        None,
    )));
    let org_id = org.to_string();
    ok(&pg(
        &[
            "org",
            "grant",
            "--org",
            &org_id,
            "--email",
            "pg@example.de",
            "--role",
            "editor",
        ],
        None,
    ));
    let token = ok(&pg(
        &[
            "token",
            "create",
            "--org",
            &org_id,
            "--name",
            "Import",
            "--scope",
            "jobs:write",
        ],
        None,
    ));
    let stderr = failed(&pg(
        &[
            "org",
            "grant",
            "--org",
            "99999",
            "--email",
            "pg@example.de",
            "--role",
            "admin",
        ],
        None,
    ));
    assert!(stderr.contains("no organisation with id 99999"), "{stderr}");

    assert_eq!(db.counts().await.expect("counts").places, 11_870);
    let hash = db.password_hash(user).await.expect("hash");
    assert!(
        verify_password(PASSWORD.into(), hash).await,
        "no line break: the whole input"
    );
    let o = db.employer(org).await.expect("q").expect("org");
    assert_eq!(
        (o.kind, o.verified, o.place.id),
        (OrgKind::County, true, 2939811)
    );
    let m = db.memberships(user).await.expect("memberships");
    assert_eq!((m.len(), m[0].org_id, m[0].role), (1, org, Role::Editor));
    let t = db
        .api_token_by_hash(&sha256_hex(token.trim().as_bytes()))
        .await
        .expect("q")
        .expect("token");
    assert_eq!((t.org_id, t.scopes), (org, vec![Scope::JobsWrite]));
}

#[test]
fn networks_are_made_and_staffed_at_the_shell() {
    use bleibe_store::Cooperation;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let town = id(&ok(&run(
        d,
        &[
            "org",
            "add",
            "--name",
            "Stadt Spremberg",
            "--kind",
            "municipality",
            "--place",
            "2830085",
        ],
        None,
    )));
    let other = id(&ok(&run(
        d,
        &[
            "org",
            "add",
            "--name",
            "Stadt Weißwasser",
            "--kind",
            "municipality",
        ],
        None,
    )));
    ok(&run(
        d,
        &[
            "user",
            "add",
            "--email",
            "netz@example.org",
            "--name",
            "Netzwerkbüro",
        ],
        Some(&format!("{PASSWORD}\n")),
    ));
    let net = id(&ok(&run(
        d,
        &[
            "network",
            "add",
            "--slug",
            "dreieck",
            "--name",
            "Städte-Dreieck",
            "--place",
            "2830085,2811698",
            "--org",
            &town.to_string(),
        ],
        None,
    )));
    ok(&run(
        d,
        &[
            "network",
            "join",
            "--network",
            &net.to_string(),
            "--org",
            &other.to_string(),
        ],
        None,
    ));
    ok(&run(
        d,
        &[
            "network",
            "admin",
            "--network",
            &net.to_string(),
            "--email",
            "netz@example.org",
        ],
        None,
    ));
    // Bad input is refused with the option to fix, and nothing is written.
    let err = failed(&run(
        d,
        &[
            "network",
            "add",
            "--slug",
            "dreieck",
            "--name",
            "Noch eins",
            "--place",
            "2830085",
        ],
        None,
    ));
    assert!(err.contains("--slug"), "{err}");
    let err = failed(&run(
        d,
        &[
            "network", "add", "--slug", "neu", "--name", "Neu", "--place", "1",
        ],
        None,
    ));
    assert!(err.contains("--place"), "{err}");
    let err = failed(&run(
        d,
        &[
            "network",
            "join",
            "--network",
            "999",
            "--org",
            &town.to_string(),
        ],
        None,
    ));
    assert!(err.contains("--network"), "{err}");
    with_store(d, async |store| {
        let mut orgs = store.network_orgs(net).await.expect("orgs");
        orgs.sort_unstable();
        assert_eq!(orgs, vec![town, other]);
        assert_eq!(store.network_places(net).await.expect("places").len(), 2);
        let admin = store
            .user_by_email("netz@example.org")
            .await
            .expect("user")
            .expect("exists");
        assert_eq!(
            store.admin_networks(admin.id).await.expect("admin"),
            vec![net]
        );
        assert_eq!(
            store.org_networks(other).await.expect("networks"),
            vec![net]
        );
        assert_eq!(store.networks().await.expect("networks").len(), 1);
    });
}
