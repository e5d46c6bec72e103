//! Shared application state.

use crate::config::SiteConfig;
use crate::problem::AppError;
use bleibe_geo::Gazetteer;
use bleibe_search::JobIndex;
use bleibe_store::Store;
use std::sync::Arc;

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// The job search index, following the store's change log.
    pub index: Arc<JobIndex>,
    /// All places in memory.
    pub gazetteer: Arc<Gazetteer>,
    /// Operator settings.
    pub config: Arc<SiteConfig>,
    /// Request counters for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Outgoing mail.
    pub mailer: Arc<crate::auth::mail::Mailer>,
    /// Places, profiles and travel times for "Leben & Arbeiten", loaded on first use.
    pub living: Arc<crate::living::Living>,
}

/// A running application state and the task that keeps its index current.
pub struct Started {
    /// The state to serve.
    pub state: AppState,
    /// Stops the follower when set to `true`.
    pub stop: tokio::sync::watch::Sender<bool>,
    /// The follower task.
    pub follower: tokio::task::JoinHandle<()>,
}

impl AppState {
    /// Builds the derived state from the store — the gazetteer from its places, a search
    /// index in memory from its jobs — and starts following the change log every `poll`.
    pub async fn start(
        store: Arc<dyn Store>,
        config: SiteConfig,
        poll: std::time::Duration,
    ) -> Result<Started, AppError> {
        Self::start_with_index(store, config, poll, JobIndex::in_ram()?).await
    }

    /// [`AppState::start`] with a given search index, such as one persisted in the data
    /// dir ([`JobIndex::open_in_dir`]): [`bleibe_search::resume`] catches it up from its
    /// recorded position, or rebuilds it when it was not built from this database.
    pub async fn start_with_index(
        store: Arc<dyn Store>,
        config: SiteConfig,
        poll: std::time::Duration,
        index: JobIndex,
    ) -> Result<Started, AppError> {
        let mailer = crate::auth::mail::Mailer::new(
            config.smtp_url.as_deref(),
            &config.mail_from,
            config.outbox_dir.clone(),
        )
        .map_err(AppError::internal)?;
        tracing::info!(via = %mailer.describe(), "mail");
        // The shipped case templates, once per version (a no-op when stored).
        let installed = store
            .install_case_templates(&bleibe_domain::casework::template::builtin())
            .await?;
        if installed > 0 {
            tracing::info!(installed, "case templates");
        }
        let places = store.places().await?;
        let gazetteer = Arc::new(Gazetteer::new(places, config.home));
        let index = Arc::new(index);
        let started = std::time::Instant::now();
        let ms = || started.elapsed().as_millis() as u64;
        match bleibe_search::resume(&index, store.as_ref()).await? {
            bleibe_search::Resumed::Rebuilt { reason, jobs } => {
                tracing::info!(jobs, ms = ms(), %reason, "search index built")
            }
            bleibe_search::Resumed::CaughtUp { from_seq, entries } => tracing::info!(
                jobs = index.num_docs(),
                from_seq,
                entries,
                ms = ms(),
                "search index caught up"
            ),
        }
        let (stop, rx) = tokio::sync::watch::channel(false);
        let follower = bleibe_search::spawn_follower(index.clone(), store.clone(), poll, rx);
        Ok(Started {
            state: AppState {
                store,
                index,
                gazetteer,
                config: Arc::new(config),
                metrics: Arc::default(),
                mailer: Arc::new(mailer),
                living: Arc::default(),
            },
            stop,
            follower,
        })
    }
}
