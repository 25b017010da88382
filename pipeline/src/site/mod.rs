//! The public report-card site: static HTML rendered with askama templates from the
//! top-level `site/` folder into `<out>/site/`.
//!
//! Input: the measure definitions and the [`Public`] value of the publish stage (every
//! number the public may see, already through the small-number rules). Output: a
//! self-contained folder of pages, assets and public downloads, with relative links only, so
//! it works from `file://` and from any static host. The site renders: it runs no query,
//! computes no statistic and applies no privacy rule of its own.

pub mod charts;
pub mod downloads;
pub mod i18n;
mod names;
mod pages;
pub mod text;
mod views;

use std::path::{Path, PathBuf};

use crate::measures::definition::MeasureSet;
use crate::publish::Public;

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("rendering {page}: {source}")]
    Render { page: String, source: askama::Error },
    #[error("writing the downloads: {0}")]
    Downloads(String),
    /// A message catalog or the language list of `site/i18n/` is broken, or English lacks a
    /// message a page asks for.
    #[error("message catalogs: {0}")]
    Catalog(String),
}

/// The result of this module's operations.
pub type Result<T, E = SiteError> = std::result::Result<T, E>;

/// Everything the site is built from: the measure definitions (titles, words) and what the
/// publish stage made public.
pub struct SiteInput<'a> {
    pub definitions: &'a MeasureSet,
    pub public: &'a Public,
}

/// What was written.
#[derive(Debug, Default)]
pub struct SiteSummary {
    pub pages: usize,
    pub files: usize,
}

/// Renders the site into `dir` (created; must not exist or be empty).
pub fn render(input: &SiteInput, dir: &Path) -> Result<SiteSummary> {
    let mut w = Writer { root: dir.to_path_buf(), summary: SiteSummary::default() };
    pages::render_all(input, &mut w)?;
    downloads::write_all(input, &mut w)?;
    for (name, body) in ASSETS {
        w.file(&format!("assets/{name}"), body.as_bytes())?;
    }
    Ok(w.summary)
}

/// The static assets, compiled in so the binary renders the same site wherever it runs.
const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../../site/static/style.css")),
    ("site.js", include_str!("../../../site/static/site.js")),
];

/// Writes files under the site folder and counts them.
pub struct Writer {
    root: PathBuf,
    pub summary: SiteSummary,
}

impl Writer {
    pub fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| SiteError::Io { path: parent.to_path_buf(), source })?;
        }
        std::fs::write(&path, bytes).map_err(|source| SiteError::Io { path, source })?;
        self.summary.files += 1;
        Ok(())
    }

    pub fn page(&mut self, rel: &str, t: &impl askama::Template) -> Result<()> {
        let html = t.render().map_err(|source| SiteError::Render { page: rel.to_string(), source })?;
        self.file(rel, html.as_bytes())?;
        self.summary.pages += 1;
        Ok(())
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}
