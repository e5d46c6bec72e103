//! Outgoing mail: SMTP through lettre when configured, otherwise `.eml` files in the
//! outbox directory, so that a local run shows every message it would have sent.

use lettre::message::{header::ContentType, Mailbox};
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use std::path::PathBuf;

enum Via {
    Smtp(Box<SmtpTransport>),
    Outbox(PathBuf),
    /// No outbox configured (tests without a data dir): messages are logged only.
    Log,
}

/// Sends mail one way or the other.
pub struct Mailer {
    from: Mailbox,
    via: Via,
}

impl Mailer {
    /// Builds the mailer from the settings. A bad SMTP URL or sender is an error at
    /// start, not at the first sign-up.
    pub fn new(
        smtp_url: Option<&str>,
        from: &str,
        outbox: Option<PathBuf>,
    ) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("mail sender {from:?}: {e}"))?;
        let via = match (smtp_url, outbox) {
            (Some(url), _) => Via::Smtp(Box::new(
                SmtpTransport::from_url(url)
                    .map_err(|e| format!("SMTP URL: {e}"))?
                    .build(),
            )),
            (None, Some(dir)) => {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("outbox {}: {e}", dir.display()))?;
                Via::Outbox(dir)
            }
            (None, None) => Via::Log,
        };
        Ok(Self { from, via })
    }

    /// Where messages go, for the start-up log.
    pub fn describe(&self) -> String {
        match &self.via {
            Via::Smtp(_) => "smtp".into(),
            Via::Outbox(dir) => format!("outbox {}", dir.display()),
            Via::Log => "log only".into(),
        }
    }

    /// Sends a plain-text message. Blocking I/O runs off the async threads.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        match &self.via {
            Via::Smtp(t) => {
                let t = t.clone();
                tokio::task::spawn_blocking(move || t.send(&message).map(|_| ()))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| e.to_string())
            }
            Via::Outbox(dir) => {
                let t = FileTransport::new(dir);
                tokio::task::spawn_blocking(move || t.send(&message).map(|_| ()))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| e.to_string())
            }
            Via::Log => {
                tracing::info!(subject, "mail not sent: no SMTP server and no outbox");
                Ok(())
            }
        }
    }

    /// Deletes the messages to `address` still lying in the outbox (an erased person's
    /// mails must not stay in the data dir). Sent SMTP mail is out of reach.
    pub async fn forget(&self, address: &str) {
        if let Via::Outbox(dir) = &self.via {
            let dir = dir.clone();
            let address = address.to_lowercase();
            let _ = tokio::task::spawn_blocking(move || forget_in_outbox(&dir, &address)).await;
        }
    }
}

/// Deletes the `.eml` files in `dir` whose `To` header names `address`; returns how many.
pub fn forget_in_outbox(dir: &std::path::Path, address: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let address = address.to_lowercase();
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(text) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&text);
        // Headers end at the first empty line; an address header may be folded.
        let headers = text.split("\r\n\r\n").next().unwrap_or("").to_lowercase();
        let to = headers
            .split("\r\n")
            .skip_while(|l| !l.starts_with("to:"))
            .take_while(|l| l.starts_with("to:") || l.starts_with(' ') || l.starts_with('\t'))
            .collect::<String>();
        if to.contains(&address) && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}
